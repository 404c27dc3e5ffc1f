"""Query counts of the main pages do not grow with the rows they list (issue 15 item 21).

Each page is opened with N rows and again with 3N: the number of SQL queries must be the same
and small. A page that queries once per row (an N+1) fails here long before it is slow."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from access.agencies.models import Agency

N = 2
MOST_QUERIES = 35  # session, user, device, grants, menu, the page's own queries (the home page
# holds every queue of the user's roles: officers, classes, detainers, complaints)


def queries(client: Client, url: str) -> int:
    client.get(url)  # the first request of a session may write it; count the next one
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def same_count_for_n_and_3n(client: Client, url: str, grow: Callable[[int], Any]) -> int:
    grow(N)
    with_n = queries(client, url)
    grow(2 * N)
    with_3n = queries(client, url)
    assert with_3n == with_n, f"{url}: {with_n} queries with {N} rows, {with_3n} with {3 * N}"
    assert with_n <= MOST_QUERIES, f"{url}: {with_n} queries"
    return with_n


@pytest.fixture
def agencies(make_agency: Callable[..., Agency]) -> Callable[[int], list[Agency]]:
    """Agencies without an ORI, as many came from ICE's list (the manager's home counts them)."""
    return lambda n: [make_agency(ori="") for _ in range(n)]


@pytest.fixture
def agreements(draft: Any, make_agency: Callable[..., Agency]) -> Callable[[int], list[Any]]:
    return lambda n: [draft(agency=make_agency()) for _ in range(n)]


@pytest.mark.parametrize("url", ["/agencies/", "/", "/audit/"])
def test_program_and_oversight_pages_with_more_agencies(client_as, agencies, url):
    role = "oversight_auditor" if url == "/audit/" else "ice_program_manager"
    same_count_for_n_and_3n(client_as(role), url, agencies)


@pytest.mark.parametrize("url", ["/agreements/", "/", "/api/agreements/"])
def test_agreement_pages_with_more_agreements(client_as, manager, agreements, url):
    same_count_for_n_and_3n(client_as(manager), url, agreements)


def test_an_agreements_detail_page_does_not_grow_with_other_agreements(
    client_as, manager, agreements
):
    first = agreements(1)[0]
    same_count_for_n_and_3n(client_as(manager), first.get_absolute_url(), agreements)


def test_the_agencys_own_agreements_list(client_as, liaison, draft, make_agency, agency_a):
    # Other agencies' agreements do not show, and do not cost a query each either.
    same_count_for_n_and_3n(
        client_as(liaison),
        "/agreements/",
        lambda n: [draft(agency=make_agency()) for _ in range(n)],
    )


def test_account_list_with_more_accounts(client_as, make_user):
    same_count_for_n_and_3n(
        client_as("system_administrator"),
        "/accounts/users/",
        lambda n: [make_user("agency_liaison") for _ in range(n)],
    )


# Officers: the list API checks every officer's authority, the officer page every function of
# the model; both once for the whole page (officers.authority.standings).


@pytest.fixture
def officer_staff(make_user: Callable[..., Any], agency_a: Agency) -> dict[str, Any]:
    return {
        "liaison": make_user("agency_liaison", agency_a),
        "agent": make_user("ice_field_agent"),
        "director": make_user("ice_field_office_director"),
        "supervisor": make_user("ice_supervisor"),
        "other_supervisor": make_user("ice_supervisor"),
    }


@pytest.fixture
def authorized(officer_staff: dict[str, Any], agency_a: Agency) -> Callable[..., Any]:
    """An authorized officer of agency A under an agreement of ``model`` (through the actions)."""
    from tests.officers.conftest import check_data, make_agreement, nomination

    from access.officers import actions
    from access.officers.models import Course

    agreements: dict[str, Any] = {}
    counter = {"n": 0}

    def make(model: str = "287g_jem") -> Any:
        if model not in agreements:
            agreements[model] = make_agreement(agency_a, code=model, officer_limit=None)
        agreement = agreements[model]
        counter["n"] += 1
        staff = officer_staff
        officer = actions.nominate(
            staff["liaison"],
            agreement=agreement,
            reason="Assigned to the unit",
            **nomination(badge_number=f"Q-{counter['n']:03d}"),
        )
        actions.record_background_check(
            staff["agent"], officer, outcome="cleared", reason="Nothing", **check_data()
        )
        today = timezone.localdate()
        course = Course.in_effect(agreement.partnership_type_id, today, "initial").first()
        actions.record_exam(
            staff["agent"],
            officer,
            course=course,
            taken_on=today - timedelta(days=20),
            location="Online",
            score=90,
            reason="Final exam",
        )
        actions.certify(staff["agent"], officer, reason="Passed")
        functions = list(
            agreement.partnership_type.functions.values_list("code", flat=True).distinct()
        )
        actions.authorize(
            staff["director"],
            officer,
            functions=functions,
            supervisor=staff["supervisor"],
            reason="Trained",
            valid_from=today - timedelta(days=10),
        )
        return officer

    return make


def test_officer_list_api_with_more_officers(client_as, authorized):
    # Every officer on the page answers its functions allowed now (the authority check).
    client = client_as("ice_program_manager")
    same_count_for_n_and_3n(client, "/api/officers/", lambda n: [authorized() for _ in range(n)])
    body = client.get("/api/officers/").json()
    assert body["count"] == 3 * N
    assert all(row["functions_allowed_now"] for row in body["results"])


def test_officer_page_with_more_records(client_as, authorized, officer_staff):
    """Supervisors, suspensions, disciplinary reports: each listed and read by the check."""
    from access.officers import actions

    officer = authorized()
    staff = officer_staff
    turn = {"n": 0}

    def grow(n: int) -> None:
        for _ in range(n):
            turn["n"] += 1
            who = staff["other_supervisor"] if turn["n"] % 2 else staff["supervisor"]
            actions.assign_supervisor(staff["director"], officer, supervisor=who, reason="Rotation")
            actions.suspend(staff["director"], officer, reason="Complaint pending")
            actions.reinstate(staff["director"], officer, reason="Cleared")
            actions.report_disciplinary(
                staff["liaison"],
                officer,
                occurred_on=timezone.localdate() - timedelta(days=turn["n"]),
                description="Use-of-force review opened",
            )

    same_count_for_n_and_3n(client_as("ice_program_manager"), officer.get_absolute_url(), grow)


def test_officer_page_of_a_model_with_more_functions(client_as, authorized):
    # A warrant service officer's model has one function, a jail model's several: the check
    # per function reads rows loaded once, so both pages cost the same.
    from access.officers.models import ModelFunction

    client = client_as("ice_program_manager")
    few, many = authorized("287g_wso"), authorized("287g_jem")
    today = timezone.localdate()
    assert len(ModelFunction.codes_in_effect(few.agreement.partnership_type_id, today)) < len(
        ModelFunction.codes_in_effect(many.agreement.partnership_type_id, today)
    )
    assert queries(client, few.get_absolute_url()) == queries(client, many.get_absolute_url())


def test_case_register_with_more_cases(client_as, make_user, agency_a):
    from datetime import date

    from access.inquiries import cases

    keeper = make_user("agency_liaison", agency_a)
    made = {"n": 0}

    def grow(n: int) -> None:
        for _ in range(n):
            made["n"] += 1
            number = f"24-{made['n']:05d}"
            cases.add_case(keeper, agency=agency_a, case_number=number, opened_on=date(2024, 1, 1))

    same_count_for_n_and_3n(client_as(keeper), "/inquiries/cases/", grow)


def test_inquiry_list_api_with_more_inquiries(client_as, make_agency):
    # Each inquiry lists its candidates to analysts: one query for the page, not one a row.
    from tests.inquiries.test_message import EXAMPLE_1

    agency = make_agency(state="VA", ori="VA0290000", county_fips="51013")
    officer = client_as("agency_officer", agency)

    def grow(n: int) -> None:
        for _ in range(n):
            sent = officer.post(
                "/api/inquiries/", {"nlets": EXAMPLE_1}, content_type="application/json"
            )
            assert sent.status_code == 201

    analyst = client_as("lesc_analyst")
    same_count_for_n_and_3n(analyst, "/api/inquiries/", grow)
    rows = analyst.get("/api/inquiries/").json()["results"]
    assert len(rows) == 3 * N and all(row["candidates"] == [] for row in rows)
