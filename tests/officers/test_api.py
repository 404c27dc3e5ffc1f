"""The officers API: scoped reads, nomination with the page's rules, the authority check."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from tests.conftest import sign_in
from tests.officers.conftest import nomination

from access.officers.models import Officer

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Any:
    from django.test import Client

    return sign_in(Client(), user)


def _payload(agreement: Any, **overrides: Any) -> dict[str, Any]:
    data = {k: str(v) if hasattr(v, "isoformat") else v for k, v in nomination(**overrides).items()}
    return {**data, "agreement": agreement.pk, "reason": "New unit"}


def test_reads_are_scoped_and_hide_ice_check_details(
    walk: Callable[..., Officer], people: Any, make_user: Any, agency_b: Any
) -> None:
    officer = walk("authorized")
    body = _client(people["liaison"]).get("/api/officers/").json()
    [row] = body["results"] if isinstance(body, dict) else body
    assert row["badge_number"] == officer.badge_number
    assert set(row["background_check"]) == {"outcome", "reason", "checked_on"}
    assert "interview" in row["functions_allowed_now"]
    other = _client(make_user("agency_liaison", agency_b))
    missing = other.get(f"/api/officers/{officer.pk}/")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_nominate_through_the_api(
    people: Any, agreement: Any, make_user: Any, agency_b: Any
) -> None:
    client = _client(people["liaison"])
    refused = client.post(
        "/api/officers/",
        _payload(agreement, citizenship_attested=False),
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert "citizenship_attested" in refused.json()["error"]["fields"]
    assert not Officer.objects.exists()
    created = client.post("/api/officers/", _payload(agreement), content_type="application/json")
    assert created.status_code == 201 and created.json()["status"] == "nominated"
    other = _client(make_user("agency_liaison", agency_b))
    foreign = other.post(
        "/api/officers/", _payload(agreement, badge_number="Z-9"), content_type="application/json"
    )
    assert foreign.status_code == 400 and "agreement" in foreign.json()["error"]["fields"]
    assert Officer.objects.count() == 1
    auditor = _client(make_user("oversight_auditor"))
    assert (
        auditor.post(
            "/api/officers/", _payload(agreement), content_type="application/json"
        ).status_code
        == 404
    )


def test_authority_endpoint(walk: Callable[..., Officer], people: Any) -> None:
    officer = walk("authorized")
    client = _client(people["supervisor"])
    ok = client.get(f"/api/officers/{officer.pk}/authority/", {"function": "interview"}).json()
    assert ok["allowed"] is True and ok["reasons"] == []
    past = client.get(
        f"/api/officers/{officer.pk}/authority/",
        {"function": "interview", "on": "2020-01-01T00:00Z"},
    ).json()
    assert past["allowed"] is False and past["reasons"]
    bad = client.get(f"/api/officers/{officer.pk}/authority/", {"function": "fly"})
    assert bad.status_code == 400 and "function" in bad.json()["error"]["fields"]
    schema = client.get("/api/schema/").json()
    assert "/api/officers/{id}/authority/" in schema["paths"]
