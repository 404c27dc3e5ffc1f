"""The matching model card: versions list and a version's page, for program managers and
auditors; others get a 404 and nothing is shown."""

from __future__ import annotations

from typing import Any

import pytest
from tests.records.conftest import LOADER

from access.records import actions
from access.records.views import reliability_chart


@pytest.fixture
def active_version(trained_version: Any) -> Any:
    version = actions.calibrate_model(LOADER, trained_version, probes=200)
    return actions.activate_model(LOADER, version)


@pytest.mark.parametrize("role", ["ice_program_manager", "oversight_auditor"])
def test_program_managers_and_auditors_read_the_card(
    client_as: Any, active_version: Any, role: str
) -> None:
    client = client_as(role)
    listing = client.get("/records/models/")
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "Active: version 1" in text
    assert f"{active_version.thresholds['probable']:.4f}" in text
    page = client.get(f"/records/models/{active_version.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Reliability chart of version 1" in body and "Reliability table" in body
    assert body.count("<circle ") == len(active_version.evaluation["reliability"])
    for row in active_version.evaluation["reliability"]:
        assert f"<td>{row['n']}</td>" in body
    assert "system: test loader" in body
    assert active_version.sample_description in body


@pytest.mark.parametrize("role", ["agency_officer", "lesc_analyst"])
def test_other_roles_get_a_404(
    client_as: Any, agency_a: Any, active_version: Any, role: str
) -> None:
    client = client_as(role, agency_a) if role == "agency_officer" else client_as(role)
    assert client.get("/records/models/").status_code == 404
    assert client.get(f"/records/models/{active_version.pk}/").status_code == 404


def test_an_uncalibrated_version_says_so(client_as: Any, trained_version: Any) -> None:
    page = client_as("oversight_auditor").get(f"/records/models/{trained_version.pk}/")
    body = page.content.decode()
    assert "Not calibrated: this version cannot be activated" in body
    assert "access matching calibrate 1" in body and "<svg" not in body


def test_the_chart_places_bins_by_predicted_and_observed_rate() -> None:
    chart = reliability_chart(
        [{"from": 0.9, "to": 1.0, "predicted": 1.0, "observed": 0.5, "n": 7, "margin": 0.0}]
    )
    (point,) = chart["points"]
    assert point["x"] == chart["right"] and point["y"] == chart["middle"]
    assert "7 pairs" in point["label"]
