"""The one authority check every later action passes (safeguard 3 of DOMAIN.md section 6).

``check(officer, function, when=...)`` answers for one moment: allowed only when the
officer's agreement is in force and its model includes the function, and the officer is
certified, holds an authorization in force that names the function, is current on training,
has an ICE supervisor and is not suspended. Every failed condition is one reason, in plain
words, so a denial says everything that must change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from access.agreements.actions import add_months
from access.agreements.choices import AgreementStatus
from access.officers.choices import CourseKind, OfficerStatus
from access.officers.models import (
    Authorization,
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


def training_current_until(officer: Officer, on: date) -> date | None:
    """The last day the officer's training counts, from the newest pass on or before ``on``."""
    passes = ExamAttempt.objects.filter(officer=officer, passed=True, taken_on__lte=on)
    latest = passes.select_related("course").order_by("-taken_on").first()
    if latest is None:
        return None
    return add_months(latest.taken_on, latest.course.valid_months)


def has_current_refresher(officer: Officer, on: date) -> bool:
    """Renewal needs a refresher passed within its validity (the initial course does not count)."""
    for exam in ExamAttempt.objects.filter(
        officer=officer, passed=True, taken_on__lte=on, course__kind=CourseKind.REFRESHER
    ).select_related("course"):
        if add_months(exam.taken_on, exam.course.valid_months) >= on:
            return True
    return False


def authorizations_in_force(officer: Officer, when: datetime) -> list[Authorization]:
    day = timezone.localdate(when)
    return list(
        Authorization.objects.filter(
            Q(ended_at__isnull=True) | Q(ended_at__gt=when),
            officer=officer,
            valid_from__lte=day,
            valid_until__gte=day,
        ).order_by("-valid_from")
    )


def _stopped_at(agreement: Any) -> datetime | None:
    """When the agreement left force (its last suspension, termination or expiry event)."""
    from access.audit.models import AuditEvent

    names = [f"agreement.{name}" for name in ("suspend", "terminate", "expire")]
    event = (
        AuditEvent.objects.filter(
            object_type="agreements.agreement", object_id=str(agreement.pk), action__in=names
        )
        .order_by("-occurred_at")
        .first()
    )
    return event.occurred_at if event is not None else None


def _stopped_by(agreement: Any, when: datetime) -> bool:
    """An agreement not in force now was already out of force at ``when`` (always, when its
    stop is not recorded, e.g. a draft or an agreement only known from ICE's list)."""
    if agreement.status not in STOPPED:
        return True
    stopped = _stopped_at(agreement)
    return stopped is None or stopped <= when


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
    when = when or timezone.now()
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    day = timezone.localdate(when)
    reasons: list[str] = []
    agreement = officer.agreement

    # The agreement and its model.
    if agreement.status not in ACTING and _stopped_by(agreement, when):
        reasons.append(
            f"The agency's agreement #{agreement.pk} is not in force "
            f'(status "{AgreementStatus.label(agreement.status)}").'
        )
    elif agreement.effective_on and day < agreement.effective_on:
        reasons.append(f"The agreement takes effect only on {agreement.effective_on}.")
    elif agreement.expires_on and day > agreement.expires_on:
        reasons.append(f"The agreement ended on {agreement.expires_on}.")
    allowed_functions = ModelFunction.codes_in_effect(agreement.partnership_type_id, day)
    if function not in allowed_functions:
        reasons.append(
            f"The {agreement.partnership_type.name} does not include the function "
            f'"{function}" on {day}.'
        )

    # The officer's own standing.
    if officer.removed_at is not None and officer.removed_at <= when:
        label = OfficerStatus.label(officer.status).lower()
        reasons.append(f"The officer's authority ended on {officer.removed_at:%Y-%m-%d} ({label}).")
    certified = officer.certifications.filter(certified_on__lte=day).filter(
        Q(revoked_at__isnull=True) | Q(revoked_at__gt=when)
    )
    if not certified.exists():
        reasons.append("The officer is not certified.")
    in_force = authorizations_in_force(officer, when)
    if not in_force:
        last = officer.authorizations.filter(valid_from__lte=day).order_by("-valid_until").first()
        if last is None:
            reasons.append("The officer holds no authorization.")
        elif last.ended_at is not None and last.ended_at <= when:
            reasons.append(f"The officer's authorization ended on {last.ended_at:%Y-%m-%d}.")
        else:
            reasons.append(f"The officer's authorization expired on {last.valid_until}.")
    elif function in allowed_functions and not any(function in a.functions for a in in_force):
        reasons.append(f'The officer\'s authorization does not name the function "{function}".')
    current_until = training_current_until(officer, day)
    if current_until is None:
        reasons.append("The officer has passed no training course.")
    elif day > current_until:
        reasons.append(
            f"The officer's training lapsed on {current_until + timedelta(days=1)}: a refresher is due."
        )
    supervised = SupervisorAssignment.objects.filter(
        Q(ended_at__isnull=True) | Q(ended_at__gt=when), officer=officer, started_at__lte=when
    )
    if not supervised.exists():
        reasons.append("The officer has no assigned ICE supervisor.")
    suspended = (
        Suspension.objects.filter(
            Q(ended_at__isnull=True) | Q(ended_at__gt=when), officer=officer, started_at__lte=when
        )
        .order_by("-started_at")
        .first()
    )
    if suspended is not None:
        reasons.append(f"The officer is suspended since {suspended.started_at:%Y-%m-%d %H:%M} UTC.")
    return Decision(officer=officer, function=function, when=when, reasons=reasons)


def functions_allowed(officer: Officer, when: datetime | None = None) -> list[str]:
    """The functions of the officer's model the check allows at ``when``."""
    when = when or timezone.now()
    day = timezone.localdate(when)
    codes = ModelFunction.codes_in_effect(officer.agreement.partnership_type_id, day)
    return [code for code in codes if check(officer, code, when=when).allowed]


def today_for_each_function(officer: Officer) -> list[tuple[str, str, Decision]]:
    """The officer page's table: (code, name, today's decision) for each model function."""
    now = timezone.now()
    codes = ModelFunction.codes_in_effect(
        officer.agreement.partnership_type_id, timezone.localdate(now)
    )
    return [(code, name, check(officer, code, when=now)) for code, name in codes.items()]
