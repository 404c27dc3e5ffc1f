"""A person record opened outside an inquiry, in Chromium: the purpose form first (no person
data), its errors, then the record; keyboard only, axe-clean."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from tests.browser.conftest import assert_accessible, sign_in

from access.audit.models import AuditEvent
from access.core.actors import SystemActor
from access.records.actions import load_table
from access.records.engine import basic_keys
from access.records.models import PersonRecord
from access.records.synthetic import generate

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def type_into(page: Page, label: str, text: str) -> None:
    box = page.get_by_label(re.compile("^" + re.escape(label)))
    box.focus()
    expect(box).to_be_focused()
    page.keyboard.type(text)


def press_button(page: Page, name: str) -> None:
    button = page.get_by_role("button", name=name)
    button.focus()
    expect(button).to_be_focused()
    page.keyboard.press("Enter")


def test_the_purpose_form_comes_before_the_record(page, live_server, make_user):
    load_table(
        SystemActor("test loader"),
        generate(40, 5).records,
        source_name="browser test",
        key_function=basic_keys,
    )
    record = next(r for r in PersonRecord.objects.order_by("pk") if r.given_name)
    analyst = make_user("lesc_analyst", username="analyst.r")
    sign_in(page, live_server, analyst)
    page.goto(f"/records/{record.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open a person record")
    assert record.record_id not in page.content()
    assert_accessible(page)

    press_button(page, "Open the record")  # nothing given: errors, still no data
    expect(page.locator(".usa-error-message").first).to_be_visible()
    assert record.record_id not in page.content()
    assert_accessible(page)
    assert not AuditEvent.objects.filter(action="record.viewed").exists()

    purpose = page.get_by_label(re.compile("^Purpose"))
    purpose.focus()
    purpose.select_option("oversight")
    type_into(page, "Reason", "Quarterly audit sample")
    type_into(page, "Case number", "OA-2026-4")
    press_button(page, "Open the record")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Person record {record.record_id}")
    expect(page.get_by_text("purpose (Oversight / audit)")).to_be_visible()
    assert page.url.endswith(f"/records/{record.pk}/")  # nothing about the person in the URL
    assert_accessible(page)
    event = AuditEvent.objects.get(action="record.viewed")
    assert event.details["case_number"] == "OA-2026-4" and event.actor_id == analyst.pk
