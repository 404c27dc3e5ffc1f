"""Matching model versions: train, calibrate, evaluate, activate (records.actions), each
stored and audited; at most one active; an uncalibrated version is never activated."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction

from access.audit.models import AuditEvent
from access.core.actors import MissingActorError, SystemActor
from access.records import actions, model_lifecycle
from access.records.choices import ModelStatus
from access.records.events import Event
from access.records.models import MatchModelVersion

OPERATOR = SystemActor("test operator")


def _events(name: str) -> int:
    return AuditEvent.objects.filter(action=name).count()


def test_train_stores_a_version_with_its_sample(model_store: Any) -> None:
    version = actions.train_model(OPERATOR, sample=300)
    assert version.version == 1
    assert version.status == ModelStatus.TRAINED
    assert version.store_size == model_store.records
    assert version.sample_size <= 300
    assert version.sample_description.startswith("1 in 3 of 608 records")
    assert version.sample_description.endswith("at most 300 rows")
    assert version.calibration is None
    assert version.model().calibration is None
    assert _events(Event.MODEL_TRAINED) == 1


def test_train_refuses_an_empty_store(db: Any) -> None:
    with pytest.raises(actions.ModelRefused, match="fewer than 50 indexed records"):
        actions.train_model(OPERATOR, sample=1000)
    assert not MatchModelVersion.objects.exists()
    assert _events(Event.MODEL_TRAINED) == 0


def test_train_refuses_a_tiny_sample(model_store: Any) -> None:
    with pytest.raises(actions.ModelRefused, match="--sample must be at least 50"):
        actions.train_model(OPERATOR, sample=10)
    assert not MatchModelVersion.objects.exists()


def test_activate_refuses_a_version_without_calibration(trained_version: Any) -> None:
    with pytest.raises(actions.ModelRefused, match="has no calibration"):
        actions.activate_model(OPERATOR, trained_version)
    trained_version.refresh_from_db()
    assert trained_version.status == ModelStatus.TRAINED
    assert trained_version.activated_at is None
    assert _events(Event.MODEL_ACTIVATED) == 0


def test_calibrate_fits_thresholds_and_evaluates(trained_version: Any) -> None:
    version = actions.calibrate_model(OPERATOR, trained_version, probes=400)
    assert version.status == ModelStatus.CALIBRATED
    knots = version.calibration
    assert knots["x"] == sorted(knots["x"]) and knots["y"] == sorted(knots["y"])
    assert 0.5 <= version.thresholds["probable"] <= 1.0
    assert 0.0 < version.thresholds["possible"] <= version.thresholds["probable"]
    pairs = version.calibration_pairs
    assert pairs["pairs"] > pairs["true_pairs"] > 0
    assert pairs[model_lifecycle.SYNTHETIC] == pairs["pairs"]
    evaluation = version.evaluation
    assert evaluation["pairs"] > 0
    assert 0.0 <= evaluation["probable_precision"] <= 1.0
    assert evaluation["possible_recall"] > 0.5
    assert sum(row["n"] for row in evaluation["reliability"]) == evaluation["pairs"]
    assert _events(Event.MODEL_CALIBRATED) == 1
    assert _events(Event.MODEL_EVALUATED) == 1


def test_activate_retires_the_previous_active_version(trained_version: Any) -> None:
    first = actions.calibrate_model(OPERATOR, trained_version, probes=200)
    actions.activate_model(OPERATOR, first)
    second = actions.store_trained(
        OPERATOR,
        model_lifecycle.Trained(first.model(), first.store_size, first.sample_size, "copy"),
    )
    second = actions.store_calibration(
        OPERATOR,
        second,
        calibration=first.calibration,
        thresholds=first.thresholds,
        pairs=first.calibration_pairs,
    )
    actions.activate_model(OPERATOR, second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == ModelStatus.RETIRED
    assert second.status == ModelStatus.ACTIVE
    assert second.activated_by_name == "system: test operator"
    assert second.activated_at is not None
    assert MatchModelVersion.objects.filter(status=ModelStatus.ACTIVE).count() == 1
    assert _events(Event.MODEL_RETIRED) == 1
    assert _events(Event.MODEL_ACTIVATED) == 2


def test_activate_refuses_the_active_version(trained_version: Any) -> None:
    version = actions.calibrate_model(OPERATOR, trained_version, probes=200)
    actions.activate_model(OPERATOR, version)
    with pytest.raises(actions.ModelRefused, match="already active"):
        actions.activate_model(OPERATOR, version)
    assert _events(Event.MODEL_ACTIVATED) == 1


def test_the_database_holds_at_most_one_active_version(trained_version: Any) -> None:
    version = actions.calibrate_model(OPERATOR, trained_version, probes=200)
    actions.activate_model(OPERATOR, version)
    other = actions.store_trained(OPERATOR, model_lifecycle.Trained(version.model(), 1, 1, "copy"))
    with pytest.raises(IntegrityError), transaction.atomic():
        MatchModelVersion.objects.filter(pk=other.pk).update(status=ModelStatus.ACTIVE)
    other.refresh_from_db()
    assert other.status == ModelStatus.TRAINED


def test_versions_are_written_only_by_audited_actions(trained_version: Any) -> None:
    trained_version.sample_description = "changed"
    with pytest.raises(MissingActorError):
        trained_version.save()
    trained_version.refresh_from_db()
    assert trained_version.sample_description != "changed"


def test_decisions_join_the_calibration(trained_version: Any, model_store: Any) -> None:
    from access.records.engine import stored_record
    from access.records.models import PersonRecord

    person = PersonRecord.objects.exclude(synthetic_person_id="").first()
    assert person is not None
    query = stored_record(person)
    model_lifecycle.register_decisions(
        "test", lambda: [model_lifecycle.Decision(query, person.pk, True)]
    )
    try:
        version = actions.calibrate_model(OPERATOR, trained_version, probes=100)
    finally:
        model_lifecycle._decision_sources.pop("test")
    assert version.calibration_pairs[model_lifecycle.DECISIONS] == 1
    assert version.evaluation[model_lifecycle.DECISIONS] == 1
