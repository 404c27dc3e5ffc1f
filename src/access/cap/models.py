"""CAP screening: a facility's CAP settings, its rosters (dated snapshots), the people booked,
the candidate records screening found for them, and interviews.

Visibility: a CAP officer's grants carry the scope ``team``; ``team_scope`` on each model is
the lookup from the row to the users of the CAP team that covers its facility, so
``restrict(user)`` shows a CAP officer only the facilities their team covers.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_fsm import FSMField, FSMModelMixin, transition

from access.cap.choices import (
    BookingStatus,
    InterviewMode,
    InterviewOutcome,
    InterviewStatus,
    RemoteInterviews,
    ReviewStatus,
    RosterDelivery,
    RosterFrequency,
    RosterSource,
    RosterStatus,
)
from access.core import limits
from access.core.models import ProgramRecord

R = RosterStatus
V = ReviewStatus

# The engine fields a roster column may map to (``matching`` canonical names; ``id.KIND`` for
# identifiers) plus the booking's own columns.
BOOKING_FIELDS = ("booking_number", "booked_at", "release_date")
REQUIRED_FIELDS = ("booking_number", "family_name", "given_name", "date_of_birth")


class CapTeam(ProgramRecord):
    """The ICE officers who screen a set of facilities (a field office's CAP team)."""

    name = models.CharField("name", max_length=120, unique=True)
    field_office = models.CharField("field office", max_length=120, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="cap_teams", blank=True, verbose_name="members"
    )

    team_scope: ClassVar[str] = "members"

    class Meta:
        verbose_name = "CAP team"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CapFacility(ProgramRecord):
    """A jail's CAP settings: who screens it, when and how they may interview, how its rosters
    arrive, and how its roster's columns map to the engine's fields."""

    facility = models.OneToOneField(
        "agencies.Facility", on_delete=models.PROTECT, related_name="cap", verbose_name="facility"
    )
    team = models.ForeignKey(
        CapTeam,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facilities",
        verbose_name="CAP team",
    )
    access_hours = models.CharField(
        "access hours", max_length=200, blank=True, help_text="e.g. Mon-Fri 08:00-17:00."
    )
    remote_interviews = models.CharField(
        "remote interviews",
        max_length=20,
        choices=RemoteInterviews.choices(),
        default=RemoteInterviews.NONE,
    )
    roster_delivery = models.CharField(
        "how rosters arrive",
        max_length=20,
        choices=RosterDelivery.choices(),
        default=RosterDelivery.UPLOAD,
    )
    roster_frequency = models.CharField(
        "how often", max_length=20, choices=RosterFrequency.choices(), default=RosterFrequency.DAILY
    )
    column_mapping = models.JSONField(
        "column mapping",
        default=dict,
        blank=True,
        help_text="Engine field (or booking field) -> the roster's column name.",
    )
    date_format = models.CharField(
        "date format",
        max_length=20,
        blank=True,
        help_text="Blank: dates are read in any common format (ISO, US slashes, CCYYMMDD).",
    )
    contacts = models.TextField("contacts", blank=True, max_length=limits.LONG_TEXT)

    agency_scope: ClassVar[str] = "facility__agency"
    team_scope: ClassVar[str] = "team__members"

    class Meta:
        verbose_name = "CAP facility"
        verbose_name_plural = "CAP facilities"
        ordering = ["facility__name"]
        permissions = [("screen_capfacility", "Can send rosters and screen a facility")]

    def __str__(self) -> str:
        return str(self.facility)

    def get_absolute_url(self) -> str:
        return reverse("cap:facility", args=[self.pk])

    @property
    def remote_modes(self) -> list[str]:
        allowed = {
            RemoteInterviews.NONE: [],
            RemoteInterviews.PHONE: [InterviewMode.PHONE],
            RemoteInterviews.VIDEO: [InterviewMode.VIDEO],
            RemoteInterviews.PHONE_AND_VIDEO: [InterviewMode.PHONE, InterviewMode.VIDEO],
        }
        return [InterviewMode.IN_PERSON, *allowed.get(self.remote_interviews, [])]


class Roster(FSMModelMixin, ProgramRecord):
    """One roster the jail sent: a dated snapshot of who is held. The same file sent twice
    (same content hash) is recognised and not stored or screened again."""

    facility = models.ForeignKey(
        CapFacility, on_delete=models.PROTECT, related_name="rosters", verbose_name="facility"
    )
    as_of = models.DateTimeField("snapshot time", db_index=True)
    source = models.CharField("received by", max_length=10, choices=RosterSource.choices())
    filename = models.CharField("file name", max_length=255, blank=True)
    content_hash = models.CharField("content hash (SHA-256)", max_length=64)
    row_count = models.PositiveIntegerField("bookings", default=0)
    booked_in = models.PositiveIntegerField("new since the last roster", default=0)
    released = models.PositiveIntegerField("released since the last roster", default=0)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rosters_received",
        verbose_name="received by",
    )
    status = FSMField(
        "status", default=R.QUEUED, choices=R.choices(), protected=True, db_index=True
    )
    job_id = models.CharField("screening job", max_length=64, blank=True)
    progress_done = models.PositiveIntegerField("bookings screened", default=0)
    progress_total = models.PositiveIntegerField("bookings to screen", default=0)
    cancel_requested = models.BooleanField("cancel requested", default=False)
    screening_started_at = models.DateTimeField("screening started", null=True, blank=True)
    screening_finished_at = models.DateTimeField("screening finished", null=True, blank=True)
    model_version = models.CharField("matching model version", max_length=64, blank=True)
    error = models.TextField("error", blank=True)

    agency_scope: ClassVar[str] = "facility__facility__agency"
    team_scope: ClassVar[str] = "facility__team__members"

    class Meta:
        verbose_name = "roster"
        ordering = ["-as_of", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "content_hash"], name="roster_once_per_content"
            )
        ]
        permissions = [("cancel_roster", "Can cancel a roster's screening")]

    def __str__(self) -> str:
        return f"Roster #{self.pk} ({self.facility})"

    def get_absolute_url(self) -> str:
        return reverse("cap:roster", args=[self.pk])

    @property
    def percent(self) -> int:
        return int(100 * self.progress_done / self.progress_total) if self.progress_total else 0

    # Transitions only move the state; actions check who may call them and audit them.
    @transition(field=status, source=[R.QUEUED, R.FAILED], target=R.SCREENING)
    def start(self) -> None:
        pass

    @transition(field=status, source=R.SCREENING, target=R.SCREENED)
    def finish(self) -> None:
        pass

    @transition(field=status, source=[R.QUEUED, R.SCREENING], target=R.CANCELLED)
    def cancel(self) -> None:
        pass

    @transition(field=status, source=[R.QUEUED, R.SCREENING], target=R.FAILED)
    def fail(self) -> None:
        pass

    @transition(field=status, source=[R.CANCELLED, R.FAILED], target=R.QUEUED)
    def requeue(self) -> None:
        pass


class Booking(ProgramRecord):
    """A person held at the facility, as the rosters describe them, from the first roster
    that lists them until the first later roster that does not (their release)."""

    facility = models.ForeignKey(
        CapFacility, on_delete=models.PROTECT, related_name="bookings", verbose_name="facility"
    )
    booking_number = models.CharField("booking number", max_length=64)
    first_roster = models.ForeignKey(
        Roster, on_delete=models.PROTECT, related_name="bookings_in", verbose_name="first roster"
    )
    last_roster = models.ForeignKey(
        Roster, on_delete=models.PROTECT, related_name="bookings_seen", verbose_name="last roster"
    )
    given_name = models.CharField("given name", max_length=100, blank=True)
    middle_name = models.CharField("middle name", max_length=100, blank=True)
    family_name = models.CharField("family name", max_length=100, blank=True)
    date_of_birth = models.CharField(
        "date of birth", max_length=10, blank=True, help_text="ISO; partial dates kept as read."
    )
    sex = models.CharField("sex", max_length=1, blank=True)
    place_of_birth = models.CharField("place of birth", max_length=100, blank=True)
    identifiers = models.JSONField("identifiers", default=dict, blank=True)
    fields = models.JSONField(
        "all mapped fields", default=dict, blank=True, help_text="The row as the engine reads it."
    )
    booked_at = models.DateTimeField("booked", null=True, blank=True)
    release_date = models.DateTimeField("expected release", null=True, blank=True, db_index=True)
    released_at = models.DateTimeField(
        "released",
        null=True,
        blank=True,
        help_text="The snapshot time of the first roster without this booking.",
    )
    status = models.CharField(
        "status",
        max_length=12,
        choices=BookingStatus.choices(),
        default=BookingStatus.IN_CUSTODY,
        db_index=True,
    )
    screened_at = models.DateTimeField("screened", null=True, blank=True)
    candidate_count = models.PositiveSmallIntegerField("candidates found", default=0)
    priority_level = models.PositiveSmallIntegerField(
        "priority level", null=True, blank=True, help_text="From the charges, when known."
    )

    agency_scope: ClassVar[str] = "facility__facility__agency"
    team_scope: ClassVar[str] = "facility__team__members"

    class Meta:
        verbose_name = "booking"
        ordering = ["release_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["facility", "booking_number"], name="booking_once_per_facility"
            )
        ]

    def __str__(self) -> str:
        return f"Booking {self.booking_number}"

    def get_absolute_url(self) -> str:
        return reverse("cap:booking", args=[self.pk])


class ScreeningCandidate(FSMModelMixin, ProgramRecord):
    """A stored person record that screening found for a booking, with its calibrated
    probability, band and per-field explanation, and the CAP officer's review of it. A
    candidate is only ever *verified* by a person, with the fields they checked."""

    booking = models.ForeignKey(
        Booking, on_delete=models.PROTECT, related_name="candidates", verbose_name="booking"
    )
    roster = models.ForeignKey(
        Roster, on_delete=models.PROTECT, related_name="candidates", verbose_name="roster"
    )
    record = models.ForeignKey(
        "records.PersonRecord",
        on_delete=models.PROTECT,
        related_name="cap_candidates",
        verbose_name="person record",
    )
    rank = models.PositiveSmallIntegerField("rank", default=1)
    probability = models.FloatField("match probability")
    band = models.CharField("band", max_length=20)
    explanation = models.JSONField("explanation", default=dict, blank=True)
    status = FSMField(
        "review", default=V.PENDING, choices=V.choices(), protected=True, db_index=True
    )
    fields_checked = models.JSONField("fields checked", default=list, blank=True)
    stop_reasons = models.JSONField("citizenship stop reasons", default=list, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cap_reviews",
        verbose_name="reviewed by",
    )
    reviewed_at = models.DateTimeField("reviewed", null=True, blank=True)
    reason = models.TextField("reason", blank=True, max_length=limits.LONG_TEXT)
    # The supervisor's decision on a citizenship stop. "citizen" leaves the candidate stopped
    # for good (closed, kept as data); "not_established" clears it.
    supervisor_decision = models.CharField(
        "supervisor's decision", max_length=20, blank=True, help_text="On a citizenship stop."
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cap_stop_decisions",
        verbose_name="decided by",
    )
    decided_at = models.DateTimeField("decided", null=True, blank=True)
    supervisor_notes = models.TextField(
        "supervisor's reasons", blank=True, max_length=limits.LONG_TEXT
    )
    # The enforcement encounter a removable interview outcome led to (one per candidate): the
    # link lives here, so enforcement knows nothing of CAP.
    encounter = models.OneToOneField(
        "enforcement.Encounter",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cap_candidate",
        verbose_name="encounter",
    )

    agency_scope: ClassVar[str] = "booking__facility__facility__agency"
    team_scope: ClassVar[str] = "booking__facility__team__members"

    class Meta:
        verbose_name = "screening candidate"
        ordering = ["booking__release_date", "booking", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["booking", "roster", "record"], name="candidate_once_per_screening"
            )
        ]
        permissions = [
            ("review_screeningcandidate", "Can verify or reject a screening candidate"),
            ("decide_screeningcandidate", "Can decide a citizenship stop on a candidate"),
            ("export_screeningcandidate", "Can export screening results"),
        ]

    def __str__(self) -> str:
        return f"Candidate {self.rank} for booking {self.booking.booking_number}"

    def get_absolute_url(self) -> str:
        return reverse("cap:candidate", args=[self.pk])

    # A candidate stopped before anyone verified it and then cleared is verified afterwards.
    @transition(field=status, source=[V.PENDING, V.CLEARED], target=V.VERIFIED)
    def verify(self) -> None:
        pass

    @transition(field=status, source=V.PENDING, target=V.REJECTED)
    def reject(self) -> None:
        pass

    @transition(field=status, source=[V.PENDING, V.VERIFIED, V.REFERRED], target=V.STOPPED)
    def stop_for_citizenship(self) -> None:
        pass

    @transition(field=status, source=V.STOPPED, target=V.CLEARED)
    def clear(self) -> None:
        pass

    @transition(field=status, source=[V.VERIFIED, V.CLEARED], target=V.REFERRED)
    def refer(self) -> None:
        pass


class Interview(FSMModelMixin, ProgramRecord):
    """An interview of a referred booked person: how (as the facility allows), in what
    language, when, by whom, and what came of it. A step with its dates; the detainer decision
    it may lead to is the detention app's."""

    candidate = models.ForeignKey(
        ScreeningCandidate,
        on_delete=models.PROTECT,
        related_name="interviews",
        verbose_name="referral",
    )
    mode = models.CharField("how", max_length=12, choices=InterviewMode.choices())
    interpreter_language = models.CharField(
        "interpreter language",
        max_length=60,
        blank=True,
        help_text="Blank when no interpreter was needed.",
    )
    scheduled_for = models.DateTimeField("scheduled for")
    held_at = models.DateTimeField("held", null=True, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="cap_interviews",
        verbose_name="interviewing officer",
    )
    status = FSMField(
        "status",
        default=InterviewStatus.SCHEDULED,
        choices=InterviewStatus.choices(),
        protected=True,
        db_index=True,
    )
    outcome = models.CharField(
        "outcome", max_length=20, choices=InterviewOutcome.choices(), blank=True
    )
    notes = models.TextField("notes", blank=True, max_length=limits.LONG_TEXT)

    agency_scope: ClassVar[str] = "candidate__booking__facility__facility__agency"
    team_scope: ClassVar[str] = "candidate__booking__facility__team__members"

    class Meta:
        verbose_name = "interview"
        ordering = ["-scheduled_for", "-pk"]

    def __str__(self) -> str:
        return f"Interview #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("cap:interview", args=[self.pk])

    def audit_details(self) -> dict[str, Any]:
        return {"candidate": self.candidate_id, "mode": self.mode}

    @transition(field=status, source=InterviewStatus.SCHEDULED, target=InterviewStatus.HELD)
    def hold(self) -> None:
        pass

    @transition(field=status, source=InterviewStatus.SCHEDULED, target=InterviewStatus.CANCELLED)
    def cancel(self) -> None:
        pass
