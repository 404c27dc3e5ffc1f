"""Item 17 (issue 15, first half): the OpenAPI schema says what the API takes and answers."""

from __future__ import annotations

import pytest
from django.test import Client
from knox.models import AuthToken


@pytest.fixture
def schema(make_user) -> dict:
    _, token = AuthToken.objects.create(user=make_user("ice_program_manager"))
    response = Client(HTTP_AUTHORIZATION=f"Token {token}").get("/api/schema/")
    assert response.status_code == 200
    return response.json()


def _body_schema(schema: dict, path: str) -> dict:
    found = schema["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]
    if "$ref" in found:
        return schema["components"]["schemas"][found["$ref"].rsplit("/", 1)[1]]
    return found


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/api/inquiries/", {"nlets", "niem", "ori", "reason", "family_name", "in_custody"}),
        ("/api/inquiries/{id}/determination/", {"determination", "evidence", "notes"}),
        ("/api/inquiries/{id}/decision/", {"decision", "notes"}),
        ("/api/misuse/flags/{id}/close/", {"finding", "notes"}),
    ],
)
def test_write_operations_document_their_request_body(schema, path, fields):
    body = _body_schema(schema, path)
    assert fields <= set(body["properties"])


def test_every_operation_documents_the_error_shape(schema):
    assert "Error" in schema["components"]["schemas"]
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for code in ("400", "401", "404"):
                ref = operation["responses"][code]["content"]["application/json"]["schema"]
                assert ref == {"$ref": "#/components/schemas/Error"}, (method, path, code)


def test_the_empty_determination_the_api_returns_is_in_the_schema(schema):
    inquiry = schema["components"]["schemas"]["Inquiry"]["properties"]
    for name in ("determination", "supervisor_decision"):
        options = [o["$ref"].rsplit("/", 1)[1] for o in inquiry[name]["oneOf"]]
        enums = [schema["components"]["schemas"][o]["enum"] for o in options]
        assert any("" in values for values in enums), name


def test_list_paging_parameters_carry_their_bounds(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/agencies/"]["get"]["parameters"]}
    assert parameters["limit"]["schema"]["maximum"] == 200
    assert parameters["limit"]["schema"]["minimum"] == 1
    assert parameters["offset"]["schema"]["minimum"] == 0
