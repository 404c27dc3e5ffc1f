"""Demo detainers: one in every state, one within 4 hours of its deadline, one overdue.

``seed_demo_detainers(actor, now=None)`` runs after the demo officers (``site`` calls it). It
uses the demo agencies' identified encounters when the enforcement demo made some, and
otherwise records a few identified encounters itself. Every detainer goes through the real
actions (authority check included); an agency whose officers may not issue detainers gets
none. ``now`` is the moment the clocks are set against (release times and the clock check);
the detainers themselves are issued at the real time of seeding, which the authority check
judges.

"Within 4 hours of its deadline" holds whenever the demo is seeded: the urgent detainer's
deadline is at most 4 hours of the hold away (``clock.business_time_left``), and also at
most 4 real hours away whenever the calendar allows one. On a Saturday, a Sunday or a
federal holiday no deadline can fall in the next 4 real hours (the hold does not run on
those days), so the deadline is the one 3 hold hours ahead, early on the next business day.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from access.accounts.models import User
from access.agencies.models import Facility
from access.core.actors import SystemActor, bound_actor
from access.detention import actions, clock
from access.detention.choices import DetainerStatus, ProbableCause, ServiceMethod
from access.detention.models import Detainer
from access.enforcement import actions as enforcement
from access.enforcement.choices import EncounterStatus
from access.enforcement.models import Encounter
from access.officers import authority
from access.officers.models import Officer

S = DetainerStatus
NAMES = [("Moreno", "Luis"), ("Ortega", "Ana"), ("Pham", "Minh"), ("Silva", "Rosa")]
NAMES += [("Haddad", "Omar"), ("Kowalski", "Jan"), ("Mensah", "Kofi"), ("Duarte", "Ines")]
SEVERITIES = ["misdemeanor", "felony", "infraction"]
# Encounters whose subjects ICE removed, this many days before the demo's "now".
REMOVED_DAYS_AGO = (58, 45, 30)


# The urgent detainer's deadline: about 3 hours of the hold ahead (inside the 4-hour alert).
URGENT_AHEAD = timedelta(hours=3)
# A real-time deadline nearer than this would turn overdue while someone looks at the demo.
URGENT_AT_LEAST = timedelta(hours=1)


def urgent_release(now: datetime, zone: str) -> datetime:
    """A release time whose hold ends about 3 hours from ``now`` on the hold clock.

    First the latest release whose deadline is at most 3 real hours ahead; when the calendar
    puts that deadline less than an hour ahead (or behind: the next hours fall on excluded
    days), the release whose deadline is 3 hold hours ahead (``clock.deadline`` counting
    from ``now``), which on a weekend or holiday is early on the next business day."""
    release = _release_for(now + URGENT_AHEAD, zone)
    if clock.elapsed(now, clock.deadline(release, zone)) >= URGENT_AT_LEAST:
        return release
    return _release_for(clock.deadline(now, zone, hold=URGENT_AHEAD), zone)


def _release_for(target: datetime, zone: str) -> datetime:
    """The latest release whose deadline is at or before ``target`` (minute precision)."""
    low, high = target - timedelta(days=12), target
    while high - low > timedelta(minutes=1):
        middle = low + (high - low) / 2
        if clock.deadline(middle, zone) <= target:
            low = middle
        else:
            high = middle
    return low.replace(second=0, microsecond=0)


def _encounters(officer: Officer, facility: Facility, count: int, now: datetime) -> list[Encounter]:
    # Releases go back up to a long holiday weekend plus two days: older encounters only.
    start = now - timedelta(days=20)
    found = list(
        Encounter.objects.filter(
            agency=officer.agency_id,
            occurred_at__lte=start,
            status=EncounterStatus.IDENTIFIED,
            claims_us_citizenship=False,
            detainers__isnull=True,
        ).order_by("occurred_at")[:count]
    )
    for n in range(len(found), count):
        found.append(_identified(officer, facility, start + timedelta(hours=n), n))
    return found


def _identified(officer: Officer, facility: Facility, when: datetime, n: int) -> Encounter:
    """An identified encounter made directly (the enforcement demo walks the real steps)."""
    recorder = officer.user or User.objects.filter(agency=officer.agency_id).order_by("pk").first()
    family, given = NAMES[n % len(NAMES)]
    with bound_actor(SystemActor("demo detainers")):
        encounter = Encounter(
            officer=officer,
            agency=officer.agency,
            partnership_type=officer.agreement.partnership_type,
            function="interview",
            facility=facility,
            occurred_at=when,
            origin="booking",
            recorded_by=recorder,
            family_name=family,
            given_name=given,
            status=EncounterStatus.IDENTIFIED,
            severity=SEVERITIES[n % len(SEVERITIES)],
            priority_level=str(1 + n % 3),
            identified_at=when + timedelta(minutes=40),
        )
        encounter.save()
    return encounter


def _issue(
    actor: Any,
    officer: Officer,
    encounter: Encounter,
    facility: Facility,
    issued_at: datetime | None = None,
) -> Detainer:
    issued_at = issued_at or timezone.now()
    return actions.issue_detainer(
        actor,
        encounter,
        officer=officer,
        facility=facility,
        issued_at=issued_at,
        probable_cause=ProbableCause.BIOMETRIC_MATCH,
        probable_cause_details="Fingerprint match to a DHS record showing no lawful status.",
        served_at=issued_at,
        service_method=ServiceMethod.IN_PERSON_BY_OFFICER,
        hold_requested=True,
        notify_before_release=True,
    )


def _remover(officer: Officer) -> User | None:
    """Who records a removal: the officer's ICE supervisor, else any ICE supervisor."""
    people = [officer.supervisor] if officer.supervisor_id else []
    people.append(
        User.objects.filter(roles__slug="ice_supervisor", is_active=True).order_by("pk").first()
    )
    for user in people:
        if user is not None and user.can("enforcement.remove_encounter"):
            return user
    return None


def _removals(actor: Any, officer: Officer, facility: Facility, now: datetime) -> list[Detainer]:
    """Subjects removed in the past months: detainer, custody assumed, then the removal
    (ICE's step) weeks later. Skipped where the officer could not have issued then."""
    remover = _remover(officer)
    if remover is None:
        return []
    done = []
    for n, days in enumerate(REMOVED_DAYS_AGO):
        when = now - timedelta(days=days)
        if not authority.check(officer, actions.FUNCTION, when=when + timedelta(hours=2)).allowed:
            continue
        encounter = _identified(officer, facility, when, n + 1)
        detainer = _issue(actor, officer, encounter, facility, issued_at=when + timedelta(hours=2))
        release = when + timedelta(days=1)
        actions.record_release(actor, detainer, release)
        actions.record_outcome(
            actor,
            detainer,
            S.CUSTODY_ASSUMED,
            "ERO officers took custody at the jail.",
            at=release + timedelta(hours=5),
        )
        enforcement.record_removal(
            remover,
            encounter,
            occurred_on=timezone.localdate(release + timedelta(days=21)),
            document="I-205",
            reference=f"DEMO-REM-{encounter.pk}",
        )
        done.append(detainer)
    return done


def seed_demo_detainers(actor: SystemActor, now: datetime | None = None) -> list[Detainer]:
    created: list[Detainer] = []
    now = now or timezone.now()
    # The officers linked to the demo accounts first: their supervision and certification
    # are dated from their authorization (the enforcement demo), so they could act months ago.
    officers = Officer.objects.select_related("agency", "agreement__partnership_type")
    for officer in officers.order_by(F("user").asc(nulls_last=True), "pk"):
        if any(d.agency_id == officer.agency_id for d in created):
            continue
        if not authority.check(officer, actions.FUNCTION).allowed:
            continue
        facility = Facility.objects.filter(agency=officer.agency_id).exclude(time_zone="").first()
        if facility is None:
            continue
        zone = facility.time_zone
        encounters = _encounters(officer, facility, 8, now)
        try:
            made = [_issue(actor, officer, e, facility) for e in encounters]
        except ValidationError:
            continue
        _waiting, soon, urgent, overdue, *closed = made
        actions.record_release(actor, soon, now - timedelta(hours=2))
        actions.record_release(actor, urgent, urgent_release(now, zone))
        actions.record_release(actor, overdue, _release_for(now - timedelta(hours=5), zone))
        for detainer, outcome, reason in zip(
            closed,
            [S.CUSTODY_ASSUMED, S.RELEASED, S.LIFTED, S.DECLINED],
            [
                "ERO officers took custody at the jail.",
                "Released on bond before ICE arrived; ICE was notified late.",
                "Further review found a pending application for relief.",
                "The sheriff's policy does not honor holds without a judicial warrant.",
            ],
            strict=True,
        ):
            actions.record_outcome(actor, detainer, outcome, reason)
        created.extend(made)
        created.extend(_removals(actor, officer, facility, now))
    actions.check_clocks(actor, now=now)
    return created
