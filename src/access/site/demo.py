"""Demo data for ``make run``: agencies, one account per role with a known authenticator."""

from __future__ import annotations

import binascii

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.accounts.choices import AccountStatus
from access.accounts.events import Event
from access.accounts.models import Role, User
from access.agencies import actions as agency_actions
from access.agencies.models import Agency, Contact, Facility
from access.audit import events
from access.audit.events import audited
from access.core.actors import SystemActor
from access.inquiries.misuse import seed_documented_rules

# Demo data only: seed_demo and demo_otp refuse to run in production.
DEMO_PASSWORD = "demo-access-2026"  # noqa: S105  # nosec B105

AGENCIES = [
    dict(
        name="ICE Miami Field Office",
        kind="federal",
        state="FL",
        county_fips="12086",
        county_name="Miami-Dade",
        ori="FLICE0100",
        city="Miramar",
    ),
    dict(
        name="Collier County Sheriff's Office",
        kind="sheriff",
        state="FL",
        county_fips="12021",
        county_name="Collier",
        ori="FL0110000",
        street="3319 Tamiami Trail E",
        city="Naples",
        postcode="34112",
    ),
    dict(
        name="Galveston County Sheriff's Office",
        kind="sheriff",
        state="TX",
        county_fips="48167",
        county_name="Galveston",
        ori="TX0840000",
        city="Galveston",
        time_zone="America/Chicago",
    ),
    dict(
        name="Marietta Police Department",
        kind="police",
        state="GA",
        county_fips="13067",
        county_name="Cobb",
        ori="GA0330100",
        city="Marietta",
    ),
    dict(
        name="Montana Department of Corrections",
        kind="corrections",
        state="MT",
        ori="MT025015C",
        city="Helena",
    ),
    dict(name="Wyoming Highway Patrol", kind="state", state="WY", ori="WY0110500", city="Cheyenne"),
    dict(
        name="Law Enforcement Support Center",
        kind="federal",
        state="VT",
        county_fips="50007",
        county_name="Chittenden",
        ori="VTICE0000",
        city="Williston",
    ),
    dict(
        name="DHS Office of Inspector General",
        kind="federal",
        state="DC",
        county_fips="11001",
        county_name="District of Columbia",
        ori="DCDHS0100",
        city="Washington",
    ),
]

# username, first, last, role, agency ORI
ACCOUNTS = [
    ("admin", "Avery", "Admin", "system_administrator", "FLICE0100"),
    ("admin2", "Blake", "Second", "system_administrator", "FLICE0100"),
    ("manager", "Morgan", "Manager", "ice_program_manager", "FLICE0100"),
    ("agent", "Alex", "Agent", "ice_field_agent", "FLICE0100"),
    ("supervisor", "Sam", "Supervisor", "ice_supervisor", "FLICE0100"),
    ("director", "Dana", "Director", "ice_field_office_director", "FLICE0100"),
    ("analyst", "Lee", "Analyst", "lesc_analyst", "VTICE0000"),
    ("capofficer", "Casey", "Screener", "cap_officer", "FLICE0100"),
    ("auditor", "Jordan", "Auditor", "oversight_auditor", "DCDHS0100"),
    ("opr", "Parker", "Investigator", "opr_investigator", "FLICE0100"),
    ("liaison", "Riley", "Liaison", "agency_liaison", "FL0110000"),
    ("officer", "Taylor", "Officer", "agency_officer", "FL0110000"),
    ("liaison.tx", "Quinn", "Liaison", "agency_liaison", "TX0840000"),
    ("officer.tx", "Drew", "Officer", "agency_officer", "TX0840000"),
]


def demo_secret(username: str) -> str:
    """A fixed, known key per demo account so a tester can add it to an app once."""
    return binascii.hexlify(f"access-demo:{username}".encode().ljust(20, b"#")[:20]).decode()


@audited
def load_demo(actor: SystemActor) -> None:
    by_ori: dict[str, Agency] = {}
    for data in AGENCIES:
        agency = agency_actions.create_agency(actor, **data)
        by_ori[agency.ori] = agency
    collier = by_ori["FL0110000"]
    agency_actions.save_facility(
        actor,
        Facility(agency=collier),
        name="Naples Jail Center",
        rated_capacity=1200,
        average_daily_population=980,
        annual_bookings=14500,
        city="Naples",
        time_zone="America/New_York",
    )
    agency_actions.save_contact(
        actor,
        Contact(agency=collier),
        name="Pat Rivera",
        title="Captain, Corrections Bureau",
        role="primary",
        email="p.rivera@example.gov",
        phone="239-555-0100",
    )
    galveston = by_ori["TX0840000"]
    agency_actions.save_facility(
        actor,
        Facility(agency=galveston),
        name="Galveston County Jail",
        rated_capacity=1175,
        average_daily_population=1010,
        annual_bookings=16200,
        city="Galveston",
    )
    seed_documented_rules(actor)  # so misuse flags can appear in the demo
    roles = {r.slug: r for r in Role.objects.all()}
    now = timezone.now()
    for username, first, last, role, ori in ACCOUNTS:
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@example.gov",
            agency=by_ori[ori],
            status=AccountStatus.ACTIVE,
            is_active=True,
            approved_at=now,
            password_changed_at=now,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.roles.set([roles[role]])
        TOTPDevice.objects.create(
            user=user, name="Demo authenticator", confirmed=True, key=demo_secret(username)
        )
        events.record(Event.ACCOUNT_SEEDED, obj=user, details={"role": role, "demo": True})
