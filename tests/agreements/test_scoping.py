"""Scope on every agreements route: another agency's agreements are 404 and nothing changes."""

from __future__ import annotations

import pytest
from tests.agreements.conftest import advance, pdf_upload

from access.agreements.models import Agreement, AgreementSignature, AgreementVersion
from access.audit.models import AuditEvent


def everything() -> tuple:
    return (
        list(Agreement.objects.order_by("pk").values()),
        list(AgreementVersion.objects.order_by("pk").values()),
        list(AgreementSignature.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def target(draft, manager, liaison):
    """Agency A's agreement, approved and signed by the agency (so every route has an object)."""
    agreement = advance(draft(), {"manager": manager, "liaison": liaison}, until="sign")
    from datetime import date

    from access.agreements import actions

    actions.sign(
        liaison, agreement, name="P", title="S", signed_on=date(2025, 7, 1), document=pdf_upload()
    )
    return agreement


def routes(pk: int) -> list[tuple[str, str, dict | None]]:
    sign = {"name": "X", "title": "X", "signed_on": "2025-07-02"}
    return [
        ("get", f"/agreements/{pk}/", None),
        (
            "post",
            f"/agreements/{pk}/transition/",
            {"transition": "approve_agency_review", "reason": "x"},
        ),
        ("post", f"/agreements/{pk}/transition/", {"transition": "suspend", "reason": "x"}),
        ("get", f"/agreements/{pk}/edit/", None),
        ("post", f"/agreements/{pk}/edit/", {"section_purpose": "Hijacked", "note": "x"}),
        ("get", f"/agreements/{pk}/sign/", None),
        ("post", f"/agreements/{pk}/sign/", {**sign, "document": pdf_upload()}),
        ("get", f"/agreements/{pk}/versions/1/", None),
        ("get", f"/agreements/{pk}/versions/1/pdf/", None),
        ("get", f"/agreements/{pk}/signatures/agency/document/", None),
        ("get", f"/api/agreements/{pk}/", None),
    ]


@pytest.mark.parametrize("role", ["agency_liaison", "agency_officer"])
def test_another_agency_gets_404_on_every_route_and_nothing_changes(
    client_as, agency_b, target, role
):
    client = client_as(role, agency_b)
    before = everything()
    for method, url, data in routes(target.pk):
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 404, f"{method.upper()} {url} -> {response.status_code}"
        if url.startswith("/api/"):
            assert response.json()["error"]["code"] == "not_found"
    assert everything() == before


def test_an_agency_officer_reads_their_own_agencys_agreement_but_cannot_act_on_it(
    client_as, agency_a, target
):
    client = client_as("agency_officer", agency_a)
    before = everything()
    assert client.get(f"/agreements/{target.pk}/").status_code == 200
    assert [a["id"] for a in client.get("/api/agreements/").json()["results"]] == [target.pk]
    for method, url, data in routes(target.pk):
        if method == "post" or url.endswith(("/edit/", "/sign/")):
            assert getattr(client, method)(url, data or {}).status_code == 404, url
    assert client.get("/agreements/new/").status_code == 404
    assert everything() == before


def test_lists_exports_and_the_api_show_only_the_users_agency(
    client_as, draft, agency_b, target, liaison
):
    theirs = draft(agency=agency_b)
    client = client_as(liaison)
    assert [r.record.pk for r in client.get("/agreements/").context["table"].rows] == [target.pk]
    assert [row["id"] for row in client.get("/api/agreements/").json()["results"]] == [target.pk]
    assert client.get(f"/api/agreements/{theirs.pk}/").status_code == 404
    assert client.get("/agreements/", {"export": "csv"}).status_code == 404  # no export grant
    before = everything()
    assert client.get("/agreements/new/").status_code == 404
    assert client.post("/agreements/new/", {"agency": agency_b.pk}).status_code == 404
    assert client.post("/api/agreements/", {}, content_type="application/json").status_code == 405
    assert everything() == before


def test_ice_roles_see_all_and_export_with_an_audit_event(client_as, draft, agency_b, target):
    draft(agency=agency_b)
    client = client_as("oversight_auditor")
    assert client.get("/agreements/").context["count"] == 2
    assert len(client.get("/api/agreements/").json()["results"]) == 2
    before = AuditEvent.objects.count()
    response = client.get("/agreements/", {"export": "csv"})
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("ID,Agency,State,Partnership type,Status")
    assert len(lines) == 3
    assert AuditEvent.objects.count() == before + 1
    # Read-only roles change nothing.
    before = everything()
    for method, url, data in routes(target.pk)[1:7]:
        if method == "post":
            assert client.post(url, data or {}).status_code == 404, url
    assert everything() == before


def test_the_list_filters_by_status_type_agency_and_review(client_as, draft, agency_b, target):
    other = draft(agency=agency_b, code="287g_wso")
    client = client_as("oversight_auditor")

    def ids(**query):
        return [r.record.pk for r in client.get("/agreements/", query).context["table"].rows]

    assert ids(status="approved") == [target.pk]
    assert ids(partnership_type=other.partnership_type_id) == [other.pk]
    assert ids(agency=agency_b.pk) == [other.pk]
    assert ids(needs_review="yes") == []
    assert sorted(ids(needs_review="no")) == sorted([target.pk, other.pk])


def test_the_api_detail_carries_versions_and_signatures(client_as, target):
    body = client_as("ice_field_agent").get(f"/api/agreements/{target.pk}/").json()
    assert body["status"] == "approved"
    assert body["partnership_type"] == "287g_jem"
    assert [v["number"] for v in body["versions"]] == [1]
    assert [(s["party"], s["name"]) for s in body["signatures"]] == [("agency", "P")]


def test_a_field_agent_creates_a_draft_through_the_form(client_as, agency_a, ice_office, jem):
    client = client_as("ice_field_agent")
    assert client.get("/agreements/new/").status_code == 200
    before = AuditEvent.objects.count()
    response = client.post(
        "/agreements/new/",
        {
            "agency": agency_a.pk,
            "partnership_type": jem.pk,
            "supervising_office": ice_office.pk,
            "officer_limit": 6,
        },
    )
    agreement = Agreement.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/agreements/{agreement.pk}/"
    assert (agreement.status, agreement.officer_limit, agreement.versions.count()) == (
        "draft",
        6,
        1,
    )
    assert AuditEvent.objects.count() == before + 1
