"""The CAP demo: the Miami CAP team over two Collier County jails with their settings and
saved mappings in two roster layouts, and the rosters built from the stored person records
(stored noncitizens written with errors, U.S. citizens on record, people the store lacks)."""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from access.accounts.models import User
from access.audit.models import AuditEvent
from access.cap import demo
from access.cap.models import REQUIRED_FIELDS, CapFacility, CapTeam, Roster
from access.core.actors import SystemActor
from access.records.actions import load_table
from access.records.choices import Citizenship
from access.records.models import PersonRecord
from access.records.synthetic import generate
from access.site.demo import load_demo

pytestmark = pytest.mark.django_db
ACTOR = SystemActor("demo data")
ZONE = ZoneInfo("America/New_York")
TODAY = date(2026, 12, 3)


@pytest.fixture
def demo_site(db: Any) -> None:
    load_demo(ACTOR)  # the demo agencies and accounts, as seed_demo leaves them


@pytest.fixture
def store(db: Any) -> None:
    """A small synthetic population in the record store (about 600 records)."""
    load_table(ACTOR, generate(300, 3).records, source_name="test population")


def _rows(jail: demo.Jail, seed: int = 1) -> list[demo.RosterRow]:
    stored = demo.stored_people(jail.stored, citizens=False)
    citizens = demo.stored_people(jail.citizens, citizens=True)
    absent = demo.absent_people(jail.size - len(stored) - len(citizens))
    return demo.bookings(
        jail,
        stored=stored,
        citizens=citizens,
        absent=absent,
        today=TODAY,
        zone=ZONE,
        rnd=random.Random(seed),
    )


def test_the_team_covers_two_jails_with_their_settings_and_saved_mappings(
    demo_site: None, make_user: Any
) -> None:
    jails = demo.seed_demo_cap(ACTOR)
    team = CapTeam.objects.get()
    assert (team.name, team.field_office) == ("Miami CAP team", "ICE Miami Field Office")
    assert list(team.members.values_list("username", flat=True)) == ["capofficer"]
    by_name = {cap.facility.name: cap for cap in jails}
    assert set(by_name) == {"Naples Jail Center", "Immokalee Jail Center"}
    naples, immokalee = by_name["Naples Jail Center"], by_name["Immokalee Jail Center"]
    assert naples.column_mapping == {
        "booking_number": "BOOKING_NO",
        "family_name": "LNAME",
        "given_name": "FNAME",
        "date_of_birth": "DOB",
        "sex": "SEX",
        "place_of_birth": "POB",
        "id.fbi_number": "FBI_NO",
        "release_date": "RELEASE_DT",
    }
    assert immokalee.column_mapping == {
        "booking_number": "Booking Number",
        "family_name": "Last Name",
        "given_name": "First Name",
        "middle_name": "Middle",
        "date_of_birth": "Birth Date",
        "sex": "Gender",
        "id.state_id": "SID",
        "booked_at": "Booking Date",
    }
    assert all(set(REQUIRED_FIELDS) <= set(cap.column_mapping) for cap in jails)
    assert (naples.date_format, immokalee.date_format) == ("%m/%d/%Y", "%Y-%m-%d")
    assert naples.remote_modes == ["in_person", "phone", "video"]
    assert immokalee.remote_modes == ["in_person", "video"]
    assert (naples.roster_delivery, immokalee.roster_frequency) == ("email", "twice_daily")
    assert naples.access_hours and "239-555-0142" in naples.contacts
    # Naples is the demo agency's jail; Immokalee is created beside it
    assert {cap.facility.agency.ori for cap in jails} == {"FL0110000"}
    assert immokalee.facility.time_zone == "America/New_York"
    # each setting is audited, naming the team
    changes = AuditEvent.objects.filter(action="cap.change_facility")
    assert sorted(int(e.object_id) for e in changes) == sorted(cap.pk for cap in jails)
    assert {e.details["team"] for e in changes} == {"Miami CAP team"}
    assert all(e.after["column_mapping"] for e in changes)
    # the demo CAP officer sees both jails; a CAP officer of no team sees none
    officer = User.objects.get(username="capofficer")
    assert set(CapFacility.objects.restrict(officer).values_list("pk", flat=True)) == {
        naples.pk,
        immokalee.pk,
    }
    assert not CapFacility.objects.restrict(make_user("cap_officer")).exists()


def test_seeding_the_team_again_changes_nothing(demo_site: None) -> None:
    first = demo.seed_demo_cap(ACTOR)
    events = AuditEvent.objects.count()
    again = demo.seed_demo_cap(ACTOR)
    assert sorted(c.pk for c in again) == sorted(c.pk for c in first)
    assert CapTeam.objects.count() == 1 and CapFacility.objects.count() == 2
    assert AuditEvent.objects.count() == events


def test_a_roster_mixes_stored_noncitizens_with_errors_citizens_and_the_absent(store: None) -> None:
    naples = demo.JAILS[0]
    rows = _rows(naples)
    assert 20 <= len(rows) <= 60 and len(rows) == naples.size
    kinds = Counter(row.kind for row in rows)
    assert kinds == {demo.STORED: 22, demo.CITIZEN: 6, demo.ABSENT: 20}
    assert len({row.booking_number for row in rows}) == len(rows)

    records = {r.record_id: r for r in PersonRecord.objects.prefetch_related("birth_dates")}
    stored = [row for row in rows if row.kind == demo.STORED]
    # each from a noncitizen's immigration file, each a different person
    sources = [records[row.person.record_id] for row in stored]
    assert all(r.source == "immigration" for r in sources)
    assert {r.citizenship for r in sources} <= {Citizenship.NONCITIZEN, Citizenship.LPR}
    assert len({r.synthetic_person_id for r in sources}) == len(sources)
    # the booking desk's errors: several kinds, and most rows differ from the record
    changes = Counter(row.change for row in stored)
    assert {"none", "typo_family", "typo_given"} <= set(changes)
    assert len(set(changes) - {"none"}) >= 5
    assert sum(changes.values()) - changes["none"] >= 15
    for row in stored:
        record = records[row.person.record_id]
        born = record.birth_dates.all()[0]
        same_name = (row.person.given_name, row.person.family_names) == (
            record.given_name,
            tuple(record.family_names),
        )
        same_birth = row.person.date_of_birth == date(born.year, born.month, born.day)
        assert (same_name and same_birth) == (row.change == "none"), row.change

    # the citizens' records say so
    citizens = [records[row.person.record_id] for row in rows if row.kind == demo.CITIZEN]
    assert {r.citizenship for r in citizens} <= set(Citizenship.CITIZENS)
    # and the absent are in no stored record (no record id, no stored name and birth date)
    stored_keys = {
        (r.given_name.upper(), b.year, b.month, b.day)
        for r in records.values()
        for b in r.birth_dates.all()
    }
    absent = [row.person for row in rows if row.kind == demo.ABSENT]
    assert not any(p.record_id for p in absent)
    assert not any(
        (p.given_name.upper(), p.date_of_birth.year, p.date_of_birth.month, p.date_of_birth.day)
        in stored_keys
        for p in absent
    )


def test_a_small_store_fills_the_roster_with_people_it_does_not_hold(db: Any) -> None:
    load_table(ACTOR, generate(5, 3).records, source_name="tiny")
    rows = _rows(demo.JAILS[1])
    assert len(rows) == demo.JAILS[1].size
    kinds = Counter(row.kind for row in rows)
    assert kinds[demo.STORED] + kinds[demo.CITIZEN] <= 5
    assert kinds[demo.ABSENT] >= demo.JAILS[1].size - 5


def test_the_previous_roster_shows_who_was_booked_in_and_released(store: None) -> None:
    naples = demo.JAILS[0]
    rows = _rows(naples)
    previous, latest = demo.snapshots(naples, rows)
    before = {row.booking_number for row in previous}
    after = {row.booking_number for row in latest}
    assert (len(previous), len(latest)) == (40, 42)
    assert len(before - after) == naples.released == 6  # released since the previous
    assert len(after - before) == naples.booked_in == 8  # booked in since the previous
    released = [row for row in rows if row.booking_number in before - after]
    assert {row.release_date for row in released} == {TODAY}
    assert all(row.booked_at < datetime(2026, 12, 3, tzinfo=ZONE) for row in rows)
    # the other jail has one roster
    assert demo.snapshots(demo.JAILS[1], _rows(demo.JAILS[1])) == [_rows(demo.JAILS[1])]


def test_the_naples_roster_is_a_csv_in_its_layout(store: None) -> None:
    naples = demo.JAILS[0]
    rows = _rows(naples)
    data = demo.roster_bytes(naples.layout, rows)
    read = list(csv.reader(io.StringIO(data.decode())))
    assert read[0] == [
        "BOOKING_NO",
        "LNAME",
        "FNAME",
        "DOB",
        "SEX",
        "POB",
        "FBI_NO",
        "RELEASE_DT",
    ]
    assert len(read) == 1 + len(rows)
    by_number = {line[0]: dict(zip(read[0], line, strict=True)) for line in read[1:]}
    for row in rows:
        line = by_number[row.booking_number]
        assert line["DOB"] == row.person.date_of_birth.strftime("%m/%d/%Y")
        assert line["LNAME"] == line["LNAME"].upper() and line["LNAME"].isascii()
        assert line["SEX"] in ("M", "F", "")
        released = row.release_date.strftime("%m/%d/%Y") if row.release_date else ""
        assert line["RELEASE_DT"] == released
    assert any(line["FBI_NO"] for line in by_number.values())
    assert any(not line["RELEASE_DT"] for line in by_number.values())  # awaiting trial


def test_the_immokalee_roster_is_a_spreadsheet_in_its_layout(store: None) -> None:
    jail = demo.JAILS[1]
    rows = _rows(jail)
    data = demo.roster_bytes(jail.layout, rows)
    assert data.startswith(b"PK\x03\x04")
    assert demo.roster_bytes(jail.layout, rows) == data  # same rows, same file (content hash)
    sheet: Any = load_workbook(io.BytesIO(data), read_only=True).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == [
        "Booking Number",
        "Last Name",
        "First Name",
        "Middle",
        "Birth Date",
        "Gender",
        "SID",
        "Booking Date",
    ]
    assert len(values) == 1 + len(rows)
    first = dict(zip(values[0], values[1], strict=True))
    assert first["Booking Number"] == rows[0].booking_number
    assert first["Birth Date"].date() == rows[0].person.date_of_birth  # a date cell
    assert first["Booking Date"] == rows[0].booked_at.replace(tzinfo=None)
    assert {v[5] for v in values[1:]} <= {"Male", "Female", None}
    assert demo.filename(jail, datetime(2026, 12, 3, 6, tzinfo=ZONE)) == (
        "immokalee-jail-center-roster-20261203-0600.xlsx"
    )


def test_rosters_are_not_sent_without_the_demo_team(store: None, demo_site: None) -> None:
    events = AuditEvent.objects.count()
    assert demo.seed_demo_rosters() == []
    assert not Roster.objects.exists() and AuditEvent.objects.count() == events


def test_the_demo_cap_officer_is_sworn_under_a_cap_agreement(demo_site: None) -> None:
    from access.officers import authority
    from access.officers.demo import seed_demo_officers
    from access.officers.models import Officer

    seed_demo_officers(ACTOR)  # seed_demo runs the officer demo before the CAP demo
    demo.seed_demo_cap(ACTOR)
    account = User.objects.get(username="capofficer")
    officer = Officer.objects.get(user=account)
    assert officer.agency.ori == demo.COLLIER
    assert officer.agreement.partnership_type.code == "cap_team"
    for function in ("interview", "detainer"):
        assert authority.check(officer, function).allowed, function
    assert not authority.check(officer, "serve_warrant").allowed


def test_without_the_officer_demo_no_cap_officer_is_sworn(demo_site: None) -> None:
    from access.officers.models import Officer

    demo.seed_demo_cap(ACTOR)
    assert not Officer.objects.filter(user__username="capofficer").exists()
