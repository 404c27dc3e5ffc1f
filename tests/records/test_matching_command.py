"""``access matching``: train, calibrate, evaluate, activate and list on a small synthetic
store; the refusals leave nothing changed."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from access.audit.models import AuditEvent
from access.records.choices import ModelStatus
from access.records.events import Event
from access.records.models import MatchModelVersion


def _run(*args: str) -> str:
    out = StringIO()
    call_command("matching", *args, stdout=out)
    return out.getvalue()


def test_the_whole_lifecycle_on_a_synthetic_store(model_store: Any) -> None:
    said = _run("train", "--sample", "400")
    assert "version 1 trained on 304 of 608 records (1 in 2 of 608 records" in said
    version = MatchModelVersion.objects.get(version=1)
    assert version.status == ModelStatus.TRAINED

    said = _run("calibrate", "1", "--probes", "300")
    assert "version 1 calibrated on" in said and "probable >=" in said
    assert "evaluated on" in said
    version.refresh_from_db()
    assert version.status == ModelStatus.CALIBRATED and version.calibration

    said = _run("evaluate", "1", "--probes", "300")
    assert "probable precision" in said
    assert AuditEvent.objects.filter(action=Event.MODEL_EVALUATED).count() == 2

    assert _run("activate", "1") == "version 1 is active\n"
    version.refresh_from_db()
    assert version.status == ModelStatus.ACTIVE
    assert version.activated_by_name == "system: access matching"

    listed = json.loads(_run("list", "--json"))
    assert [row["version"] for row in listed] == [1]
    assert listed[0]["status"] == "active" and listed[0]["calibrated"] is True
    assert "reliability" not in listed[0]["evaluation"]
    table = _run("list")
    assert "Active" in table and "304 of 608" in table


def test_activate_refuses_an_uncalibrated_version(trained_version: Any) -> None:
    with pytest.raises(CommandError, match="has no calibration: run `access matching calibrate 1`"):
        _run("activate", "1")
    trained_version.refresh_from_db()
    assert trained_version.status == ModelStatus.TRAINED
    assert not AuditEvent.objects.filter(action=Event.MODEL_ACTIVATED).exists()


def test_an_unknown_version_is_refused(trained_version: Any) -> None:
    with pytest.raises(CommandError, match=r"no model version 7 \(stored: 1\)"):
        _run("calibrate", "7")
    trained_version.refresh_from_db()
    assert trained_version.calibration is None


def test_train_refuses_an_empty_store(db: Any) -> None:
    with pytest.raises(CommandError, match="fewer than 50 indexed records"):
        _run("train")
    assert not MatchModelVersion.objects.exists()


def test_calibrate_refuses_a_store_without_labels(trained_version: Any) -> None:
    from access.records.models import PersonRecord

    PersonRecord.objects.update(synthetic_person_id="")
    with pytest.raises(CommandError, match="needs both true and false pairs"):
        _run("calibrate", "1")
    trained_version.refresh_from_db()
    assert trained_version.calibration is None
    assert trained_version.status == ModelStatus.TRAINED


def test_probes_below_two_are_refused(trained_version: Any) -> None:
    with pytest.raises(CommandError, match="--probes must be at least 2"):
        _run("calibrate", "1", "--probes", "1")


def test_list_without_versions(db: Any) -> None:
    assert "no model versions yet" in _run("list")


def test_every_option_has_help() -> None:
    from access.records.management.commands.matching import Command

    parser = Command().create_parser("access", "matching")
    subparsers = next(a for a in parser._actions if a.dest == "subcommand")
    for name, sub in subparsers.choices.items():
        for action in sub._actions:
            if action.dest != "help":
                assert action.help, f"{name} {action.dest} has no help text"
        assert sub.format_help()
    text = parser.format_help()
    assert "99.95% precision" in text and all(name in text for name in subparsers.choices)
