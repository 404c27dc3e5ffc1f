"""Item 15 (issue 15): hostile input to the API answers a 4xx in the one JSON error shape."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from knox.models import AuthToken

from access.agencies.models import Agency
from access.core.api.pagination import MAX_PAGE_SIZE


@pytest.fixture
def api(make_user) -> Client:
    user = make_user("ice_program_manager")
    _, token = AuthToken.objects.create(user=user)
    # raise_request_exception=False: the test sees the response a caller would get.
    return Client(HTTP_AUTHORIZATION=f"Token {token}", raise_request_exception=False)


def _error(response) -> dict:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = response.json()
    assert set(body["error"]) == {"status", "code", "message", "fields", "request_id"}
    assert body["error"]["status"] == response.status_code
    return body["error"]


@pytest.mark.parametrize("value", [str(2**63), str(2**64 + 7), str(MAX_PAGE_SIZE + 1)])
def test_a_limit_over_the_maximum_page_size_is_a_400(api, value):
    response = api.get(f"/api/agencies/?limit={value}")
    assert response.status_code == 400
    error = _error(response)
    assert "limit" in error["fields"]
    assert str(MAX_PAGE_SIZE) in error["fields"]["limit"][0]


@pytest.mark.parametrize("param", ["limit=abc", "limit=0", "limit=-5", "offset=-1", "offset=x"])
def test_a_malformed_limit_or_offset_is_a_400(api, param):
    response = api.get(f"/api/agencies/?{param}")
    assert response.status_code == 400
    assert param.split("=")[0] in _error(response)["fields"]


def test_a_huge_offset_is_a_400(api):
    response = api.get(f"/api/agreements/?offset={2**63}")
    assert response.status_code == 400
    assert "offset" in _error(response)["fields"]


def test_the_maximum_page_size_itself_is_served(api, make_agency):
    make_agency()
    response = api.get(f"/api/agencies/?limit={MAX_PAGE_SIZE}")
    assert response.status_code == 200
    assert response.json()["count"] >= 1


def test_json_nested_a_thousand_deep_is_a_400_and_creates_nothing(api):
    before = Agency.objects.count()
    body = "[" * 1000 + "]" * 1000
    response = api.post("/api/agencies/", body, content_type="application/json")
    assert response.status_code == 400
    assert _error(response)["code"] == "parse_error"
    assert Agency.objects.count() == before


def test_json_nested_deeper_than_the_limit_is_a_400(api):
    body = '{"name": ' + '{"a": ' * 40 + "1" + "}" * 40 + "}"
    response = api.post("/api/agencies/", body, content_type="application/json")
    assert response.status_code == 400
    assert "nested" in _error(response)["message"]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_a_body_over_the_upload_limit_is_a_413_in_json(api):
    before = Agency.objects.count()
    body = '{"name": "' + "x" * 2048 + '"}'
    response = api.post("/api/agencies/", body, content_type="application/json")
    assert response.status_code == 413
    assert _error(response)["code"] == "too_large"
    assert Agency.objects.count() == before


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_a_body_over_the_limit_is_refused_also_without_a_session_or_token(db):
    response = Client(raise_request_exception=False).post(
        "/api/tokens/", "x" * 4096, content_type="application/json"
    )
    assert response.status_code == 413
    assert _error(response)["code"] == "too_large"


@pytest.mark.parametrize(
    "path",
    [
        "/api/agencies/abc/",
        f"/api/agencies/{2**70}/",
        "/api/agreements/1.5/",
        "/api/inquiries/x/",
        "/api/inquiries/x/iar/",
        "/api/misuse/flags/%00/",
    ],
)
def test_a_non_integer_id_in_an_api_path_is_a_json_404(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert _error(response)["code"] == "not_found"


@pytest.mark.parametrize("path", ["/api/nowhere/", "/api/agencies/1/nothing/", "/api/x"])
def test_an_unmatched_api_path_is_a_json_404(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert _error(response)["code"] == "not_found"


def test_an_unmatched_api_path_is_a_json_404_when_signed_out(db):
    response = Client(raise_request_exception=False).get("/api/nowhere/at/all/")
    assert response.status_code in (401, 404)
    _error(response)


@pytest.mark.parametrize(
    ("asked", "shown"), [("1000000000", 100), (str(2**63), 100), ("0", 1), ("-3", 100)]
)
def test_list_pages_hold_per_page_to_the_maximum(client_as, asked, shown):
    from access.core.views import MAX_LIST_PAGE_SIZE

    assert MAX_LIST_PAGE_SIZE == 100
    page = client_as("ice_program_manager").get(f"/agencies/?per_page={asked}")
    assert page.status_code == 200
    assert page.context["table"].paginator.per_page == shown
