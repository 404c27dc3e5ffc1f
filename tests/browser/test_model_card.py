"""The matching model card in Chromium: an auditor reaches the versions list from the menu
and opens the active version's card by keyboard (with its bands against analysts'
decisions); both pages axe-clean."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect
from tests.browser.conftest import assert_accessible, nav_link, sign_in

from access.core.actors import SystemActor
from access.matching.model import Model
from access.records import actions, model_lifecycle

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

OPERATOR = SystemActor("access matching")
RELIABILITY = [
    {"from": 0.0, "to": 0.1, "predicted": 0.01, "observed": 0.008, "n": 900, "margin": 0.0066},
    {"from": 0.4, "to": 0.5, "predicted": 0.45, "observed": 0.41, "n": 60, "margin": 0.1284},
    {"from": 0.9, "to": 1.0, "predicted": 0.998, "observed": 0.999, "n": 700, "margin": 0.0034},
]


def _versions() -> None:
    """Version 1 retired, version 2 active (calibrated and evaluated), version 3 trained."""
    for _ in range(3):
        actions.store_trained(
            OPERATOR,
            model_lifecycle.Trained(
                Model({}, {}), 20_000, 20_000, "all 20,000 records, at most 200,000 rows"
            ),
        )
    from access.records.models import MatchModelVersion

    first, second = MatchModelVersion.objects.order_by("version")[:2]
    for version in (first, second):
        version = actions.store_calibration(
            OPERATOR,
            version,
            calibration={"x": [0.0, 0.5, 1.0], "y": [0.0, 0.4, 1.0]},
            thresholds={"possible": 0.05, "probable": 0.97},
            pairs={"pairs": 1660, "true_pairs": 720, model_lifecycle.SYNTHETIC: 1660},
        )
        actions.store_evaluation(
            OPERATOR,
            version,
            evaluation={
                "probable_precision": 0.9993,
                "probable_recall": 0.9412,
                "possible_precision": 0.88,
                "possible_recall": 0.991,
                "reliability": RELIABILITY,
                "pairs": 1660,
                "true_pairs": 720,
            },
        )
        actions.activate_model(OPERATOR, version)


def test_an_auditor_reads_the_model_card(page: Page, live_server: Any, make_user: Any) -> None:
    _versions()
    auditor = make_user("oversight_auditor", username="auditor.card")
    sign_in(page, live_server, auditor)
    nav_link(page, "Matching model").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Matching model")
    expect(page.get_by_role("heading", name="Active: version 2")).to_be_visible()
    rows = page.get_by_role("table", name="Model versions, newest first").locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("not calibrated")
    expect(rows.nth(2)).to_contain_text("Retired")
    assert_accessible(page)

    link = page.get_by_role("link", name="Model card of version 2")
    link.focus()
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Matching model version 2")
    expect(page.get_by_role("img", name="Reliability chart of version 2")).to_be_visible()
    table = page.get_by_role("table", name="Reliability table")
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table).to_contain_text("0.4100")
    bands = page.get_by_role("table", name="Observed against expected, per band")
    expect(bands.locator("tbody tr")).to_have_count(2)
    expect(bands).to_contain_text("Too few decisions")
    expect(page.get_by_text("Activated")).to_contain_text("system: access matching")
    assert_accessible(page)
