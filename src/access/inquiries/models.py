"""LESC inquiries (IAQ), their candidate records, determinations and citizenship stops."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_fsm import FSMField, FSMModelMixin, transition

from access.core.models import ProgramRecord
from access.inquiries.choices import (
    Channel,
    DetailsSource,
    Determination,
    Finding,
    FlagStatus,
    InquiryStatus,
    MisuseRuleKind,
    SupervisorDecision,
)
from access.inquiries.message import InquiryData

S = InquiryStatus
CONFIRMATION_TARGET = timedelta(minutes=10)


class Inquiry(FSMModelMixin, ProgramRecord):
    """One Immigration Alien Query from an agency, through to the analyst's answer (IAR)."""

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="inquiries"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inquiries_submitted"
    )
    channel = models.CharField("received as", max_length=20, choices=Channel.choices())
    status = FSMField("status", default=S.RECEIVED, choices=S.choices(), protected=True)
    # The query as validated (message.InquiryData).
    ori = models.CharField("ORI", max_length=9)
    purpose_code = models.CharField("purpose code", max_length=1)
    # Empty only while the inquiry awaits them from the agency (a standard Nlets IAQ has no
    # field for them); nothing is searched until both are recorded.
    reason = models.CharField("reason", max_length=500, blank=True)
    case_number = models.CharField("case number", max_length=50, blank=True)
    attention = models.CharField("requesting officer", max_length=30)
    phone = models.CharField("call-back phone", max_length=20, blank=True)
    family_name = models.CharField("family name", max_length=30, blank=True)
    given_name = models.CharField("given name", max_length=30, blank=True)
    middle_name = models.CharField("middle name", max_length=30, blank=True)
    date_of_birth = models.CharField("date of birth (ISO)", max_length=10, blank=True)
    sex = models.CharField("sex", max_length=1, blank=True)
    place_of_birth = models.CharField("place of birth (NCIC code)", max_length=2, blank=True)
    in_custody = models.BooleanField("in custody", default=False)
    offense_code = models.CharField("NCIC offense code", max_length=4, default="0399")
    a_number = models.CharField("A-number", max_length=9, blank=True)
    fbi_number = models.CharField("FBI number", max_length=9, blank=True)
    state_id = models.CharField("state ID", max_length=10, blank=True)
    operator_license = models.CharField("operator license", max_length=20, blank=True)
    claims_us_citizenship = models.BooleanField(
        "subject claims U.S. citizenship",
        default=False,
        help_text="A claim stops the workflow and routes the inquiry to an ICE supervisor.",
    )
    secondary_recipient = models.CharField("secondary recipient", max_length=100, blank=True)
    hit_confirmation = models.BooleanField(
        "confirmation of an NCIC hit",
        default=False,
        db_index=True,
        help_text="The officer has an NCIC hit on an ICE record; LESC confirms in 10 minutes.",
    )
    ncic_number = models.CharField("NCIC record number (NIC)", max_length=10, blank=True)
    raw_message = models.TextField("message as received", blank=True)
    search_note = models.CharField("candidate search", max_length=300, blank=True)
    # An inquiry that arrived without a reason or case number: what it lacked, and how and
    # when the details were given (the agency's reply message, or an analyst from a call).
    details_missing = models.JSONField("details missing on arrival", default=list, blank=True)
    details_source = models.CharField(
        "details given by", max_length=20, choices=DetailsSource.choices(), blank=True
    )
    details_note = models.CharField("how the details were given", max_length=300, blank=True)
    details_recorded_at = models.DateTimeField("details recorded", null=True, blank=True)
    # Citizenship stop: kept as data even after the supervisor decides (GAO-21-186).
    citizenship_stop = models.BooleanField("citizenship stop", default=False, db_index=True)
    stop_reasons = models.JSONField("why the workflow stopped", default=list, blank=True)
    # The analyst's determination (the IAR is generated from it, never from a score).
    determination = models.CharField(
        "determination", max_length=30, choices=Determination.choices(), blank=True
    )
    evidence = models.JSONField("evidence used", default=list, blank=True)
    evidence_notes = models.TextField("analyst's notes on the evidence", blank=True)
    verified_candidate = models.ForeignKey(
        "inquiries.InquiryCandidate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="verified record",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inquiries_answered",
    )
    answered_at = models.DateTimeField("answered", null=True, blank=True)
    supervisor_decision = models.CharField(
        "supervisor's decision", max_length=20, choices=SupervisorDecision.choices(), blank=True
    )
    supervisor_notes = models.TextField("supervisor's reasons", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inquiries_decided",
    )
    decided_at = models.DateTimeField("decided", null=True, blank=True)

    agency_scope: ClassVar[str] = "agency"

    class Meta:
        verbose_name = "inquiry"
        verbose_name_plural = "inquiries"
        ordering = ["-hit_confirmation", "-in_custody", "created_at"]
        indexes = [models.Index(fields=["status", "in_custody"], name="inquiry_queue_idx")]

    def audit_details(self) -> dict[str, Any]:
        """What every audit event about this inquiry carries (SECURITY.md, Audit)."""
        return {
            "purpose_code": self.purpose_code,
            "reason": self.reason,
            "case_number": self.case_number,
            "requestor": self.attention,
            "submitted_by": self.submitted_by.get_username(),
            "secondary_recipient": self.secondary_recipient,
        }

    def __str__(self) -> str:
        return f"Inquiry #{self.pk} ({self.case_number or 'no case number yet'})"

    def get_absolute_url(self) -> str:
        return reverse("inquiries:detail", args=[self.pk])

    def data(self) -> InquiryData:
        return InquiryData(**{f: getattr(self, f) for f in InquiryData.__dataclass_fields__})

    @property
    def subject_name(self) -> str:
        return self.data().name

    @property
    def has_identifier(self) -> bool:
        return self.data().has_identifier

    @property
    def confirmation_due(self) -> datetime | None:
        """A hit confirmation is due 10 minutes after it arrived (DOMAIN.md section 4)."""
        return self.created_at + CONFIRMATION_TARGET if self.hit_confirmation else None

    @property
    def confirmation_overdue(self) -> bool:
        """Escalated: the 10 minutes passed before anyone answered (or stopped) it."""
        due = self.confirmation_due
        if due is None:
            return False
        settled = self.answered_at or self.decided_at
        if settled is None and self.status == S.CITIZENSHIP_STOP:
            return False  # in a supervisor's hands; the stop queue shows its age
        return (settled or timezone.now()) > due

    @property
    def confirmation_minutes_left(self) -> int:
        due = self.confirmation_due
        return int((due - timezone.now()).total_seconds() // 60) if due else 0

    @property
    def has_iar(self) -> bool:
        return bool(self.determination) and self.status in (S.ANSWERED, S.SUPERVISOR_DECIDED)

    # Transitions only move the state; actions.py checks who may call them and audits them.
    @transition(field=status, source=S.RECEIVED, target=S.AWAITING_DETAILS)
    def hold_for_details(self) -> None:
        pass

    @transition(field=status, source=[S.RECEIVED, S.AWAITING_DETAILS], target=S.AWAITING_ANALYST)
    def route_to_analyst(self) -> None:
        pass

    @transition(
        field=status,
        source=[S.RECEIVED, S.AWAITING_DETAILS, S.AWAITING_ANALYST],
        target=S.CITIZENSHIP_STOP,
    )
    def stop_for_citizenship(self) -> None:
        pass

    @transition(field=status, source=[S.AWAITING_ANALYST, S.SUPERVISOR_DECIDED], target=S.ANSWERED)
    def answer(self) -> None:
        pass

    @transition(field=status, source=S.CITIZENSHIP_STOP, target=S.SUPERVISOR_DECIDED)
    def decide(self) -> None:
        pass


class InquiryCandidate(ProgramRecord):
    """A record the engine proposed: a candidate, never an identification."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.PROTECT, related_name="candidates")
    record = models.ForeignKey(
        "records.PersonRecord", on_delete=models.PROTECT, related_name="inquiry_candidates"
    )
    rank = models.PositiveSmallIntegerField("rank", default=1)
    band = models.CharField("band", max_length=20)
    probability = models.FloatField("match probability")
    match_weight = models.FloatField("match weight")
    explanation = models.JSONField(
        "explanation", default=dict, help_text="Per-field level and weight, notes, conflict."
    )
    citizenship_indicator = models.CharField(
        "citizenship indicator",
        max_length=30,
        blank=True,
        help_text="Set when the record shows birth in the U.S. or naturalization.",
    )

    agency_scope: ClassVar[str] = "inquiry__agency"

    class Meta:
        verbose_name = "inquiry candidate"
        ordering = ["inquiry", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["inquiry", "record"], name="inquiry_candidate_once")
        ]

    def __str__(self) -> str:
        return f"Candidate {self.rank} of inquiry #{self.inquiry_id}"

    def get_absolute_url(self) -> str:
        return reverse("inquiries:candidate", args=[self.inquiry_id, self.pk])


class MisuseRule(ProgramRecord):
    """A configurable misuse rule (oversight); evaluated on every new inquiry."""

    kind = models.CharField("rule", max_length=20, choices=MisuseRuleKind.choices())
    threshold = models.PositiveIntegerField("threshold", default=0)
    window_minutes = models.PositiveIntegerField("window (minutes)", default=60)
    # Outside-usual-hours rule only: how the officer's usual hours are learned.
    lookback_days = models.PositiveIntegerField(
        "look-back (days)",
        default=90,
        help_text="The officer's usual hours are learned from their inquiries over this period.",
    )
    quiet_percent = models.PositiveSmallIntegerField(
        "little activity (percent)",
        default=2,
        help_text="An hour holding less than this share of the officer's past inquiries is "
        "outside their usual hours.",
    )
    min_history = models.PositiveIntegerField(
        "history needed (inquiries)",
        default=30,
        help_text="An officer with fewer past inquiries in the look-back has no usual hours yet; "
        "the rule does not fire for them.",
    )
    active = models.BooleanField("active", default=True)
    created_by_name = models.CharField("set by", max_length=200)

    class Meta:
        verbose_name = "misuse rule"
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return f"{MisuseRuleKind.label(self.kind)} ({self.parameters})"

    @property
    def parameters(self) -> str:
        """The parameters this kind of rule uses, in words."""
        K = MisuseRuleKind
        if self.kind in (K.VOLUME, K.REPEAT_SUBJECT, K.RECORD_READS, K.DENIALS):
            return f"threshold {self.threshold}, window {self.window_minutes} min"
        if self.kind == K.OFF_HOURS:
            return (
                f"threshold {self.threshold}, window {self.window_minutes} min, "
                f"look-back {self.lookback_days} days, little activity under "
                f"{self.quiet_percent}%, history of at least {self.min_history} inquiries"
            )
        return "no parameters"


class MisuseFlag(ProgramRecord):
    """A rule's flag on one inquiry, or on one user's reads of person records outside an
    inquiry (no inquiry; the evidence names the user and the reads), with its evidence;
    oversight closes it with a finding."""

    rule = models.ForeignKey(MisuseRule, on_delete=models.PROTECT, related_name="flags")
    inquiry = models.ForeignKey(
        Inquiry, on_delete=models.PROTECT, null=True, blank=True, related_name="misuse_flags"
    )
    evidence = models.JSONField("evidence", default=dict)
    status = models.CharField(
        "status", max_length=10, choices=FlagStatus.choices(), default=FlagStatus.OPEN
    )
    finding = models.CharField("finding", max_length=20, choices=Finding.choices(), blank=True)
    finding_notes = models.TextField("finding notes", blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField("closed", null=True, blank=True)

    agency_scope: ClassVar[str] = "inquiry__agency"

    class Meta:
        verbose_name = "misuse flag"
        ordering = ["-status", "created_at"]

    def __str__(self) -> str:
        if self.inquiry_id is None:
            return f"Flag #{self.pk} on reads of person records by {self.evidence.get('user')}"
        return f"Flag #{self.pk} on inquiry #{self.inquiry_id}"

    def get_absolute_url(self) -> str:
        return reverse("inquiries:flag", args=[self.pk])


def normalize_case_number(value: str) -> str:
    """Case numbers compare upper-cased with runs of spaces as one (``24-00123``)."""
    return " ".join(str(value or "").upper().split())


class AgencyCase(ProgramRecord):
    """One case in an agency's case register: inquiries should name an open one.

    Kept by the agency's liaison or ICE program staff; closed, never deleted.
    """

    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="cases", verbose_name="agency"
    )
    case_number = models.CharField(
        "case number", max_length=50, help_text="As the agency writes it; compared upper-cased."
    )
    opened_on = models.DateField("opened on")
    closed_on = models.DateField("closed on", null=True, blank=True)
    description = models.CharField("description", max_length=300, blank=True)
    created_by_name = models.CharField("added by", max_length=200)

    agency_scope: ClassVar[str] = "agency"

    class Meta:
        verbose_name = "agency case"
        ordering = ["agency", "-opened_on", "case_number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "case_number"], name="agency_case_once")
        ]

    def __str__(self) -> str:
        return f"Case {self.case_number}"

    def is_open_on(self, day: date) -> bool:
        return self.opened_on <= day and (self.closed_on is None or self.closed_on >= day)
