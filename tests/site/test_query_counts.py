"""Query counts of the main pages do not grow with the rows they list (issue 15 item 21).

Each page is opened with N rows and again with 3N: the number of SQL queries must be the same
and small. A page that queries once per row (an N+1) fails here long before it is slow."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

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
