"""Recording an encounter: the authority check, the charges and priority level, bad input."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.http import Http404
from django.utils import timezone
from tests.enforcement.conftest import encounter_input, link

from access.accounts.models import User
from access.agencies.models import Facility
from access.audit.models import AuditEvent
from access.enforcement import actions
from access.enforcement.actions import ChargeInput
from access.enforcement.models import Charge, Encounter
from access.officers.models import Officer

pytestmark = pytest.mark.django_db


def nothing_stored() -> bool:
    return not Encounter.objects.exists() and not Charge.objects.exists()


def test_an_authorized_jail_officer_records_an_encounter_with_its_priority_level(
    jem_officer: Officer, officer_user: User, jail: Facility
) -> None:
    data = encounter_input(
        facility_id=jail.pk,
        charges=[
            ChargeInput("5499", "infraction", "Driving without a licence"),
            ChargeInput("2399", "misdemeanor", "Petty theft"),
        ],
    )
    encounter = actions.record_encounter(officer_user, data)
    encounter.refresh_from_db()
    assert encounter.officer == jem_officer
    assert encounter.agency_id == jem_officer.agency_id
    assert encounter.partnership_type.code == "287g_jem"
    assert encounter.facility == jail
    assert encounter.family_name == "GARCIA LOPEZ"
    # Larceny is level 2, traffic level 3: the encounter carries the most serious.
    assert encounter.priority_level == "2"
    assert encounter.severity == "misdemeanor"
    assert [
        (c.offense_code, c.offense_category.code, c.priority_level) for c in encounter.charges.all()
    ] == [
        ("5499", "traffic", "3"),
        ("2399", "larceny", "2"),
    ]
    # No records in the store: nothing searched yet, no candidate, no identification.
    assert encounter.status == "recorded"
    assert encounter.searched_at is None
    actions_logged = set(
        AuditEvent.objects.filter(object_id=str(encounter.pk)).values_list("action", flat=True)
    )
    assert {"encounter.recorded", "encounter.searched"} <= actions_logged


def test_an_officer_whose_authority_check_fails_is_refused_with_each_reason(
    walk: Callable[..., Officer], officer_user: User, jail: Facility
) -> None:
    link(walk("certified"), officer_user)  # certified, never authorized
    with pytest.raises(actions.Refused) as refused:
        actions.record_encounter(officer_user, encounter_input(facility_id=jail.pk))
    reasons = refused.value.message_dict["function"]
    assert any("holds no authorization" in r for r in reasons)
    assert any("no assigned ICE supervisor" in r for r in reasons)
    assert all(r.startswith("Authority check: ") for r in reasons)
    assert nothing_stored()


def test_a_warrant_service_officer_may_not_interview_but_may_serve_a_warrant(
    wso_officer: tuple[Officer, User], jail: Facility
) -> None:
    _officer, user = wso_officer
    with pytest.raises(actions.Refused) as refused:
        actions.record_encounter(user, encounter_input(facility_id=jail.pk))
    assert any(
        'does not include the function "interview"' in r
        for r in refused.value.message_dict["function"]
    )
    assert nothing_stored()
    served = actions.record_encounter(
        user,
        encounter_input(function="serve_warrant", origin="warrant_on_file", facility_id=jail.pk),
    )
    assert served.partnership_type.code == "287g_wso"


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        (
            {"charges": [ChargeInput("9999", "felony")]},
            "charges",
            'unknown NCIC offense code "9999"',
        ),
        ({"charges": [ChargeInput("13A1", "felony")]}, "charges", "unknown NCIC offense code"),
        ({"charges": []}, "charges", "at least one local charge"),
        ({"occurred_at": timezone.now() + timedelta(hours=1)}, "occurred_at", "in the future"),
        ({"dates_of_birth": ["1985-13-40"]}, "dates_of_birth", "is not a date"),
        ({"a_number": "12"}, "a_number", "8 or 9 digits"),
        ({"family_name": " "}, "family_name", "family name"),
        ({"facility_id": None}, "facility_id", "choose one of its facilities"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_changes(
    jem_officer: Officer,
    officer_user: User,
    jail: Facility,
    overrides: dict[str, Any],
    field: str,
    words: str,
) -> None:
    data = encounter_input(facility_id=jail.pk)
    for name, value in overrides.items():
        setattr(data, name, value)
    before = AuditEvent.objects.count()
    with pytest.raises(actions.Refused) as refused:
        actions.record_encounter(officer_user, data)
    assert any(words in message for message in refused.value.message_dict[field])
    assert nothing_stored()
    assert AuditEvent.objects.count() == before


def test_a_time_before_the_agreement_is_refused(
    jem_officer: Officer, officer_user: User, jail: Facility
) -> None:
    data = encounter_input(
        facility_id=jail.pk, occurred_at=timezone.now().replace(year=2024, month=6, day=1)
    )
    with pytest.raises(actions.Refused) as refused:
        actions.record_encounter(officer_user, data)
    assert any(
        "before the officer's agreement" in m for m in refused.value.message_dict["occurred_at"]
    )
    assert nothing_stored()


def test_a_user_who_is_not_an_officer_cannot_record(
    make_user: Callable[..., User], agency_a: Any, jail: Facility
) -> None:
    user = make_user("agency_officer", agency_a, username="clerk")
    with pytest.raises(actions.Refused, match="not a nominated officer"):
        actions.record_encounter(user, encounter_input(facility_id=jail.pk))
    assert nothing_stored()


def test_a_claim_of_us_citizenship_stops_the_encounter_for_a_supervisor(
    jem_officer: Officer, officer_user: User, jail: Facility, supervisor: User
) -> None:
    encounter = actions.record_encounter(
        officer_user, encounter_input(facility_id=jail.pk, claims_us_citizenship=True)
    )
    assert encounter.status == "citizenship_stop"
    assert encounter.citizenship_stop is True
    assert encounter.stop_reasons == ["subject_claims"]
    with pytest.raises(actions.Refused):
        actions.decide(supervisor, encounter, decision="citizen", notes="")
    decided = actions.decide(
        supervisor, encounter, decision="citizen", notes="Birth certificate verified."
    )
    assert decided.status == "supervisor_decided"
    assert decided.citizenship_stop is True  # kept as data
    with pytest.raises(actions.Refused, match=r"already found U\.S\. citizenship"):
        actions.report_citizenship(officer_user, decided, claimed=True, notes="again")


def test_an_officer_cannot_decide_a_citizenship_stop(
    jem_officer: Officer, officer_user: User, jail: Facility
) -> None:
    encounter = actions.record_encounter(
        officer_user, encounter_input(facility_id=jail.pk, claims_us_citizenship=True)
    )
    with pytest.raises(Http404):
        actions.decide(officer_user, encounter, decision="citizen", notes="I decide")
    encounter.refresh_from_db()
    assert encounter.status == "citizenship_stop"


def test_a_task_force_encounter_needs_a_location(
    walk: Callable[..., Officer], make_user: Callable[..., User], agency_a: Any
) -> None:
    from tests.officers.conftest import make_agreement

    user = make_user("agency_officer", agency_a, username="tfm.a")
    link(walk("authorized", on=make_agreement(agency_a, "287g_tfm")), user)
    with pytest.raises(actions.Refused) as refused:
        actions.record_encounter(user, encounter_input(origin="field_stop"))
    assert "location" in refused.value.message_dict
    encounter = actions.record_encounter(
        user, encounter_input(origin="field_stop", location="I-75 mile 101")
    )
    assert encounter.facility is None
    assert encounter.location == "I-75 mile 101"
