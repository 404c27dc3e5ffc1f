"""An encounter of an authorized officer with a subject, its charges, the candidate records
the engine proposed, the verifications that identify one of them, and later dated steps."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_fsm import FSMField, FSMModelMixin, transition

from access.core import limits
from access.core.models import ProgramRecord
from access.enforcement.choices import (
    OPEN_FOR_VERIFICATION,
    Document,
    EncounterStatus,
    Function,
    Origin,
    PriorityLevel,
    Severity,
    StepKind,
    VerifierRole,
)

S = EncounterStatus


class Encounter(FSMModelMixin, ProgramRecord):
    """One encounter, recorded only when the officer's authority check allows its function at
    its time. The subject is kept as described; an identified record comes only from
    verification (``Verification``), never from a score."""

    officer = models.ForeignKey(
        "officers.Officer",
        on_delete=models.PROTECT,
        related_name="encounters",
        verbose_name="officer",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="encounters",
        verbose_name="agency",
    )
    partnership_type = models.ForeignKey(
        "partnerships.PartnershipType",
        on_delete=models.PROTECT,
        related_name="encounters",
        verbose_name="model",
        help_text="The partnership model of the officer's agreement.",
    )
    function = models.CharField(
        "function exercised", max_length=40, choices=Function.choices(), db_index=True
    )
    facility = models.ForeignKey(
        "agencies.Facility",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="encounters",
        verbose_name="facility",
        help_text="The jail (jail enforcement and warrant service models).",
    )
    location = models.CharField(
        "location", max_length=200, blank=True, help_text="Where it happened (task force model)."
    )
    occurred_at = models.DateTimeField("time of the encounter", db_index=True)
    origin = models.CharField("how it arose", max_length=30, choices=Origin.choices())
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="encounters_recorded",
        verbose_name="recorded by",
    )
    status = FSMField(
        "status", default=S.RECORDED, choices=S.choices(), protected=True, db_index=True
    )
    # The subject as described (not as any record says).
    family_name = models.CharField("family name", max_length=100)
    given_name = models.CharField("given name", max_length=100, blank=True)
    middle_name = models.CharField("middle name", max_length=100, blank=True)
    other_names = models.JSONField("other names given", default=list, blank=True)
    dates_of_birth = models.JSONField(
        "dates of birth given", default=list, blank=True, help_text="ISO dates, as described."
    )
    sex = models.CharField("sex", max_length=1, blank=True)
    place_of_birth = models.CharField("country of birth (NCIC code)", max_length=2, blank=True)
    a_number = models.CharField("A-number", max_length=9, blank=True)
    fbi_number = models.CharField("FBI number", max_length=9, blank=True)
    state_id = models.CharField("state ID", max_length=10, blank=True)
    operator_license = models.CharField("operator license", max_length=20, blank=True)
    claimed_country = models.CharField(
        "claimed country of citizenship (NCIC code)", max_length=2, blank=True
    )
    claims_us_citizenship = models.BooleanField(
        "subject claims U.S. citizenship",
        default=False,
        help_text="A claim stops the workflow and routes the encounter to an ICE supervisor.",
    )
    notes = models.TextField("notes", blank=True, max_length=limits.LONG_TEXT)
    # The most serious charge, denormalised for the funnel and the lists.
    severity = models.CharField(
        "most serious charge", max_length=20, choices=Severity.choices(), blank=True
    )
    priority_level = models.CharField(
        "priority level", max_length=1, choices=PriorityLevel.choices(), blank=True, db_index=True
    )
    # Identification.
    searched_at = models.DateTimeField("searched", null=True, blank=True)
    search_note = models.CharField("candidate search", max_length=300, blank=True)
    identified_record = models.ForeignKey(
        "records.PersonRecord",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="encounters_identified",
        verbose_name="identified record",
    )
    identified_at = models.DateTimeField("identified", null=True, blank=True)
    # Citizenship stop: kept as data after the supervisor decides (GAO-21-186).
    citizenship_stop = models.BooleanField("citizenship stop", default=False, db_index=True)
    stop_reasons = models.JSONField("why the workflow stopped", default=list, blank=True)
    stopped_at = models.DateTimeField("stopped", null=True, blank=True)
    supervisor_decision = models.CharField("supervisor's decision", max_length=20, blank=True)
    supervisor_notes = models.TextField("supervisor's reasons", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="encounters_decided",
        verbose_name="decided by",
    )
    decided_at = models.DateTimeField("decided", null=True, blank=True)

    agency_scope: ClassVar[str] = "agency"
    # CAP officers (grant scope ``team``) see encounters at the facilities their CAP team
    # covers: a lookup through the facility, so enforcement imports nothing of the CAP app.
    team_scope: ClassVar[str] = "facility__cap__team__members"

    class Meta:
        verbose_name = "encounter"
        ordering = ["-occurred_at", "-pk"]
        permissions = [
            ("verify_encounter", "Can verify a candidate as the officer"),
            ("confirm_encounter", "Can confirm an identification as ICE supervisor"),
            ("decide_encounter", "Can decide a citizenship stop"),
            ("step_encounter", "Can record charging documents, referrals and warrant service"),
            ("remove_encounter", "Can record the subject's removal (ICE)"),
            ("export_encounter", "Can export encounters and the funnel"),
        ]
        indexes = [models.Index(fields=["agency", "occurred_at"], name="encounter_agency_time_idx")]

    def __str__(self) -> str:
        return f"Encounter #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:detail", args=[self.pk])

    @property
    def subject_name(self) -> str:
        given = " ".join(p for p in (self.given_name, self.middle_name) if p)
        return f"{self.family_name}, {given}" if given else self.family_name

    @property
    def place(self) -> str:
        return self.facility.name if self.facility_id and self.facility else self.location

    @property
    def identifiers(self) -> dict[str, str]:
        pairs = (
            ("a_number", self.a_number),
            ("fbi_number", self.fbi_number),
            ("state_id", self.state_id),
            ("operator_license", self.operator_license),
        )
        return {kind: value for kind, value in pairs if value}

    @property
    def open_for_verification(self) -> bool:
        return self.status in OPEN_FOR_VERIFICATION

    def audit_details(self) -> dict[str, Any]:
        return {
            "officer": self.officer.badge_number,
            "function": self.function,
            "model": self.partnership_type.code,
            "severity": self.severity,
            "priority_level": self.priority_level,
        }

    # Transitions only move the state; actions.py checks who may call them and audits them.
    @transition(field=status, source=S.RECORDED, target=S.CANDIDATES)
    def found_candidates(self) -> None:
        pass

    @transition(
        field=status,
        source=[S.RECORDED, S.CANDIDATES, S.SUPERVISOR_DECIDED],
        target=S.NOT_IDENTIFIED,
    )
    def found_nothing(self) -> None:
        pass

    @transition(field=status, source=S.CANDIDATES, target=S.AWAITING_SUPERVISOR)
    def officer_verified(self) -> None:
        pass

    @transition(field=status, source=[S.CANDIDATES, S.AWAITING_SUPERVISOR], target=S.IDENTIFIED)
    def identify(self) -> None:
        pass

    @transition(
        field=status,
        source=[S.RECORDED, S.CANDIDATES, S.AWAITING_SUPERVISOR, S.IDENTIFIED, S.NOT_IDENTIFIED],
        target=S.CITIZENSHIP_STOP,
    )
    def stop_for_citizenship(self) -> None:
        pass

    @transition(field=status, source=S.CITIZENSHIP_STOP, target=S.SUPERVISOR_DECIDED)
    def decide(self) -> None:
        pass

    @transition(field=status, source=S.SUPERVISOR_DECIDED, target=S.CANDIDATES)
    def resume(self) -> None:
        pass

    @transition(field=status, source=S.SUPERVISOR_DECIDED, target=S.RECORDED)
    def resume_unsearched(self) -> None:
        pass


class Charge(ProgramRecord):
    """One local charge: its NCIC offense code, severity and the priority level the rules in
    effect on the encounter's date gave it."""

    encounter = models.ForeignKey(
        Encounter, on_delete=models.PROTECT, related_name="charges", verbose_name="encounter"
    )
    position = models.PositiveSmallIntegerField("position", default=1)
    offense_code = models.CharField("NCIC offense code", max_length=4)
    offense_category = models.ForeignKey(
        "enforcement.OffenseCategory",
        on_delete=models.PROTECT,
        related_name="charges",
        verbose_name="offense category",
    )
    description = models.CharField("charge as written", max_length=200, blank=True)
    severity = models.CharField("severity", max_length=20, choices=Severity.choices())
    priority_level = models.CharField(
        "priority level", max_length=1, choices=PriorityLevel.choices()
    )
    priority_rule = models.ForeignKey(
        "enforcement.PriorityRule",
        on_delete=models.PROTECT,
        related_name="charges",
        verbose_name="priority rule applied",
    )

    agency_scope: ClassVar[str] = "encounter__agency"

    class Meta:
        verbose_name = "charge"
        ordering = ["encounter", "position"]
        constraints = [
            models.UniqueConstraint(fields=["encounter", "position"], name="unique_charge_position")
        ]

    def __str__(self) -> str:
        return f"{self.offense_code} ({Severity.label(self.severity)})"


class EncounterCandidate(ProgramRecord):
    """A record the engine proposed for the subject: a candidate, never an identification."""

    encounter = models.ForeignKey(
        Encounter, on_delete=models.PROTECT, related_name="candidates", verbose_name="encounter"
    )
    record = models.ForeignKey(
        "records.PersonRecord",
        on_delete=models.PROTECT,
        related_name="encounter_candidates",
        verbose_name="record",
    )
    rank = models.PositiveSmallIntegerField("rank", default=1)
    band = models.CharField("band", max_length=20)
    probability = models.FloatField("match probability")
    match_weight = models.FloatField("match weight")
    explanation = models.JSONField(
        "explanation", default=dict, help_text="Per-field level and weight, notes, conflict."
    )
    citizenship_indicator = models.CharField("citizenship indicator", max_length=30, blank=True)
    date_of_birth_agrees = models.BooleanField("a date of birth agrees", default=False)
    identifier_agrees = models.BooleanField("an identifier agrees", default=False)

    agency_scope: ClassVar[str] = "encounter__agency"

    class Meta:
        verbose_name = "encounter candidate"
        ordering = ["encounter", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["encounter", "record"], name="encounter_candidate_once")
        ]

    def __str__(self) -> str:
        return f"Candidate {self.rank} of encounter #{self.encounter_id}"

    @property
    def name_only(self) -> bool:
        """Only the name agrees: never enough to identify anyone (DOMAIN.md section 6)."""
        return not (self.date_of_birth_agrees or self.identifier_agrees)


class Verification(ProgramRecord):
    """A person's verification of a candidate, with the fields they checked."""

    encounter = models.ForeignKey(
        Encounter, on_delete=models.PROTECT, related_name="verifications", verbose_name="encounter"
    )
    candidate = models.ForeignKey(
        EncounterCandidate,
        on_delete=models.PROTECT,
        related_name="verifications",
        verbose_name="candidate",
    )
    role = models.CharField("verified as", max_length=20, choices=VerifierRole.choices())
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="encounter_verifications",
        verbose_name="verified by",
    )
    fields_checked = models.JSONField("fields checked", default=list)
    notes = models.TextField("notes", blank=True, max_length=limits.LONG_TEXT)

    agency_scope: ClassVar[str] = "encounter__agency"

    class Meta:
        verbose_name = "verification"
        ordering = ["encounter", "created_at"]

    def __str__(self) -> str:
        return f"{VerifierRole.label(self.role)} verification of encounter #{self.encounter_id}"


class EncounterStep(ProgramRecord):
    """A dated step after the encounter: a charging document, a referral to ICE, the
    service of an administrative warrant, or (recorded by ICE) the subject's removal."""

    encounter = models.ForeignKey(
        Encounter, on_delete=models.PROTECT, related_name="steps", verbose_name="encounter"
    )
    kind = models.CharField("step", max_length=30, choices=StepKind.choices())
    document = models.CharField("form", max_length=10, choices=Document.choices(), blank=True)
    occurred_on = models.DateField("date")
    reference = models.CharField("document or referral number", max_length=50, blank=True)
    notes = models.TextField("notes", blank=True, max_length=limits.LONG_TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="encounter_steps",
        verbose_name="recorded by",
    )

    agency_scope: ClassVar[str] = "encounter__agency"

    class Meta:
        verbose_name = "encounter step"
        ordering = ["encounter", "occurred_on", "created_at"]

    def __str__(self) -> str:
        return f"{StepKind.label(self.kind)} on {self.occurred_on}"
