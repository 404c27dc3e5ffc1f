"""The one authority check every later action passes (safeguard 3 of DOMAIN.md section 6).

``check(officer, function, when=...)`` answers for one moment: allowed only when the
officer's agreement is in force and its model includes the function, and the officer is
certified, holds an authorization in force that names the function, is current on training,
has an ICE supervisor and is not suspended. Every failed condition is one reason, in plain
words, so a denial says everything that must change.

The rules live in ``decide`` alone and read only a ``Standing``: the officer's rows loaded
once by ``standings``, for one officer or a whole page of them in the same few queries. The
single check and the bulk forms (``functions_allowed_for``, ``today_for_each_function``) run
the same rules on the same rows, so a page of 50 officers costs a fixed number of queries
instead of several per officer and function.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Max, prefetch_related_objects
from django.utils import timezone

from access.agreements.actions import add_months
from access.agreements.choices import AgreementStatus
from access.officers.choices import CourseKind, OfficerStatus
from access.officers.models import (
    Authorization,
    Certification,
    ExamAttempt,
    ModelFunction,
    Officer,
    SupervisorAssignment,
    Suspension,
)

# Agreement statuses under which officers may act (a suspended agreement gives no authority).
ACTING = [AgreementStatus.ACTIVE, AgreementStatus.MODIFIED, AgreementStatus.RENEWAL_DUE]


# Statuses an agreement reaches by a recorded step, after having been in force.
STOPPED = [AgreementStatus.SUSPENDED, AgreementStatus.TERMINATED, AgreementStatus.EXPIRED]


class UnknownOfficer(LookupError):
    """No officer matches the user or badge given (bad input, not a denial)."""


class UnknownFunction(LookupError):
    """The function code is not a function of any partnership model."""


@dataclass(frozen=True)
class Decision:
    officer: Officer
    function: str
    when: datetime
    reasons: list[str] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return not self.reasons

    def as_dict(self) -> dict[str, Any]:
        return {
            "officer": self.officer.badge_number,
            "agency_id": self.officer.agency_id,
            "function": self.function,
            "on": self.when.isoformat(),
            "allowed": self.allowed,
            "reasons": self.reasons,
        }


@dataclass(frozen=True)
class Standing:
    """Everything the check reads about one officer at one moment (rows of any date: the
    rules pick the ones that count at ``when``)."""

    functions: dict[str, str]  # {code: name} of the model's functions in effect that day
    stopped_at: datetime | None  # when a stopped agreement left force, if recorded
    certifications: list[Certification]
    authorizations: list[Authorization]
    passes: list[ExamAttempt]  # passed exams, with their course
    assignments: list[SupervisorAssignment]
    suspensions: list[Suspension]


def _rows(officers: list[Officer], related: str, rows: Any) -> dict[int, list[Any]]:
    """``{officer id: rows}`` of one related table: the rows a page already prefetched (the
    officer page and the API prefetch them to show them), else one query for all officers.
    The rules filter them, so all of an officer's rows may be given."""
    if all(related in getattr(o, "_prefetched_objects_cache", {}) for o in officers):
        return {o.pk: list(getattr(o, related).all()) for o in officers}
    grouped: dict[int, list[Any]] = {o.pk: [] for o in officers}
    query = rows.filter(officer_id__in=list(grouped))
    if related == "exams":
        query = query.select_related("course")  # the validity of the newest pass
    for row in query:
        grouped[row.officer_id].append(row)
    return grouped


def _stopped_at_for(agreement_ids: set[int]) -> dict[int, datetime]:
    """When each agreement left force (its last suspension, termination or expiry event)."""
    if not agreement_ids:
        return {}
    from access.audit.models import AuditEvent

    names = [f"agreement.{name}" for name in ("suspend", "terminate", "expire")]
    rows = (
        AuditEvent.objects.filter(
            object_type="agreements.agreement",
            object_id__in=[str(pk) for pk in agreement_ids],
            action__in=names,
        )
        .values("object_id")
        .annotate(last=Max("occurred_at"))
        .values_list("object_id", "last")
    )
    return {int(object_id): last for object_id, last in rows}


def standings(officers: Sequence[Officer], when: datetime) -> dict[int, Standing]:
    """``{officer id: Standing}`` for all ``officers`` at ``when``: at most eight queries
    whatever their number (their agreements, the models' functions, the stops of stopped
    agreements, then certificates, letters, passes, supervisors and suspensions)."""
    officers = list(officers)
    if not officers:
        return {}
    prefetch_related_objects(officers, "agreement")  # no query when already selected
    day = timezone.localdate(when)
    functions = ModelFunction.codes_in_effect_for(
        {officer.agreement.partnership_type_id for officer in officers}, day
    )
    stopped = _stopped_at_for(
        {officer.agreement_id for officer in officers if officer.agreement.status in STOPPED}
    )
    certifications = _rows(officers, "certifications", Certification.objects)
    authorizations = _rows(officers, "authorizations", Authorization.objects)
    passes = _rows(officers, "exams", ExamAttempt.objects.filter(passed=True))
    assignments = _rows(officers, "supervisor_assignments", SupervisorAssignment.objects)
    suspensions = _rows(officers, "suspensions", Suspension.objects)
    return {
        officer.pk: Standing(
            functions=functions.get(officer.agreement.partnership_type_id, {}),
            stopped_at=stopped.get(officer.agreement_id),
            certifications=certifications[officer.pk],
            authorizations=authorizations[officer.pk],
            passes=passes[officer.pk],
            assignments=assignments[officer.pk],
            suspensions=suspensions[officer.pk],
        )
        for officer in officers
    }


# The rules over loaded rows ------------------------------------------------------------------


def training_until_of(passes: Iterable[ExamAttempt], on: date) -> date | None:
    """The last day training counts: the newest pass on or before ``on`` (the later recorded
    one on a tie), plus its course's validity."""
    taken = [exam for exam in passes if exam.passed and exam.taken_on <= on]
    if not taken:
        return None
    latest = max(taken, key=lambda exam: (exam.taken_on, exam.pk))
    return add_months(latest.taken_on, latest.course.valid_months)


def _in_force(letters: Iterable[Authorization], when: datetime) -> list[Authorization]:
    """Letters valid on ``when``'s day and not ended by ``when``, newest first."""
    day = timezone.localdate(when)
    rows = [
        letter
        for letter in letters
        if (letter.ended_at is None or letter.ended_at > when)
        and letter.valid_from <= day <= letter.valid_until
    ]
    return sorted(rows, key=lambda letter: (letter.valid_from, letter.pk), reverse=True)


def _during(period: SupervisorAssignment | Suspension, when: datetime) -> bool:
    """Started at or before ``when`` and not ended by then."""
    return period.started_at <= when and (period.ended_at is None or period.ended_at > when)


def _moment(when: datetime | None) -> datetime:
    when = when or timezone.now()
    return timezone.make_aware(when) if timezone.is_naive(when) else when


def decide(officer: Officer, function: str, when: datetime, standing: Standing) -> Decision:
    """The rules: allowed or denied for ``function`` at ``when``, with every reason, from the
    officer's ``standing`` at that moment (no queries)."""
    day = timezone.localdate(when)
    reasons: list[str] = []
    agreement = officer.agreement

    # The agreement and its model. An agreement not in force now was already out of force at
    # ``when`` unless its recorded stop came later (a draft, or an agreement only known from
    # ICE's list, has no recorded stop: never in force).
    stopped_before = agreement.status not in STOPPED or (
        standing.stopped_at is None or standing.stopped_at <= when
    )
    if agreement.status not in ACTING and stopped_before:
        reasons.append(
            f"The agency's agreement #{agreement.pk} is not in force "
            f'(status "{AgreementStatus.label(agreement.status)}").'
        )
    elif agreement.effective_on and day < agreement.effective_on:
        reasons.append(f"The agreement takes effect only on {agreement.effective_on}.")
    elif agreement.expires_on and day > agreement.expires_on:
        reasons.append(f"The agreement ended on {agreement.expires_on}.")
    allowed_functions = standing.functions
    if function not in allowed_functions:
        reasons.append(
            f"The {agreement.partnership_type.name} does not include the function "
            f'"{function}" on {day}.'
        )

    # The officer's own standing.
    if officer.removed_at is not None and officer.removed_at <= when:
        label = OfficerStatus.label(officer.status).lower()
        reasons.append(f"The officer's authority ended on {officer.removed_at:%Y-%m-%d} ({label}).")
    if not any(
        c.certified_on <= day and (c.revoked_at is None or c.revoked_at > when)
        for c in standing.certifications
    ):
        reasons.append("The officer is not certified.")
    in_force = _in_force(standing.authorizations, when)
    if not in_force:
        earlier = [a for a in standing.authorizations if a.valid_from <= day]
        last = max(earlier, key=lambda a: (a.valid_until, a.pk)) if earlier else None
        if last is None:
            reasons.append("The officer holds no authorization.")
        elif last.ended_at is not None and last.ended_at <= when:
            reasons.append(f"The officer's authorization ended on {last.ended_at:%Y-%m-%d}.")
        else:
            reasons.append(f"The officer's authorization expired on {last.valid_until}.")
    elif function in allowed_functions and not any(function in a.functions for a in in_force):
        reasons.append(f'The officer\'s authorization does not name the function "{function}".')
    current_until = training_until_of(standing.passes, day)
    if current_until is None:
        reasons.append("The officer has passed no training course.")
    elif day > current_until:
        reasons.append(
            f"The officer's training lapsed on {current_until + timedelta(days=1)}: a refresher is due."
        )
    if not any(_during(assignment, when) for assignment in standing.assignments):
        reasons.append("The officer has no assigned ICE supervisor.")
    suspended = [s for s in standing.suspensions if _during(s, when)]
    if suspended:
        since = max(suspended, key=lambda s: (s.started_at, s.pk)).started_at
        reasons.append(f"The officer is suspended since {since:%Y-%m-%d %H:%M} UTC.")
    return Decision(officer=officer, function=function, when=when, reasons=reasons)


# The check and its bulk forms ----------------------------------------------------------------


def training_current_until(officer: Officer, on: date) -> date | None:
    """The last day the officer's training counts, from the newest pass on or before ``on``."""
    passes = ExamAttempt.objects.filter(officer=officer, passed=True, taken_on__lte=on)
    return training_until_of(passes.select_related("course"), on)


def has_current_refresher(officer: Officer, on: date) -> bool:
    """Renewal needs a refresher passed within its validity (the initial course does not count)."""
    for exam in ExamAttempt.objects.filter(
        officer=officer, passed=True, taken_on__lte=on, course__kind=CourseKind.REFRESHER
    ).select_related("course"):
        if add_months(exam.taken_on, exam.course.valid_months) >= on:
            return True
    return False


def authorizations_in_force(officer: Officer, when: datetime) -> list[Authorization]:
    return _in_force(Authorization.objects.filter(officer=officer), when)


def _resolve(subject: Any, agency: Any) -> Officer:
    if isinstance(subject, Officer):
        return subject
    rows = Officer.objects.filter(user=subject).exclude(status__in=[OfficerStatus.WITHDRAWN])
    if agency is not None:
        rows = rows.filter(agency=getattr(agency, "pk", agency))
    officer = rows.order_by("-nominated_on", "-pk").first()
    if officer is None:
        raise UnknownOfficer(f"{subject} is not a nominated officer")
    return officer


def check(
    subject: Any, function: str, agency: Any = None, when: datetime | None = None
) -> Decision:
    """Allowed or denied, with every reason, for ``subject`` (an Officer or the officer's user
    account, with ``agency`` when they serve more than one) to perform ``function`` at ``when``
    (now by default)."""
    if not ModelFunction.objects.filter(code=function).exists():
        raise UnknownFunction(f"unknown function {function!r}")
    officer = _resolve(subject, agency)
    when = _moment(when)
    return decide(officer, function, when, standings([officer], when)[officer.pk])


def functions_allowed_for(
    officers: Sequence[Officer], when: datetime | None = None
) -> dict[int, list[str]]:
    """``{officer id: codes}``: the functions of each officer's model the check allows at
    ``when``, for a whole page of officers in a fixed number of queries."""
    when = _moment(when)
    found = standings(officers, when)
    return {
        officer.pk: [
            code
            for code in found[officer.pk].functions
            if decide(officer, code, when, found[officer.pk]).allowed
        ]
        for officer in officers
    }


def functions_allowed(officer: Officer, when: datetime | None = None) -> list[str]:
    """The functions of the officer's model the check allows at ``when``."""
    return functions_allowed_for([officer], when)[officer.pk]


def today_for_each_function(officer: Officer) -> list[tuple[str, str, Decision]]:
    """The officer page's table: (code, name, today's decision) for each model function."""
    now = timezone.now()
    standing = standings([officer], now)[officer.pk]
    return [
        (code, name, decide(officer, code, now, standing))
        for code, name in standing.functions.items()
    ]
