"""Officer operations. Each is audited (one transaction, one actor, one typed event) and
takes a reason; each checks the actor's grant itself, so no caller can skip it.

Views, the API, the roster import and the expiry job call these; the model only knows which
state moves are legal.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_fsm import can_proceed, has_transition_perm

from access.accounts.models import User
from access.agreements.actions import add_months
from access.agreements.choices import AgreementStatus
from access.audit import events
from access.audit.events import audited
from access.core.actors import SystemActor
from access.officers import authority
from access.officers.choices import (
    FINAL,
    MAY_TAKE,
    ON_PATH,
    CheckOutcome,
    CheckResult,
    CourseKind,
    OfficerStatus,
)
from access.officers.events import Event
from access.officers.models import (
    Authorization,
    BackgroundCheck,
    Certification,
    Course,
    DisciplinaryReport,
    ExamAttempt,
    ModelFunction,
    Officer,
    SupervisorAssignment,
    Suspension,
)
from access.partnerships.choices import PartnershipFamily

S = OfficerStatus
AUTHORIZATION_MONTHS = 12
AGENCY_CHECK_YEARS = 5
SUPERVISOR_ROLE = "ice_supervisor"

# The steps people start from the officer page: label and the grant each needs.
STEPS: dict[str, tuple[str, str]] = {
    "lift_disqualification": ("Lift the disqualification", "lift"),
    "suspend": ("Suspend", "suspend"),
    "reinstate": ("Reinstate", "manage"),
    "revoke": ("Revoke", "manage"),
    "withdraw": ("Withdraw the nomination", "withdraw"),
}


class StepRefused(ValidationError):
    """An illegal step, a broken rule or a missing reason; nothing was changed."""


def _require(
    actor: Any, officer: Officer | None, action: str, agency_id: int | None = None
) -> None:
    if isinstance(actor, SystemActor):
        return
    if officer is None:
        scope = actor.grant_scope(f"officers.{action}_officer")
        if scope == "all" or (scope == "agency" and agency_id == actor.agency_id):
            return
        raise PermissionDenied(f"{actor} may not {action} officers of this agency")
    if not Officer.objects.restrict(actor, action).filter(pk=officer.pk).exists():
        raise PermissionDenied(f"{actor} may not {action} officer #{officer.pk}")


def _reason(reason: str, label: str) -> str:
    if not reason or not reason.strip():
        raise StepRefused(f"{label}: give a reason.")
    return reason.strip()


def _lock(officer: Officer) -> Officer:
    return Officer.objects.select_for_update().select_related("agreement").get(pk=officer.pk)


def _move(actor: Any, officer: Officer, name: str, label: str) -> None:
    """Run transition ``name`` or refuse with the status it needs."""
    method = getattr(officer, name)
    if not can_proceed(method):
        sources = {str(t.source) for t in method._django_fsm.transitions.values()}
        needed = ", ".join(f'"{S.label(v)}"' for v in S.values() if v in sources)
        raise StepRefused(
            f'{label}: the officer\'s status is "{S.label(officer.status)}"; this step needs '
            f"{needed}."
        )
    if not has_transition_perm(method, actor):
        raise PermissionDenied(f"{actor} may not {label.lower()} officer #{officer.pk}")
    method()


def _record(
    name: str, officer: Officer, before: dict[str, Any], reason: str, **details: Any
) -> None:
    events.record(
        Event.transition(name),
        obj=officer,
        before=before,
        after=events.snapshot(officer),
        details={"reason": reason, "from": before["status"], "to": officer.status, **details},
    )


# Nomination ---------------------------------------------------------------------------------


def check_nomination(agreement: Any, data: dict[str, Any], today: date, adding: int = 1) -> None:
    """The rules of a nomination, without saving; raises ValidationError with every problem."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if agreement.status not in authority.ACTING:
        add(
            "agreement",
            f"Agreement #{agreement.pk} is not in force "
            f'(status "{AgreementStatus.label(agreement.status)}"): officers are nominated only '
            "under an active agreement.",
        )
    if not ModelFunction.objects.filter(partnership_type=agreement.partnership_type_id).exists():
        add("agreement", f"The {agreement.partnership_type.name} has no officer functions.")
    if agreement.officer_limit is not None:
        on_path = agreement.officers.filter(status__in=ON_PATH).count()
        if on_path + adding > agreement.officer_limit:
            add(
                "agreement",
                f"Agreement #{agreement.pk} allows {agreement.officer_limit} officers and "
                f"{on_path} are nominated or serving.",
            )
    if not data.get("citizenship_attested"):
        add(
            "citizenship_attested",
            "The agency must attest that the officer is a U.S. citizen (required by statute).",
        )
    hired_on, check_on = data.get("hired_on"), data.get("agency_check_on")
    if hired_on and hired_on > today:
        add("hired_on", f"The date of hire {hired_on} is in the future.")
    if check_on and check_on > today:
        add("agency_check_on", f"The agency background check date {check_on} is in the future.")
    if check_on and check_on < add_months(today, -12 * AGENCY_CHECK_YEARS):
        add("agency_check_on", "The agency background check is more than 5 years old.")
    if data.get("agency_check_result") == CheckResult.FAILED:
        add("agency_check_result", "The agency's own background check failed.")
    badge = (data.get("badge_number") or "").strip()
    if (
        badge
        and Officer.objects.filter(
            agency=agreement.agency_id, badge_number=badge, status__in=ON_PATH
        ).exists()
    ):
        add("badge_number", f"An officer with badge {badge} is already nominated or serving.")
    if errors:
        raise ValidationError(errors)


@audited
def nominate(actor: Any, *, agreement: Any, reason: str, **data: Any) -> Officer:
    """Nominate one officer under ``agreement`` (the agency's own liaison, or ICE staff)."""
    _require(actor, None, "add", agreement.agency_id)
    reason = _reason(reason, "Nominate")
    today = timezone.localdate()
    from access.agreements.models import Agreement

    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    check_nomination(agreement, data, today)
    officer = Officer(
        agency_id=agreement.agency_id, agreement=agreement, nominated_on=today, **data
    )
    officer.full_clean(exclude=["status"])
    officer.save()
    events.record(
        Event.NOMINATE, obj=officer, after=events.snapshot(officer), details={"reason": reason}
    )
    return officer


# ICE background check -----------------------------------------------------------------------


@audited
def record_background_check(
    actor: Any, officer: Officer, *, outcome: str, reason: str, **data: Any
) -> BackgroundCheck:
    """ICE's check: fingerprints, personal history, disciplinary review; cleared or rejected."""
    _require(actor, officer, "screen")
    reason = _reason(reason, "Background check")
    officer = _lock(officer)
    before = events.snapshot(officer)
    name = {CheckOutcome.CLEARED: "clear_check", CheckOutcome.REJECTED: "reject_check"}.get(outcome)
    if name is None:
        raise StepRefused(f"Unknown outcome {outcome!r}.")
    _move(actor, officer, name, "Record the background check")
    submitted = data.get("fingerprints_submitted_on")
    if submitted and submitted > timezone.localdate():
        raise StepRefused("The fingerprint submission date is in the future.")
    if outcome == CheckOutcome.CLEARED and data.get("fingerprint_result") == CheckResult.FAILED:
        raise StepRefused("A nominee whose fingerprint check failed cannot be cleared.")
    check = BackgroundCheck(
        officer=officer,
        outcome=outcome,
        reason=reason,
        checked_by=actor,
        checked_on=timezone.localdate(),
        **data,
    )
    check.full_clean()
    officer.save()
    check.save()
    _record(name, officer, before, reason, background_check=check.pk)
    return check


# Training -----------------------------------------------------------------------------------


def _attempts_this_round(officer: Officer, course: Course) -> list[ExamAttempt]:
    """Attempts since the last pass of this course or the last lifted disqualification."""
    rows = ExamAttempt.objects.filter(officer=officer, course=course).order_by("attempt")
    last_pass = rows.filter(passed=True).order_by("-attempt").first()
    if last_pass is not None:
        rows = rows.filter(attempt__gt=last_pass.attempt)
    lifted = officer.disqualification_lifted_at
    if lifted is not None:
        rows = rows.filter(created_at__gt=lifted)
    return list(rows)


def not_ready_for(officer: Officer, course: Course) -> str:
    """Why ``officer`` may not sit ``course`` at this point of the path ("" when they may)."""
    if officer.status in MAY_TAKE[course.kind]:
        return ""
    if course.kind == CourseKind.INITIAL:
        return (
            f"The initial course is taken after the ICE background check clears; the officer's "
            f'status is "{S.label(officer.status)}".'
        )
    return "Refreshers are for certified officers."


@audited
def record_exam(
    actor: Any,
    officer: Officer,
    *,
    course: Course,
    taken_on: date,
    location: str,
    score: int,
    reason: str,
) -> ExamAttempt:
    """One exam result. The last allowed attempt failed on the initial course disqualifies."""
    _require(actor, officer, "train")
    reason = _reason(reason, "Record the exam")
    officer = _lock(officer)
    before = events.snapshot(officer)
    if score is None or not 0 <= int(score) <= 100:
        raise StepRefused(f"An exam score is a percentage from 0 to 100, not {score}.")
    if taken_on > timezone.localdate():
        raise StepRefused(f"The exam date {taken_on} is in the future.")
    if course.partnership_type_id != officer.agreement.partnership_type_id:
        raise StepRefused(f"{course} is not a course of the officer's partnership model.")
    if not Course.in_effect(course.partnership_type_id, taken_on, course.kind).filter(pk=course.pk):
        raise StepRefused(f"{course} was not offered on {taken_on}.")
    refused = not_ready_for(officer, course)
    if refused:
        raise StepRefused(refused)
    this_round = _attempts_this_round(officer, course)
    if course.kind == CourseKind.INITIAL and officer.exams.filter(course=course, passed=True):
        raise StepRefused(f"The officer has already passed {course}.")
    if len(this_round) >= course.attempts_allowed:
        raise StepRefused(
            f"The officer has used all {course.attempts_allowed} attempts at {course} "
            f"({course.retakes_allowed} retake allowed)."
        )
    score = int(score)
    exam = ExamAttempt(
        officer=officer,
        course=course,
        attempt=officer.exams.filter(course=course).count() + 1,
        taken_on=taken_on,
        location=location,
        score=score,
        passed=score >= course.pass_mark,
        recorded_by=actor,
    )
    exam.full_clean()
    exam.save()
    events.record(
        Event.RECORD_EXAM,
        obj=officer,
        details={
            "reason": reason,
            "course": course.code,
            "attempt": exam.attempt,
            "score": score,
            "pass_mark": course.pass_mark,
            "passed": exam.passed,
        },
    )
    last_chance = len(this_round) + 1 >= course.attempts_allowed
    if not exam.passed and last_chance and course.kind == CourseKind.INITIAL:
        _move(actor, officer, "disqualify", "Disqualify")
        officer.save()
        _record(
            "disqualify",
            officer,
            before,
            f"Failed {course} {course.attempts_allowed} times (last score {score}%, pass mark "
            f"{course.pass_mark}%).",
        )
    return exam


@audited
def lift_disqualification(actor: Any, officer: Officer, *, reason: str) -> Officer:
    """Only a program manager may lift a disqualification; the officer gets a new round."""
    _require(actor, officer, "lift")
    reason = _reason(reason, "Lift the disqualification")
    officer = _lock(officer)
    before = events.snapshot(officer)
    _move(actor, officer, "lift_disqualification", "Lift the disqualification")
    officer.disqualification_lifted_at = timezone.now()
    officer.save()
    _record("lift_disqualification", officer, before, reason)
    return officer


@audited
def certify(actor: Any, officer: Officer, *, reason: str) -> Certification:
    """The certificate of training, once the initial course is passed."""
    _require(actor, officer, "train")
    reason = _reason(reason, "Certify")
    officer = _lock(officer)
    before = events.snapshot(officer)
    passed = (
        officer.exams.filter(passed=True, course__kind=CourseKind.INITIAL)
        .select_related("course")
        .order_by("-taken_on")
        .first()
    )
    _move(actor, officer, "certify", "Certify")
    if passed is None:
        raise StepRefused("The officer has not passed the initial course.")
    certificate = Certification(
        officer=officer, course=passed.course, certified_on=timezone.localdate(), certified_by=actor
    )
    certificate.save()
    officer.save()
    _record(
        "certify", officer, before, reason, certificate=certificate.pk, course=passed.course.code
    )
    return certificate


# Authorization and supervision ---------------------------------------------------------------


def _check_supervisor(supervisor: Any) -> None:
    if (
        supervisor is None
        or not supervisor.is_active
        or SUPERVISOR_ROLE not in supervisor.role_slugs
    ):
        raise StepRefused(f"{supervisor} is not an active ICE supervisor.")


def _check_functions(officer: Officer, functions: list[str], on: date) -> list[str]:
    allowed = ModelFunction.codes_in_effect(officer.agreement.partnership_type_id, on)
    chosen = sorted(set(functions))
    if not chosen:
        raise StepRefused("Name at least one function the officer may perform.")
    outside = [code for code in chosen if code not in allowed]
    if outside:
        raise StepRefused(
            f"Not functions of the {officer.agreement.partnership_type.name} on {on}: "
            f"{', '.join(outside)}."
        )
    return chosen


def _assign(
    officer: Officer, supervisor: Any, reason: str, at: datetime
) -> SupervisorAssignment | None:
    current = officer.supervisor_assignments.filter(ended_at__isnull=True).first()
    if current is not None and current.supervisor_id == supervisor.pk:
        return None
    if current is not None:
        current.ended_at = at
        current.save()
    assignment = SupervisorAssignment(
        officer=officer, supervisor=supervisor, started_at=at, reason=reason
    )
    assignment.save()
    officer.supervisor = supervisor
    return assignment


def _end_of_year(start: date) -> date:
    return add_months(start, AUTHORIZATION_MONTHS) - timedelta(days=1)


@audited
def authorize(
    actor: Any,
    officer: Officer,
    *,
    functions: list[str],
    supervisor: Any,
    reason: str,
    valid_from: date | None = None,
) -> Authorization:
    """The field office director's letter: one year, named functions, a supervising officer."""
    _require(actor, officer, "authorize")
    reason = _reason(reason, "Authorize")
    officer = _lock(officer)
    before = events.snapshot(officer)
    valid_from = valid_from or timezone.localdate()
    _move(actor, officer, "authorize", "Authorize")
    return _issue(actor, officer, before, "authorize", functions, supervisor, reason, valid_from)


@audited
def renew(
    actor: Any, officer: Officer, *, functions: list[str], supervisor: Any, reason: str
) -> Authorization:
    """Another year, from the day after the current one ends (or today once lapsed); needs a
    current refresher."""
    _require(actor, officer, "authorize")
    reason = _reason(reason, "Renew")
    officer = _lock(officer)
    before = events.snapshot(officer)
    today = timezone.localdate()
    _move(actor, officer, "renew", "Renew")
    if not authority.has_current_refresher(officer, today):
        raise StepRefused("Renewal needs a refresher course passed within the last year.")
    latest = officer.authorizations.filter(ended_at__isnull=True).order_by("-valid_until").first()
    valid_from = today
    if latest is not None and latest.valid_until >= today:
        valid_from = latest.valid_until + timedelta(days=1)
    return _issue(actor, officer, before, "renew", functions, supervisor, reason, valid_from)


def _issue(
    actor: Any,
    officer: Officer,
    before: dict[str, Any],
    name: str,
    functions: list[str],
    supervisor: Any,
    reason: str,
    valid_from: date,
) -> Authorization:
    if not officer.certifications.filter(revoked_at__isnull=True).exists():
        raise StepRefused("The officer is not certified.")
    chosen = _check_functions(officer, functions, valid_from)
    _check_supervisor(supervisor)
    current_until = authority.training_current_until(officer, valid_from)
    if current_until is None or current_until < valid_from:
        raise StepRefused(f"The officer's training is not current on {valid_from}.")
    letter = Authorization(
        officer=officer,
        functions=chosen,
        valid_from=valid_from,
        valid_until=_end_of_year(valid_from),
        supervisor=supervisor,
        issued_by=actor,
    )
    letter.save()
    _assign(officer, supervisor, f"Named in authorization #{letter.pk}", timezone.now())
    officer.save()
    _record(
        name,
        officer,
        before,
        reason,
        authorization=letter.pk,
        functions=chosen,
        valid_from=valid_from,
        valid_until=letter.valid_until,
        supervisor=supervisor.get_username(),
    )
    return letter


@audited
def assign_supervisor(actor: Any, officer: Officer, *, supervisor: Any, reason: str) -> Officer:
    """A new current ICE supervisor; the previous assignment ends now (history kept)."""
    _require(actor, officer, "supervise")
    reason = _reason(reason, "Assign a supervisor")
    officer = _lock(officer)
    if officer.status in (S.REJECTED, S.REVOKED, S.WITHDRAWN):
        raise StepRefused(f'The officer\'s status is "{S.label(officer.status)}".')
    _check_supervisor(supervisor)
    before = events.snapshot(officer)
    if _assign(officer, supervisor, reason, timezone.now()) is None:
        raise StepRefused(f"{supervisor} already supervises this officer.")
    officer.save()
    events.record(
        Event.ASSIGN_SUPERVISOR,
        obj=officer,
        before=before,
        after=events.snapshot(officer),
        details={"reason": reason, "supervisor": supervisor.get_username()},
    )
    return officer


OFFICER_ROLE = "agency_officer"


CAP_OFFICER_ROLE = "cap_officer"


def linkable_accounts(officer: Officer) -> Any:
    """Accounts an officer record may be linked to: active agency officers of its agency; for
    an officer under a CAP agreement, active CAP officer accounts (ICE's own officers, whose
    accounts belong to ICE, not to the jail's agency)."""
    if officer.agreement.partnership_type.family == PartnershipFamily.CAP:
        return User.objects.filter(roles__slug=CAP_OFFICER_ROLE, is_active=True).distinct()
    return User.objects.filter(
        agency=officer.agency_id, roles__slug=OFFICER_ROLE, is_active=True
    ).distinct()


@audited
def link_account(actor: Any, officer: Officer, *, account: Any, reason: str) -> Officer:
    """Link the officer record to the officer's own account (``None`` unlinks it), so the
    officer sees their record, certificates and letters and nothing of other officers."""
    _require(actor, officer, "link")
    reason = _reason(reason, "Link the account")
    officer = _lock(officer)
    if officer.status in (S.REJECTED, S.WITHDRAWN):
        raise StepRefused(f'The officer\'s status is "{S.label(officer.status)}".')
    if account is not None:
        if not linkable_accounts(officer).filter(pk=account.pk).exists():
            raise StepRefused(
                f"{account} is not an active agency officer account of {officer.agency}."
            )
        other = (
            Officer.objects.filter(user=account, agency=officer.agency_id, status__in=ON_PATH)
            .exclude(pk=officer.pk)
            .first()
        )
        if other is not None:
            raise StepRefused(f"{account} is already linked to another officer record ({other}).")
    if officer.user_id == (account.pk if account is not None else None):
        raise StepRefused("The officer record is already linked to that account.")
    before = events.snapshot(officer)
    officer.user = account
    officer.save()
    events.record(
        Event.LINK_ACCOUNT,
        obj=officer,
        before=before,
        after=events.snapshot(officer),
        details={"reason": reason, "account": account.get_username() if account else None},
    )
    return officer


# Continuing disciplinary reports ----------------------------------------------------------


@audited
def report_disciplinary(
    actor: Any,
    officer: Officer,
    *,
    occurred_on: date,
    description: str,
    excessive_force: bool = False,
    discrimination: bool = False,
) -> DisciplinaryReport:
    """The agency reports a new disciplinary event; it waits for an ICE reviewer."""
    _require(actor, officer, "report")
    description = _reason(description, "Report a disciplinary event")
    if occurred_on > timezone.localdate():
        raise StepRefused(f"The event date {occurred_on} is in the future.")
    if officer.status in FINAL:
        raise StepRefused(f'The officer\'s status is "{S.label(officer.status)}".')
    report = DisciplinaryReport(
        officer=officer,
        occurred_on=occurred_on,
        description=description,
        excessive_force=excessive_force,
        discrimination=discrimination,
        reported_by=actor,
    )
    report.save()
    events.record(
        Event.REPORT_DISCIPLINARY,
        obj=officer,
        details={
            "reason": "Disciplinary event reported",
            "report": report.pk,
            "excessive_force": excessive_force,
            "discrimination": discrimination,
        },
    )
    return report


@audited
def acknowledge_disciplinary(
    actor: Any, report: DisciplinaryReport, *, reason: str
) -> DisciplinaryReport:
    """An ICE reviewer reads the report and records what follows (suspension is its own step)."""
    _require(actor, report.officer, "screen")
    reason = _reason(reason, "Acknowledge the report")
    report = DisciplinaryReport.objects.select_for_update().get(pk=report.pk)
    if report.acknowledged_at is not None:
        raise StepRefused("This report was already acknowledged.")
    report.acknowledged_at, report.acknowledged_by, report.review_note = (
        timezone.now(),
        actor,
        reason,
    )
    report.save()
    events.record(
        Event.ACKNOWLEDGE_DISCIPLINARY,
        obj=report.officer,
        details={"reason": reason, "report": report.pk},
    )
    return report


# Suspension, reinstatement, revocation, withdrawal -------------------------------------------


@audited
def suspend(actor: Any, officer: Officer, *, reason: str, at: datetime | None = None) -> Officer:
    _require(actor, officer, "suspend")
    reason = _reason(reason, "Suspend")
    officer = _lock(officer)
    before = events.snapshot(officer)
    _move(actor, officer, "suspend", "Suspend")
    suspension = Suspension(officer=officer, started_at=at or timezone.now(), reason=reason)
    suspension.save()
    officer.save()
    _record("suspend", officer, before, reason, suspension=suspension.pk)
    return officer


@audited
def reinstate(actor: Any, officer: Officer, *, reason: str) -> Officer:
    _require(actor, officer, "manage")
    reason = _reason(reason, "Reinstate")
    officer = _lock(officer)
    before = events.snapshot(officer)
    _move(actor, officer, "reinstate", "Reinstate")
    officer.suspensions.filter(ended_at__isnull=True).update(ended_at=timezone.now())
    officer.save()
    _record("reinstate", officer, before, reason)
    return officer


def _end_authority(officer: Officer, reason: str, at: datetime) -> None:
    officer.removed_at = at
    for letter in officer.authorizations.filter(ended_at__isnull=True):
        letter.ended_at, letter.end_reason = at, reason[:300]
        letter.save()
    for certificate in officer.certifications.filter(revoked_at__isnull=True):
        certificate.revoked_at = at
        certificate.save()
    for assignment in officer.supervisor_assignments.filter(ended_at__isnull=True):
        assignment.ended_at = at
        assignment.save()
    officer.supervisor = None


@audited
def revoke(actor: Any, officer: Officer, *, reason: str) -> Officer:
    """ICE ends the officer's authority for good: authorizations and certificates end now."""
    _require(actor, officer, "manage")
    reason = _reason(reason, "Revoke")
    officer = _lock(officer)
    before = events.snapshot(officer)
    _move(actor, officer, "revoke", "Revoke")
    _end_authority(officer, reason, timezone.now())
    officer.save()
    _record("revoke", officer, before, reason)
    return officer


@audited
def withdraw(actor: Any, officer: Officer, *, reason: str) -> Officer:
    """The agency withdraws its officer (leaving the unit, retiring...)."""
    _require(actor, officer, "withdraw")
    reason = _reason(reason, "Withdraw the nomination")
    officer = _lock(officer)
    before = events.snapshot(officer)
    _move(actor, officer, "withdraw", "Withdraw the nomination")
    _end_authority(officer, reason, timezone.now())
    officer.save()
    _record("withdraw", officer, before, reason)
    return officer


def apply_step(actor: Any, officer: Officer, name: str, *, reason: str) -> Officer:
    """The page's step buttons: one of STEPS by name."""
    steps = {
        "lift_disqualification": lift_disqualification,
        "suspend": suspend,
        "reinstate": reinstate,
        "revoke": revoke,
        "withdraw": withdraw,
    }
    if name not in steps:
        raise StepRefused(f"Unknown step {name!r}.")
    return steps[name](actor, officer, reason=reason)


# The daily expiry job ------------------------------------------------------------------------


@audited
def check_expiry(actor: Any, today: date | None = None) -> dict[str, list[int]]:
    """Lapse authorized officers with no authorization in force today; notify their agency's
    liaisons and their supervisor."""
    from access.officers.notices import notify_lapsed

    today = today or timezone.localdate()
    lapsed: list[int] = []
    for officer in Officer.objects.filter(status=S.AUTHORIZED).order_by("pk"):
        if officer.authorizations.filter(
            ended_at__isnull=True, valid_from__lte=today, valid_until__gte=today
        ).exists():
            continue
        last = officer.authorizations.order_by("-valid_until").first()
        officer = _lock(officer)
        before = events.snapshot(officer)
        _move(actor, officer, "lapse", "Record expiry")
        officer.save()
        ended = last.valid_until if last else None
        _record("lapse", officer, before, f"Authorization ended on {ended} (daily check).")
        notify_lapsed(officer, ended)
        lapsed.append(officer.pk)
    events.record(
        Event.EXPIRY_CHECK, object_type="officers.officer", details={"on": today, "lapsed": lapsed}
    )
    return {"lapsed": lapsed}
