"""Demo encounters (development only): several months at each demo agency, every priority
level and severity, a few citizenship stops; then, once the synthetic population and the
matching model are in place, encounters about stored persons, searched and identified.

``seed_demo_encounters(actor)`` is called by ``seed_demo`` after the demo officers;
``identify_demo_encounters(actor)`` by the demo population job after its model is active.
Everything goes through the app's own audited actions (the authority check included), as the
demo agency officer accounts, each linked to one of its agency's authorized demo officers.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from access.accounts.models import User
from access.audit.events import audited
from access.enforcement import actions
from access.enforcement.actions import ChargeInput, EncounterInput
from access.enforcement.choices import EncounterStatus
from access.enforcement.models import Encounter
from access.inquiries import engine
from access.officers.choices import OfficerStatus
from access.officers.models import Authorization, Certification, Officer, SupervisorAssignment
from access.records.models import PersonRecord

PER_AGENCY = 36
# (NCIC code, severity, as written): every priority level and severity appears.
CHARGES = [
    ("5404", "misdemeanor", "Driving under the influence"),
    ("5499", "infraction", "Driving without a valid licence"),
    ("1313", "misdemeanor", "Simple assault"),
    ("1313", "felony", "Aggravated assault"),
    ("2399", "misdemeanor", "Petty theft"),
    ("2299", "felony", "Burglary of a dwelling"),
    ("3562", "misdemeanor", "Possession of marijuana"),
    ("3599", "felony", "Trafficking in cocaine"),
    ("5015", "misdemeanor", "Failure to appear"),
    ("1201", "felony", "Armed robbery"),
    ("4801", "misdemeanor", "Resisting an officer without violence"),
    ("0999", "felony", "Second-degree murder"),
]
FAMILY = ["HERNANDEZ", "NOVAK", "OKAFOR", "PHAM", "SILVA", "ROSSI", "MENDEZ", "BAKER", "IVANOV"]
GIVEN = ["ANA", "LUIS", "DANIEL", "MAI", "SOFIA", "PAULO", "JOSE", "EMMA", "OLENA", "KOFI"]
COUNTRIES = ["MX", "GT", "HN", "SV", "BR", "VN", "NG", "UA", "IT"]
STOPS_EVERY = 12  # one encounter in twelve: the subject claims U.S. citizenship


def _longest_serving(agency_id: int | None) -> Officer | None:
    """The agency's authorized officer with the oldest authorization in force who may
    interview (the demo's officers authorized for interviews and detainers)."""
    if agency_id is None:
        return None
    today = timezone.localdate()
    rows = Authorization.objects.filter(
        officer__agency_id=agency_id,
        officer__status=OfficerStatus.AUTHORIZED,
        valid_from__lte=today,
        valid_until__gte=today,
        ended_at__isnull=True,
    ).order_by("valid_from", "pk")
    for authorization in rows.select_related("officer"):
        if "interview" in authorization.functions:
            return authorization.officer
    return None


def _link(user: User, officer: Officer) -> datetime:
    """Link the account to the officer record and date its supervision from the
    authorization (the officers demo assigns supervisors at seeding time); returns the first
    moment the officer may act."""
    authorization = officer.authorizations.order_by("valid_from").first()
    if authorization is None:
        raise RuntimeError(f"demo officer #{officer.pk} has no authorization")
    start = timezone.make_aware(datetime.combine(authorization.valid_from, datetime.min.time()))
    Officer.objects.filter(pk=officer.pk).update(user=user)
    SupervisorAssignment.objects.filter(officer=officer).update(started_at=start)
    Certification.objects.filter(officer=officer).update(certified_on=authorization.valid_from)
    return start


def demo_officers() -> list[tuple[User, Officer, datetime]]:
    linked = []
    accounts = User.objects.filter(roles__slug="agency_officer", is_active=True).order_by("pk")
    for user in accounts:
        officer = Officer.objects.filter(user=user).first() or _longest_serving(user.agency_id)
        if officer is None:
            continue
        linked.append((user, officer, _link(user, officer)))
    return linked


def _subject(rng: random.Random) -> dict[str, Any]:
    born = timezone.localdate() - timedelta(days=rng.randint(19 * 365, 60 * 365))
    return {
        "family_name": rng.choice(FAMILY),
        "given_name": rng.choice(GIVEN),
        "dates_of_birth": [born.isoformat()],
        "sex": rng.choice("MF"),
        "place_of_birth": rng.choice(COUNTRIES),
    }


@audited
def seed_demo_encounters(actor: Any) -> list[Encounter]:
    rng = random.Random(287)  # noqa: S311  # nosec B311 - demo names, not secrets
    created = []
    now = timezone.now()
    for user, officer, start in demo_officers():
        facility = officer.agency.facilities.order_by("pk").first()
        span = (now - timedelta(hours=1) - start).total_seconds()
        for n in range(PER_AGENCY):
            when = start + timedelta(seconds=span * (n + 1) / (PER_AGENCY + 1))
            code, severity, written = CHARGES[n % len(CHARGES)]
            charges = [ChargeInput(code, severity, written)]
            if n % 5 == 0:
                charges.append(ChargeInput("5499", "infraction", "No valid licence"))
            data = EncounterInput(
                function="interview",
                occurred_at=when,
                origin="booking" if n % 3 else "jail_referral",
                facility_id=facility.pk if facility else None,
                location="" if facility else "County jail",
                claims_us_citizenship=n % STOPS_EVERY == 5,
                charges=charges,
                **_subject(rng),
            )
            created.append(actions.record_encounter(user, data))
    return created


@audited
def identify_demo_encounters(actor: Any) -> list[Encounter]:
    """With the population and a model in place: search the demo encounters recorded before,
    and record a few about stored persons, verified by the officer and the demo supervisor,
    with their charging documents and referrals."""
    for encounter in Encounter.objects.filter(status=EncounterStatus.RECORDED):
        actions.search_again(encounter.recorded_by, encounter)
    supervisor = (
        User.objects.filter(roles__slug="ice_supervisor", is_active=True).order_by("pk").first()
    )
    done: list[Encounter] = []
    for user, officer, _start in demo_officers():
        facility = officer.agency.facilities.order_by("pk").first()
        for person in _stored_subjects(limit=4):
            born = person.birth_dates.filter(day__isnull=False).first()
            if born is None:  # _stored_subjects picks people with a full date of birth
                continue
            encounter = actions.record_encounter(
                user,
                EncounterInput(
                    function="interview",
                    occurred_at=timezone.now() - timedelta(days=len(done) + 1),
                    origin="booking",
                    facility_id=facility.pk if facility else None,
                    location="" if facility else "County jail",
                    family_name=" ".join(person.family_names),
                    given_name=person.given_name,
                    dates_of_birth=[f"{born.year:04d}-{born.month:02d}-{born.day:02d}"],
                    charges=[ChargeInput(*CHARGES[(len(done) * 5) % len(CHARGES)])],
                ),
            )
            done.append(_identify(user, supervisor, encounter, steps=len(done) % 2 == 0))
    return done


def _stored_subjects(limit: int) -> list[PersonRecord]:
    """Stored noncitizens with a full date of birth whose search ranks them first."""
    from access.inquiries.message import InquiryData

    found: list[PersonRecord] = []
    used = set(
        Encounter.objects.exclude(identified_record=None).values_list(
            "identified_record", flat=True
        )
    )
    rows = PersonRecord.objects.filter(source="immigration").exclude(pk__in=used)
    rows = rows.exclude(Q(given_name="") | Q(citizenship__in=["us_born", "naturalized"]))
    for person in rows.order_by("pk")[:200]:
        born = person.birth_dates.filter(day__isnull=False).first()
        if born is None or not person.family_names:
            continue
        query = InquiryData(
            ori="",
            purpose_code="",
            reason="",
            case_number="",
            attention="",
            family_name=" ".join(person.family_names),
            given_name=person.given_name,
            date_of_birth=f"{born.year:04d}-{born.month:02d}-{born.day:02d}",
        )
        hits, _note = engine.search(query)
        if hits and hits[0].record_pk == person.pk:  # a small demo store bands "possible"
            found.append(person)
        if len(found) == limit:
            break
    return found


def _identify(
    user: User, supervisor: User | None, encounter: Encounter, *, steps: bool
) -> Encounter:
    if encounter.status != EncounterStatus.CANDIDATES or supervisor is None:
        return encounter
    candidate = encounter.candidates.order_by("rank").first()
    if candidate is None or candidate.name_only:
        return encounter
    actions.view_candidate(user, candidate)
    encounter = actions.verify(user, encounter, candidate, fields_checked=["name", "date_of_birth"])
    if encounter.status != EncounterStatus.AWAITING_SUPERVISOR:
        return encounter
    actions.view_candidate(supervisor, candidate)
    encounter = actions.confirm(
        supervisor, encounter, fields_checked=["date_of_birth", "fingerprints"]
    )
    if steps:
        today = timezone.localdate()
        actions.record_step(
            user, encounter, kind="charging_document", document="I-862", occurred_on=today
        )
        actions.record_step(user, encounter, kind="referral_to_ice", occurred_on=today)
    return encounter
