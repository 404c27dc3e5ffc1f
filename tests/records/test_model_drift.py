"""The active model's bands against analysts' decisions, and the program managers' alert."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from tests.records.conftest import LOADER

from access.audit.models import AuditEvent
from access.messaging.choices import NotificationKind
from access.messaging.models import Notification
from access.records import actions, model_drift, model_lifecycle, tasks
from access.records.engine import stored_record
from access.records.events import Event
from access.records.models import PersonRecord


@pytest.fixture
def active_version(trained_version: Any) -> Any:
    version = actions.calibrate_model(LOADER, trained_version, probes=200)
    return actions.activate_model(LOADER, version)


@pytest.fixture
def rejected_self_pairs(model_store: Any) -> Iterator[None]:
    """30 "decisions" that reject a record against itself: probable pairs the analysts
    (here) all rejected, so the probable band must drift."""
    people = list(
        PersonRecord.objects.exclude(given_name="")
        .prefetch_related("birth_dates", "identifiers", "addresses")
        .order_by("pk")[:30]
    )
    decided = [model_lifecycle.Decision(stored_record(p), p.pk, False) for p in people]
    model_lifecycle.register_decisions("test", lambda: decided)
    yield
    model_lifecycle._decision_sources.pop("test")


def test_without_decisions_nothing_drifts(active_version: Any) -> None:
    rows = model_drift.compare(active_version)
    assert [row["band"] for row in rows] == ["probable", "possible"]
    assert all(row["decided"] == 0 and not row["drifted"] for row in rows)


def test_rejected_probable_pairs_drift_and_alert_program_managers(
    active_version: Any, rejected_self_pairs: None, make_user: Any
) -> None:
    manager = make_user("ice_program_manager", username="pm.drift")
    make_user("lesc_analyst", username="analyst.drift")
    probable = model_drift.compare(active_version)[0]
    assert probable["decided"] >= model_drift.MIN_DECISIONS
    assert probable["verified"] == 0 and probable["observed"] == 0.0
    assert probable["expected"] > 0.9 and probable["drifted"]

    result = tasks.check_model_drift.call()
    assert result == {"version": 1, "drifted": ["probable"], "alerted": ["pm.drift"]}
    notice = Notification.objects.get()
    assert notice.recipient == manager and notice.kind == NotificationKind.MODEL_DRIFT
    assert notice.link == f"/records/models/{active_version.pk}/"
    assert "analysts verified 0.0%" in notice.body
    assert AuditEvent.objects.filter(action=Event.MODEL_DRIFT_ALERTED).count() == 1
    # An unread alert is not repeated the next day.
    assert tasks.check_model_drift.call()["alerted"] == []
    assert Notification.objects.count() == 1


def test_the_card_shows_the_comparison(
    active_version: Any, rejected_self_pairs: None, client_as: Any
) -> None:
    body = client_as("oversight_auditor").get(f"/records/models/{active_version.pk}/")
    text = body.content.decode()
    assert "Bands against analysts' decisions" in text
    assert "Drifted" in text
