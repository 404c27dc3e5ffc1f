"""An officer of a partner agency on the 287(g) path, and ICE's background check of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_fsm import FSMField, FSMModelMixin, transition

from access.core import limits
from access.core.actors import SystemActor
from access.core.models import ProgramRecord
from access.officers.choices import ON_PATH, CheckOutcome, CheckResult, OfficerStatus

S = OfficerStatus


def grant(action: str) -> Callable[[Any, Any], bool]:
    """Transition permission: the user's ``officers.<action>_officer`` grant covers it."""

    def check(instance: Officer, user: Any) -> bool:
        if isinstance(user, SystemActor):
            return False
        return Officer.objects.restrict(user, action).filter(pk=instance.pk).exists()

    check.__name__ = f"grant_{action}"
    return check


def system_only(instance: Any, user: Any) -> bool:
    return isinstance(user, SystemActor)


class Officer(FSMModelMixin, ProgramRecord):
    """One nominated officer; the status is the step of the path they have reached."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="officers", verbose_name="agency"
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        related_name="officers",
        verbose_name="agreement",
        help_text="The agency's agreement the officer is nominated under.",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="officer_records",
        null=True,
        blank=True,
        verbose_name="account",
        help_text="The officer's own ACCESS account, if any (linked by the agency's liaison).",
    )
    status = FSMField(
        "status", default=S.NOMINATED, choices=S.choices(), protected=True, db_index=True
    )
    first_name = models.CharField("first name", max_length=100)
    last_name = models.CharField("last name", max_length=100)
    badge_number = models.CharField("badge or employee number", max_length=40)
    position = models.CharField("position", max_length=120)
    hired_on = models.DateField("date of hire")
    citizenship_attested = models.BooleanField(
        "U.S. citizenship attested",
        default=False,
        help_text="Required by statute: the agency attests the officer is a U.S. citizen.",
    )
    agency_check_on = models.DateField(
        "agency background check date", help_text="The agency's own 5-year background check."
    )
    agency_check_result = models.CharField(
        "agency background check result", max_length=10, choices=CheckResult.choices()
    )
    disciplinary_history = models.TextField(
        "disciplinary history disclosed",
        blank=True,
        max_length=limits.LONG_TEXT,
        help_text="Everything on record, or blank.",
    )
    excessive_force_allegations = models.BooleanField("excessive-force allegations", default=False)
    discrimination_allegations = models.BooleanField("discrimination allegations", default=False)
    nominated_on = models.DateField("nominated on")
    disqualification_lifted_at = models.DateTimeField(
        "disqualification lifted", null=True, blank=True, help_text="Exam attempts count anew."
    )
    removed_at = models.DateTimeField(
        "revoked or withdrawn", null=True, blank=True, help_text="No authority from this moment."
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervised_officers",
        null=True,
        blank=True,
        verbose_name="current ICE supervisor",
    )

    agency_scope = "agency"

    class Meta:
        ordering = ["agency__name", "last_name", "first_name"]
        permissions = [
            ("withdraw_officer", "Can withdraw a nomination"),
            ("screen_officer", "Can record ICE background checks"),
            ("train_officer", "Can record exams and certify"),
            ("lift_officer", "Can lift a disqualification"),
            ("authorize_officer", "Can authorize and renew"),
            ("manage_officer", "Can suspend, reinstate and revoke"),
            ("supervise_officer", "Can assign supervisors"),
            ("export_officer", "Can export officers"),
            ("report_officer", "Can report disciplinary events"),
            ("view_own_officer", "Can see their own officer record"),
            ("link_officer", "Can link an officer record to the officer's account"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "badge_number"],
                condition=models.Q(status__in=ON_PATH),
                name="one_officer_on_path_per_badge",
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.badge_number})"

    def get_absolute_url(self) -> str:
        return reverse("officers:detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    # The path. Each method only moves the state; actions.py checks, saves and audits.
    @transition(status, source=S.NOMINATED, target=S.CLEARED, permission=grant("screen"))
    def clear_check(self) -> None: ...

    @transition(status, source=S.NOMINATED, target=S.REJECTED, permission=grant("screen"))
    def reject_check(self) -> None: ...

    @transition(status, source=S.CLEARED, target=S.DISQUALIFIED, permission=grant("train"))
    def disqualify(self) -> None: ...

    @transition(status, source=S.DISQUALIFIED, target=S.CLEARED, permission=grant("lift"))
    def lift_disqualification(self) -> None: ...

    @transition(status, source=S.CLEARED, target=S.CERTIFIED, permission=grant("train"))
    def certify(self) -> None: ...

    @transition(status, source=S.CERTIFIED, target=S.AUTHORIZED, permission=grant("authorize"))
    def authorize(self) -> None: ...

    @transition(
        status, source=[S.AUTHORIZED, S.LAPSED], target=S.AUTHORIZED, permission=grant("authorize")
    )
    def renew(self) -> None: ...

    @transition(status, source=S.AUTHORIZED, target=S.LAPSED, permission=system_only)
    def lapse(self) -> None: ...

    @transition(status, source=S.AUTHORIZED, target=S.SUSPENDED, permission=grant("suspend"))
    def suspend(self) -> None: ...

    @transition(status, source=S.SUSPENDED, target=S.AUTHORIZED, permission=grant("manage"))
    def reinstate(self) -> None: ...

    @transition(
        status,
        source=[S.CLEARED, S.DISQUALIFIED, S.CERTIFIED, S.AUTHORIZED, S.SUSPENDED, S.LAPSED],
        target=S.REVOKED,
        permission=grant("manage"),
    )
    def revoke(self) -> None: ...

    @transition(
        status, source=[*ON_PATH, S.DISQUALIFIED], target=S.WITHDRAWN, permission=grant("withdraw")
    )
    def withdraw(self) -> None: ...


class BackgroundCheck(ProgramRecord):
    """ICE's check of a nominee. The agency sees only the outcome and the reason."""

    officer = models.OneToOneField(
        Officer, on_delete=models.PROTECT, related_name="background_check", verbose_name="officer"
    )
    fingerprints_submitted_on = models.DateField("fingerprints submitted")
    fingerprint_result = models.CharField(
        "fingerprint result", max_length=10, choices=CheckResult.choices()
    )
    personal_history = models.TextField("personal history review", max_length=limits.LONG_TEXT)
    disciplinary_review = models.TextField(
        "disciplinary review",
        max_length=limits.LONG_TEXT,
        help_text="Including excessive-force and discrimination allegations.",
    )
    outcome = models.CharField("outcome", max_length=10, choices=CheckOutcome.choices())
    reason = models.TextField("reason (the agency sees this)")
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="checked by",
    )
    checked_on = models.DateField("checked on")

    agency_scope = "officer__agency"

    def __str__(self) -> str:
        return f"ICE background check of {self.officer}"


class DisciplinaryReport(ProgramRecord):
    """A disciplinary event the agency reports after nomination; an ICE reviewer acknowledges."""

    officer = models.ForeignKey(
        Officer,
        on_delete=models.PROTECT,
        related_name="disciplinary_reports",
        verbose_name="officer",
    )
    occurred_on = models.DateField("date of the event")
    description = models.TextField("what happened")
    excessive_force = models.BooleanField("excessive-force allegation", default=False)
    discrimination = models.BooleanField("discrimination allegation", default=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="reported by",
    )
    acknowledged_at = models.DateTimeField("acknowledged", null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="acknowledged by",
    )
    review_note = models.TextField("ICE review note", blank=True)

    agency_scope = "officer__agency"

    class Meta:
        ordering = ["officer", "-occurred_on"]

    def __str__(self) -> str:
        return f"Disciplinary report #{self.pk} on {self.officer}"
