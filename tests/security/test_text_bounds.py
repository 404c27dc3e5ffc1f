"""Item 16 (issue 15): every free-text input of a form or an API serializer has a maximum
length, and text over it is answered with a short, clear 400 that names the field."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.test import Client
from knox.models import AuthToken
from rest_framework import serializers

import access
from access.agencies.models import Agency
from access.core import limits


def _modules():
    for found in pkgutil.walk_packages(access.__path__, "access."):
        if found.name.endswith((".forms", ".serializers")):
            yield importlib.import_module(found.name)


def _unbounded() -> list[str]:
    missing = []
    for module in _modules():
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            if issubclass(cls, forms.BaseForm) and hasattr(cls, "base_fields"):
                fields = cls.base_fields.items()
                kind = forms.CharField
            elif issubclass(cls, serializers.Serializer):
                fields = ((n, f) for n, f in cls().fields.items() if not f.read_only)
                kind = serializers.CharField
            else:
                continue
            missing += [
                f"{module.__name__}.{name}.{field_name}"
                for field_name, field in fields
                if isinstance(field, kind) and field.max_length is None
            ]
    return missing


def test_every_text_input_of_every_form_and_serializer_is_bounded(db):
    assert _unbounded() == []


def test_the_agreement_section_fields_are_bounded():
    from access.agreements.forms import SectionsForm

    form = SectionsForm([{"key": "purpose", "heading": "Purpose", "text": "x"}])
    assert form.fields["section_purpose"].max_length == limits.SECTION_TEXT


@pytest.fixture
def oversight_api(make_user) -> Client:
    user = make_user("ice_program_manager")
    _, token = AuthToken.objects.create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token}")


def test_a_long_agency_note_is_a_short_400_naming_the_field(oversight_api):
    body = {
        "name": "Long Notes Police Department",
        "kind": "police",
        "state": "FL",
        "county_fips": "12086",
        "ori": "FL0000077",
        "notes": "n" * (limits.LONG_TEXT + 1),
    }
    response = oversight_api.post("/api/agencies/", body, content_type="application/json")
    assert response.status_code == 400
    assert "10000" in response.json()["error"]["fields"]["notes"][0]
    assert len(response.content) < 2_000
    assert not Agency.objects.filter(ori="FL0000077").exists()


def test_error_messages_never_echo_a_megabyte_back(oversight_api):
    response = oversight_api.get("/api/agencies/?kind=" + "k" * 100_000)
    assert response.status_code == 400
    assert len(response.content) < 2_000


def test_a_megabyte_determination_is_refused_field_by_field():
    from access.inquiries.api.serializers import DeterminationSerializer

    form = DeterminationSerializer(
        data={"determination": "no_record", "evidence": ["x"] * 1000, "notes": "n" * 1_000_000}
    )
    assert not form.is_valid()
    assert "10000" in str(form.errors["notes"][0])
    assert "evidence" in form.errors
