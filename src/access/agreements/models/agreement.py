"""Agreements (MOAs), their text versions and their signatures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, FSMModelMixin, transition

from access.agreements.choices import IN_FORCE, AgreementStatus, AmendmentKind, Party
from access.agreements.validators import validate_pdf
from access.core.actors import SystemActor
from access.core.models import ProgramRecord

S = AgreementStatus


def grant(action: str) -> Callable[[Any, Any], bool]:
    """Transition permission: the user's ``agreements.<action>_agreement`` grant covers it."""

    def check(instance: Agreement, user: Any) -> bool:
        if isinstance(user, SystemActor):
            return False
        return Agreement.objects.restrict(user, action).filter(pk=instance.pk).exists()

    check.__name__ = f"grant_{action}"
    return check


def system_or_grant(action: str) -> Callable[[Any, Any], bool]:
    """Scheduled jobs (a SystemActor) or a user with the grant."""
    by_grant = grant(action)
    return lambda instance, user: isinstance(user, SystemActor) or by_grant(instance, user)


def system_only(instance: Any, user: Any) -> bool:
    return isinstance(user, SystemActor)


def both_parties_signed(instance: Any) -> bool:
    return set(instance.signatures.values_list("party", flat=True)) == set(Party.values())


class Agreement(FSMModelMixin, ProgramRecord):
    """One agreement of an agency under one partnership type, drafted here or published by ICE."""

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name="agency",
        help_text="The law enforcement agency party to the agreement.",
    )
    partnership_type = models.ForeignKey(
        "partnerships.PartnershipType",
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name="partnership type",
    )
    access_request = models.ForeignKey(
        "partnerships.AccessRequest",
        on_delete=models.PROTECT,
        related_name="agreements",
        null=True,
        blank=True,
        verbose_name="ACCESS request",
        help_text="The agency's request this agreement answers, if any.",
    )
    status = FSMField("status", default=S.DRAFT, choices=S.choices(), protected=True, db_index=True)
    clause_template = models.ForeignKey(
        "agreements.ClauseTemplate",
        on_delete=models.PROTECT,
        related_name="agreements",
        null=True,
        blank=True,
        verbose_name="clause template",
        help_text="The template version the first draft came from.",
    )
    drafted_on = models.DateField(
        "drafted on", default=timezone.localdate, help_text="Decides the clause template."
    )
    supervising_office = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="supervised_agreements",
        null=True,
        blank=True,
        limit_choices_to={"kind": "federal"},
        verbose_name="supervising ICE office",
    )
    officer_limit = models.PositiveIntegerField(
        "officer limit",
        null=True,
        blank=True,
        help_text="Most participating officers at any time.",
    )
    effective_on = models.DateField("effective", null=True, blank=True)
    expires_on = models.DateField("expires", null=True, blank=True)
    published_entry = models.OneToOneField(
        "agencies.PublishedEntry",
        on_delete=models.PROTECT,
        related_name="agreement",
        null=True,
        blank=True,
        verbose_name="ICE public list entry",
    )
    published_signed = models.CharField(
        "signed (as published)", max_length=60, blank=True, help_text="ICE's SIGNED text, verbatim."
    )
    signed_on = models.DateField(
        "signed", null=True, blank=True, help_text="Date of the last signature, when known."
    )
    amends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="amendments",
        null=True,
        blank=True,
        verbose_name="amends agreement",
        help_text="The agreement in force this modification or renewal replaces once active.",
    )
    amendment_kind = models.CharField(
        "modification or renewal", max_length=20, choices=AmendmentKind.choices(), blank=True
    )
    needs_review = models.BooleanField("needs review", default=False)
    review_reason = models.TextField("why it needs review", blank=True)

    agency_scope = "agency"

    class Meta:
        ordering = ["agency__name", "partnership_type__name", "-created_at"]
        constraints = [
            # Only one agreement in force per agency and type, except ICE's published rows
            # (their duplicates are kept and flagged, never merged or dropped).
            models.UniqueConstraint(
                fields=["agency", "partnership_type"],
                condition=models.Q(status__in=IN_FORCE, published_entry__isnull=True),
                name="one_agreement_in_force_per_type",
            )
        ]
        indexes = [models.Index(fields=["status", "expires_on"], name="agreement_expiry_idx")]

    def __str__(self) -> str:
        return f"{self.partnership_type.name} agreement #{self.pk}: {self.agency.name}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:detail", args=[self.pk])

    @property
    def from_public_list(self) -> bool:
        return self.published_entry_id is not None

    @property
    def current_version(self) -> AgreementVersion | None:
        return self.versions.order_by("-number").first()

    # Lifecycle. Each method only moves the state; actions.py checks, saves and audits.
    @transition(status, source=S.DRAFT, target=S.LEGAL_REVIEW, permission=grant("change"))
    def submit_for_legal_review(self) -> None: ...

    @transition(
        status, source=S.LEGAL_REVIEW, target=S.AGENCY_REVIEW, permission=grant("legalreview")
    )
    def approve_legal_review(self) -> None: ...

    @transition(status, source=S.LEGAL_REVIEW, target=S.DRAFT, permission=grant("legalreview"))
    def return_from_legal_review(self) -> None: ...

    @transition(status, source=S.AGENCY_REVIEW, target=S.APPROVED, permission=grant("agencyreview"))
    def approve_agency_review(self) -> None: ...

    @transition(status, source=S.AGENCY_REVIEW, target=S.DRAFT, permission=grant("agencyreview"))
    def return_from_agency_review(self) -> None: ...

    @transition(
        status,
        source=S.APPROVED,
        target=S.SIGNED,
        conditions=[both_parties_signed],
        permission=grant("sign"),
    )
    def complete_signatures(self) -> None: ...

    @transition(status, source=S.SIGNED, target=S.ACTIVE, permission=grant("manage"))
    def activate(self) -> None: ...

    @transition(status, source=S.ACTIVE, target=S.MODIFIED, permission=grant("manage"))
    def start_modification(self) -> None: ...

    @transition(status, source=S.MODIFIED, target=S.ACTIVE, permission=grant("manage"))
    def complete_modification(self) -> None: ...

    @transition(
        status,
        source=[S.ACTIVE, S.MODIFIED, S.RENEWAL_DUE],
        target=S.SUSPENDED,
        permission=grant("manage"),
    )
    def suspend(self) -> None: ...

    @transition(status, source=S.SUSPENDED, target=S.ACTIVE, permission=grant("manage"))
    def reinstate(self) -> None: ...

    @transition(status, source=S.ACTIVE, target=S.RENEWAL_DUE, permission=system_or_grant("manage"))
    def mark_renewal_due(self) -> None: ...

    @transition(status, source=S.RENEWAL_DUE, target=S.ACTIVE, permission=grant("manage"))
    def renew(self) -> None: ...

    @transition(status, source=IN_FORCE, target=S.TERMINATED, permission=grant("manage"))
    def terminate(self) -> None: ...

    @transition(status, source=IN_FORCE, target=S.EXPIRED, permission=system_or_grant("manage"))
    def expire(self) -> None: ...

    @transition(status, source=IN_FORCE, target=S.SUPERSEDED, permission=grant("manage"))
    def supersede(self) -> None: ...

    @transition(status, source=S.PENDING, target=S.ACTIVE, permission=system_only)
    def record_published_participation(self) -> None: ...


class AgreementVersion(ProgramRecord):
    """The full text of an agreement at one point; every edit adds one."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="versions", verbose_name="agreement"
    )
    number = models.PositiveIntegerField("version")
    sections = models.JSONField("sections", help_text="[{key, heading, text}] as plain text.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="agreement_versions",
        null=True,
        blank=True,
        verbose_name="author",
    )
    author_name = models.CharField("author", max_length=200)
    note = models.CharField("note", max_length=300, blank=True)

    agency_scope = "agreement__agency"

    class Meta:
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"], name="unique_agreement_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"version {self.number} of agreement #{self.agreement_id}"

    def get_absolute_url(self) -> str:
        return reverse("agreements:version", args=[self.agreement_id, self.number])


class AgreementSignature(ProgramRecord):
    """One party's signature, with the signed PDF that party uploaded."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.PROTECT, related_name="signatures", verbose_name="agreement"
    )
    party = models.CharField("party", max_length=10, choices=Party.choices())
    name = models.CharField("signatory name", max_length=200)
    title = models.CharField("signatory title", max_length=200)
    signed_on = models.DateField("date signed")
    version_number = models.PositiveIntegerField("version signed")
    document = models.FileField(
        "signed PDF",
        upload_to="agreements/signed/%Y/%m/",
        validators=[validate_pdf],
        help_text="The signed agreement as a PDF, at most 10 MB.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="agreement_signatures",
        verbose_name="recorded by",
    )

    agency_scope = "agreement__agency"

    class Meta:
        ordering = ["agreement", "party"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"], name="unique_signature_party")
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()} signature on agreement #{self.agreement_id}"
