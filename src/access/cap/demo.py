"""Demo CAP screening (development only): the Miami CAP team, two Collier County jails with
their CAP settings and saved column mappings in two different roster layouts, and, once the
synthetic population and a matching model are in place, a realistic roster for each.

``seed_demo_cap(actor)`` is called by ``seed_demo`` after the other demos (the team, the
facilities, their settings and mappings). ``seed_demo_rosters()`` is called by the demo
population job after its model is active: a roster is built from the stored person records
(and screening needs an active model). The rosters go through the same front doors as a
jail's, as the demo CAP officer: ``actions.rosters.receive_roster``, then
``screening.screen`` for the jail whose roster is screened; the other waits for the job
worker like any roster just received.

Each roster mixes, in the jail's own layout and date format:
- people held in the store as noncitizens, written down again with the errors a booking desk
  makes (a typo, a nickname, day and month swapped, a surname dropped or respelled, given and
  family names swapped), so screening must find them through the errors;
- U.S. citizens whose records say so, so the citizenship stop shows up in the queue;
- people the store does not hold at all (most of a jail's population), screened with no result.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from anyascii import anyascii
from django.db.models import Q
from django.utils import timezone
from openpyxl import Workbook

from access.accounts.models import User
from access.agencies import actions as agency_actions
from access.agencies.models import Agency, Facility
from access.agreements.choices import AgreementStatus
from access.agreements.events import Event as AgreementEvent
from access.agreements.models import Agreement
from access.audit import events
from access.audit.events import audited
from access.cap.choices import (
    RemoteInterviews,
    RosterDelivery,
    RosterFrequency,
    RosterSource,
    RosterStatus,
)
from access.cap.events import Event
from access.cap.models import CapFacility, CapTeam, Roster
from access.cap.screening import screen
from access.officers import actions as officer_actions
from access.officers.models import Course, Officer
from access.partnerships.models import PartnershipType
from access.records.choices import Citizenship, RecordSource
from access.records.models import PersonRecord
from access.records.synthetic import generate
from access.records.synthetic.errors import respell, transpose_date_digits, typo
from access.records.synthetic.lexicon import lexicon

TEAM = "Miami CAP team"
FIELD_OFFICE = "ICE Miami Field Office"
OFFICER = "capofficer"  # the demo CAP officer (site/demo.py ACCOUNTS)
COLLIER = "FL0110000"  # the demo agency whose jails the team covers
SEED = 18  # issue 18; also the seed of the people absent from the store
# What a booking desk gets wrong, in turn, for the stored noncitizens ("none": written right).
CHANGES = (
    "none",
    "typo_family",
    "nickname",
    "dob_day_month_swap",
    "typo_given",
    "drop_maternal",
    "phonetic_family",
    "dob_transposition",
    "name_order_swap",
    "none",
)
STORED, CITIZEN, ABSENT = "stored", "citizen", "absent"


@dataclass(frozen=True)
class Layout:
    """How one jail writes its roster: its columns (engine field -> header, in the file's
    order), the date format of its dates, its words for sex, and the file type."""

    columns: tuple[tuple[str, str], ...]
    date_format: str
    file_type: str  # "csv" or "xlsx"
    sex_words: tuple[tuple[str, str], ...] = (("M", "M"), ("F", "F"))

    @property
    def mapping(self) -> dict[str, str]:
        return dict(self.columns)

    @property
    def headers(self) -> list[str]:
        return [header for _field, header in self.columns]


# A Florida booking system's CSV export: short upper-case headers, US dates, FBI numbers.
NAPLES_LAYOUT = Layout(
    columns=(
        ("booking_number", "BOOKING_NO"),
        ("family_name", "LNAME"),
        ("given_name", "FNAME"),
        ("date_of_birth", "DOB"),
        ("sex", "SEX"),
        ("place_of_birth", "POB"),
        ("id.fbi_number", "FBI_NO"),
        ("release_date", "RELEASE_DT"),
    ),
    date_format="%m/%d/%Y",
    file_type="csv",
)
# A spreadsheet kept by hand: spelled-out headers, ISO dates, State IDs, a middle name.
IMMOKALEE_LAYOUT = Layout(
    columns=(
        ("booking_number", "Booking Number"),
        ("family_name", "Last Name"),
        ("given_name", "First Name"),
        ("middle_name", "Middle"),
        ("date_of_birth", "Birth Date"),
        ("sex", "Gender"),
        ("id.state_id", "SID"),
        ("booked_at", "Booking Date"),
    ),
    date_format="%Y-%m-%d",
    file_type="xlsx",
    sex_words=(("M", "Male"), ("F", "Female")),
)


@dataclass(frozen=True)
class Jail:
    """One demo jail: the facility, its CAP settings, its roster layout and who it holds."""

    name: str
    city: str
    layout: Layout
    settings: dict[str, str]
    booking_number: str  # format of its booking numbers ({year}, {serial})
    stored: int  # stored noncitizens, written with errors
    citizens: int  # U.S. citizens whose records say so
    absent: int  # people the store does not hold
    facility_data: dict[str, Any] | None = None  # None: the demo agencies already have it
    released: int = 0  # with a previous roster: held then, absent now
    booked_in: int = 0  # with a previous roster: absent then, held now
    screened: bool = False  # the demo screens its roster; otherwise it waits for the worker

    @property
    def size(self) -> int:
        return self.stored + self.citizens + self.absent


JAILS = (
    Jail(
        name="Naples Jail Center",
        city="Naples",
        layout=NAPLES_LAYOUT,
        settings={
            "access_hours": "Mon-Fri 07:00-19:00; Sat 08:00-12:00",
            "remote_interviews": RemoteInterviews.PHONE_AND_VIDEO,
            "roster_delivery": RosterDelivery.EMAIL,
            "roster_frequency": RosterFrequency.DAILY,
            "contacts": (
                "Sgt. Dana Ortiz, booking supervisor, 239-555-0142 (sends the daily roster)\n"
                "Lt. Chris Moll, shift commander, 239-555-0150 (access outside the hours)"
            ),
        },
        booking_number="{year}-{serial:06d}",
        stored=22,
        citizens=6,
        absent=20,
        released=6,
        booked_in=8,
        screened=True,
    ),
    Jail(
        name="Immokalee Jail Center",
        city="Immokalee",
        layout=IMMOKALEE_LAYOUT,
        settings={
            "access_hours": "Mon-Fri 08:00-16:00",
            "remote_interviews": RemoteInterviews.VIDEO,
            "roster_delivery": RosterDelivery.UPLOAD,
            "roster_frequency": RosterFrequency.TWICE_DAILY,
            "contacts": "Cpl. Jamie Reyes, intake deputy, 239-555-0175",
        },
        booking_number="IJC{serial:05d}",
        stored=12,
        citizens=4,
        absent=12,
        facility_data={
            "rated_capacity": 256,
            "average_daily_population": 190,
            "annual_bookings": 3100,
            "city": "Immokalee",
            "time_zone": "America/New_York",
        },
    ),
)


# Team, facilities, settings and mappings


@audited
def seed_demo_cap(actor: Any) -> list[CapFacility]:
    """The Miami CAP team (the demo CAP officer its member) and the CAP settings and saved
    column mappings of the two demo jails (the second jail is created here)."""
    existing = CapTeam.objects.filter(name=TEAM).first()
    if existing is not None:
        return list(existing.facilities.all())
    collier = Agency.objects.get(ori=COLLIER)
    team = CapTeam.objects.create(name=TEAM, field_office=FIELD_OFFICE)
    team.members.set(User.objects.filter(username=OFFICER))
    created = []
    for jail in JAILS:
        facility = collier.facilities.filter(name=jail.name).first()
        if facility is None:
            facility = agency_actions.save_facility(
                actor, Facility(agency=collier), name=jail.name, **(jail.facility_data or {})
            )
        cap_facility = CapFacility.objects.create(
            facility=facility,
            team=team,
            column_mapping=jail.layout.mapping,
            date_format=jail.layout.date_format,
            **jail.settings,
        )
        events.record(
            Event.CHANGE_FACILITY,
            obj=cap_facility,
            after=events.snapshot(cap_facility),
            details={"facility": facility.pk, "team": team.name, "created": True},
        )
        created.append(cap_facility)
    _swear_in_cap_officer(collier)
    return created


def _swear_in_cap_officer(agency: Agency) -> Officer | None:
    """The demo CAP officer's officer record under a CAP agreement with Collier County, along
    the officers app's own path (nominated, cleared, trained, certified, authorized for
    interviews and detainers, linked to the account), so the demo's removable outcome can
    become an encounter and a detainer. Skipped when the officer demo's people or officers
    are missing."""
    account = User.objects.filter(username=OFFICER, is_active=True).first()
    people = {
        role: User.objects.filter(roles__slug=role, is_active=True).order_by("pk").first()
        for role in ("ice_program_manager", "ice_field_agent", "ice_field_office_director")
    }
    supervisor = User.objects.filter(roles__slug="ice_supervisor", is_active=True).first()
    if account is None or supervisor is None or None in people.values():
        return None
    # Only beside the officer demo's 287(g) officers: alone, the CAP officer would be the
    # agency's only authorized officer, and the enforcement demo would take it for the jail's.
    if not Officer.objects.filter(
        agency=agency, agreement__partnership_type__family="287g"
    ).exists():
        return None
    manager, agent = people["ice_program_manager"], people["ice_field_agent"]
    today = timezone.localdate()
    agreement = Agreement(
        agency=agency,
        partnership_type=PartnershipType.objects.get(code="cap_team"),
        status=AgreementStatus.ACTIVE,
        supervising_office=supervisor.agency,
        officer_limit=10,
        drafted_on=date(2025, 1, 15),
        signed_on=date(2025, 2, 1),
        effective_on=date(2025, 2, 1),
        expires_on=today + timedelta(days=800),
    )
    agreement.save()
    events.record(
        AgreementEvent.CREATE,
        obj=agreement,
        after=events.snapshot(agreement),
        details={"demo": True, "note": "Recorded as active for the CAP demo."},
    )
    officer = officer_actions.nominate(
        manager,
        agreement=agreement,
        reason="Assigned to the Miami CAP team",
        first_name=account.first_name or "Casey",
        last_name=account.last_name or "Screener",
        badge_number="CAP-0100",
        position="Deportation officer (CAP)",
        hired_on=today - timedelta(days=2400),
        citizenship_attested=True,
        agency_check_on=today - timedelta(days=90),
        agency_check_result="passed",
        disciplinary_history="",
        excessive_force_allegations=False,
        discrimination_allegations=False,
    )
    officer_actions.record_background_check(
        agent,
        officer,
        outcome="cleared",
        reason="Nothing disqualifying found",
        fingerprints_submitted_on=today - timedelta(days=80),
        fingerprint_result="passed",
        personal_history="Employment and residence history verified.",
        disciplinary_review="ICE personnel file reviewed.",
    )
    officer_actions.record_exam(
        agent,
        officer,
        course=Course.objects.get(code="cap-initial"),
        taken_on=today - timedelta(days=60),
        location="ICE Academy, Charleston, SC",
        score=91,
        reason="Final exam",
    )
    officer_actions.certify(agent, officer, reason="Passed the CAP course")
    officer_actions.authorize(
        people["ice_field_office_director"],
        officer,
        functions=["interview", "detainer"],
        supervisor=supervisor,
        reason="Trained and certified; assigned to the Miami CAP team",
        valid_from=today - timedelta(days=50),
    )
    return officer_actions.link_account(
        manager, officer, account=account, reason="The CAP officer's own account"
    )


# The people on the rosters


@dataclass(frozen=True)
class Person:
    """Someone a jail may hold, as their details would be written down."""

    given_name: str
    family_names: tuple[str, ...]
    date_of_birth: date
    middle_name: str = ""
    sex: str = ""
    place_of_birth: str = ""
    fbi_number: str = ""
    state_id: str = ""
    record_id: str = ""  # the stored record they were taken from ("" for the absent)


@dataclass(frozen=True)
class RosterRow:
    """One booking on a demo roster, with where it came from (never written to the file)."""

    booking_number: str
    person: Person
    booked_at: datetime
    release_date: date | None
    kind: str  # STORED, CITIZEN or ABSENT
    change: str = "none"  # the error the booking desk made ("none": written right)


def _person(record: PersonRecord) -> Person | None:
    born = next((b for b in record.birth_dates.all() if b.year and b.month and b.day), None)
    if born is None or not record.given_name or not record.family_names:
        return None
    ids = {i.kind: i.value for i in record.identifiers.all()}
    return Person(
        given_name=record.given_name,
        middle_name=record.middle_name,
        family_names=tuple(record.family_names),
        date_of_birth=date(born.year or 1, born.month or 1, born.day or 1),
        sex=record.sex,
        place_of_birth=record.country_of_birth or record.place_of_birth,
        fbi_number=ids.get("fbi_number", ""),
        state_id=ids.get("state_id", ""),
        record_id=record.record_id,
    )


def stored_people(n: int, *, citizens: bool) -> list[Person]:
    """``n`` different people of the store: noncitizens (lawful permanent residents included)
    from the immigration files, or U.S. citizens whose records say so (``citizens``), each
    with a name and a full date of birth."""
    rows = PersonRecord.objects.exclude(Q(given_name="") | Q(family_names=[]))
    if citizens:
        rows = rows.filter(citizenship__in=Citizenship.CITIZENS)
    else:
        rows = rows.filter(
            source=RecordSource.IMMIGRATION,
            citizenship__in=[Citizenship.NONCITIZEN, Citizenship.LPR],
        )
    rows = rows.prefetch_related("birth_dates", "identifiers").order_by("pk")
    found: list[Person] = []
    seen: set[str] = set()
    for record in rows[: n * 20]:
        person = _person(record)
        who = record.synthetic_person_id or record.record_id
        if person is None or who in seen:
            continue
        seen.add(who)
        found.append(person)
        if len(found) == n:
            break
    return found


def absent_people(n: int) -> list[Person]:
    """``n`` people the store does not hold: a separate synthetic population (own seed)."""
    table = generate(n, SEED).persons.to_pylist()
    return [
        Person(
            given_name=row["given_name"],
            middle_name=row["middle_name"],
            family_names=tuple(row["family_names"].split("|")),
            date_of_birth=date.fromisoformat(row["date_of_birth"]),
            sex=row["sex"],
            place_of_birth=row["country_of_birth"] or row["place_of_birth"],
            fbi_number=row["id.fbi_number"],
            state_id=row["id.state_id"],
        )
        for row in table
    ]


def _nickname(given: str, rnd: random.Random) -> str:
    lex = lexicon()
    try:
        index = lex.index(given)
    except KeyError:
        return ""
    nicknames = lex.nicknames[index] or lex.nicknames[int(lex.ascii[index])]
    return str(lex.strings[rnd.choice(nicknames)]) if nicknames else ""


def altered(person: Person, change: str, rnd: random.Random) -> tuple[Person, str]:
    """The person as a booking desk wrote them, with ``change`` made where it can be (a
    nickname needs a name that has one); otherwise a typo in the family name instead."""
    family, dob = person.family_names, person.date_of_birth
    if change == "none":
        return person, change
    if change == "typo_family":
        return replace(person, family_names=(typo(family[0], rnd), *family[1:])), change
    if change == "typo_given":
        return replace(person, given_name=typo(person.given_name, rnd)), change
    if change == "nickname" and (nickname := _nickname(person.given_name, rnd)):
        return replace(person, given_name=nickname), change
    if change == "phonetic_family" and (respelled := respell(family[0], rnd)) != family[0]:
        return replace(person, family_names=(respelled, *family[1:])), change
    if change == "drop_maternal" and len(family) > 1:
        return replace(person, family_names=family[:1]), change
    if change == "name_order_swap":
        swapped = replace(person, given_name=" ".join(family), family_names=(person.given_name,))
        return swapped, change
    if change == "dob_day_month_swap" and dob.day <= 12 and dob.day != dob.month:
        return replace(person, date_of_birth=date(dob.year, dob.day, dob.month)), change
    if change in ("dob_day_month_swap", "dob_transposition"):
        moved = transpose_date_digits(dob.year, dob.month, dob.day, rnd)
        if moved is not None:
            return replace(person, date_of_birth=date(*moved)), "dob_transposition"
    return replace(person, family_names=(typo(family[0], rnd), *family[1:])), "typo_family"


def bookings(
    jail: Jail,
    *,
    stored: list[Person],
    citizens: list[Person],
    absent: list[Person],
    today: date,
    zone: ZoneInfo,
    rnd: random.Random,
) -> list[RosterRow]:
    """Everyone the jail holds across its demo rosters, in booking order: the first
    ``released`` leave before the last roster, the last ``booked_in`` arrive after the first."""
    people = [(p, STORED, CHANGES[i % len(CHANGES)]) for i, p in enumerate(stored)]
    people += [(p, CITIZEN, "typo_given" if i % 3 == 2 else "none") for i, p in enumerate(citizens)]
    people += [(p, ABSENT, "none") for p in absent]
    rnd.shuffle(people)
    rows = []
    for n, (person, kind, change) in enumerate(people):
        written, made = altered(person, change, rnd)
        days_held = max(1, len(people) - n) * 3 + rnd.randint(0, 2)  # first booked, longest held
        booked = datetime.combine(
            today - timedelta(days=days_held), time(rnd.randint(0, 23), rnd.randint(0, 59))
        ).replace(tzinfo=zone)
        if n < jail.released:
            release: date | None = today
        else:  # a quarter await trial with no release date yet
            release = None if rnd.random() < 0.25 else today + timedelta(days=rnd.randint(1, 75))
        number = jail.booking_number.format(year=booked.year, serial=4100 + n * 7)
        rows.append(RosterRow(number, written, booked, release, kind, made))
    return rows


def snapshots(jail: Jail, rows: list[RosterRow]) -> list[list[RosterRow]]:
    """The jail's demo rosters, oldest first: with a previous roster, it holds everyone but
    the last ``booked_in``; the latest holds everyone but the first ``released``."""
    if not (jail.released or jail.booked_in):
        return [rows]
    return [rows[: len(rows) - jail.booked_in], rows[jail.released :]]


# The files


def _upper(name: str) -> str:
    return anyascii(name).upper()


def _cells(layout: Layout, row: RosterRow) -> dict[str, Any]:
    """One row's values by engine field: text in a CSV, dates as dates in a spreadsheet."""
    person = row.person
    sex = dict(layout.sex_words).get(person.sex, "")
    as_text = layout.file_type == "csv"
    release = row.release_date
    values: dict[str, Any] = {
        "booking_number": row.booking_number,
        "family_name": _upper(" ".join(person.family_names)),
        "given_name": _upper(person.given_name),
        "middle_name": _upper(person.middle_name),
        "date_of_birth": person.date_of_birth.strftime(layout.date_format)
        if as_text
        else person.date_of_birth,
        "sex": sex,
        "place_of_birth": _upper(person.place_of_birth),
        "id.fbi_number": person.fbi_number,
        "id.state_id": person.state_id,
        "booked_at": row.booked_at.strftime(f"{layout.date_format} %H:%M")
        if as_text
        else row.booked_at.replace(tzinfo=None),
        "release_date": (release.strftime(layout.date_format) if release else "")
        if as_text
        else release,
    }
    return {field: values[field] for field, _header in layout.columns}


def roster_bytes(layout: Layout, rows: list[RosterRow]) -> bytes:
    """The roster file as the jail sends it (CSV or XLSX), in its layout."""
    table = [[_cells(layout, row)[field] for field, _h in layout.columns] for row in rows]
    if layout.file_type == "csv":
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(layout.headers)
        writer.writerows(table)
        return out.getvalue().encode()
    book = Workbook()
    sheet: Any = book.active
    sheet.title = "Roster"
    sheet.append(layout.headers)
    for values in table:
        sheet.append(values)
    fixed = datetime(2026, 1, 1)  # the same rows give the same file (and content hash)
    book.properties.created = book.properties.modified = fixed
    out_bytes = io.BytesIO()
    book.save(out_bytes)
    return out_bytes.getvalue()


def filename(jail: Jail, as_of: datetime) -> str:
    stem = jail.name.lower().replace(" ", "-")
    return f"{stem}-roster-{as_of:%Y%m%d-%H%M}.{jail.layout.file_type}"


# The rosters, received and screened


def seed_demo_rosters() -> list[Roster]:
    """Build each demo jail's rosters from the stored person records and send them as the
    demo CAP officer: the Naples roster of yesterday and today's (screened, so the queue has
    work), Immokalee's today (received, waiting for "Screen now"). None when the demo CAP team,
    its officer or its jails are missing, or when they already have rosters.

    Each call runs in its own short transactions (no outer one): SQLite has the web process
    beside the worker, and screening saves its progress as it goes."""
    officer = User.objects.filter(username=OFFICER, is_active=True).first()
    facilities = {
        cap.facility.name: cap
        for cap in CapFacility.objects.filter(team__name=TEAM).select_related("facility")
    }
    if officer is None or any(jail.name not in facilities for jail in JAILS):
        return []
    if Roster.objects.filter(facility__in=facilities.values()).exists():
        return []
    from access.cap.actions.rosters import receive_roster  # the rosters part's contract

    rnd = random.Random(SEED)  # noqa: S311  # nosec B311 - demo data, not secrets
    stored = stored_people(sum(j.stored for j in JAILS), citizens=False)
    citizens = stored_people(sum(j.citizens for j in JAILS), citizens=True)
    # a small store may hold fewer than asked: people it does not hold fill the rosters
    absent = absent_people(sum(j.size for j in JAILS) - len(stored) - len(citizens))
    now = timezone.now().replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    received: list[Roster] = []
    for jail in JAILS:
        facility = facilities[jail.name].facility
        zone = ZoneInfo(facility.time_zone or timezone.get_default_timezone_name())
        held = _take(stored, jail.stored)
        citizens_held = _take(citizens, jail.citizens)
        rows = bookings(
            jail,
            stored=held,
            citizens=citizens_held,
            absent=_take(absent, jail.size - len(held) - len(citizens_held)),
            today=now.astimezone(zone).date(),
            zone=zone,
            rnd=rnd,
        )
        parts = snapshots(jail, rows)
        for age, part in zip(range(len(parts) - 1, -1, -1), parts, strict=True):
            as_of = now - timedelta(days=age)
            roster, _new = receive_roster(
                officer,
                facilities[jail.name],
                data=roster_bytes(jail.layout, part),
                filename=filename(jail, as_of),
                source=RosterSource.DEMO,
                as_of=as_of,
                # The waiting facility's roster is not handed to the worker: it stays
                # received until the CAP officer presses "Screen now".
                queue=jail.screened,
            )
            roster.refresh_from_db()
            if jail.screened and roster.status == RosterStatus.QUEUED:
                roster = screen(roster.pk)
            received.append(roster)
    return received


def _take(people: list[Person], n: int) -> list[Person]:
    """The first ``n`` people, removed from the list (each person is on one jail's roster)."""
    taken = people[:n]
    del people[:n]
    return taken
