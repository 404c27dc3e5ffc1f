"""With no active matching model an inquiry is stored and queued with a note, and nothing is
trained inside the request; the job trains, calibrates and activates a first version, then
searches and routes the inquiries that waited."""

from __future__ import annotations

from typing import Any

import pytest
from tests.inquiries.conftest import LOADER, form_fields, subject_of

from access.audit.models import AuditEvent
from access.core.actors import SystemActor
from access.inquiries import engine, tasks
from access.inquiries.models import Inquiry
from access.records import model_lifecycle, search
from access.records.actions import load_table
from access.records.choices import ModelStatus
from access.records.models import MatchModelVersion, PersonRecord


@pytest.fixture
def unmodelled_store(db: Any, population: Any) -> None:
    """The synthetic population stored, and no model: none active, none pinned."""
    load_table(LOADER, population.records, source_name="test population")


def _subject() -> dict[str, str]:
    for record in PersonRecord.objects.filter(source="immigration").order_by("pk"):
        full_date = record.birth_dates.filter(day__isnull=False).exists()
        if record.given_name and record.family_names and full_date:
            return subject_of(record)
    raise AssertionError("no subject with a full date of birth")


def _submit(client_as: Any, agency_a: Any, subject: dict[str, str]) -> Inquiry:
    response = client_as("agency_officer", agency_a).post("/inquiries/new/", form_fields(**subject))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Inquiry.objects.latest("pk")


def test_a_request_with_no_model_queues_the_inquiry_and_trains_nothing(
    unmodelled_store: Any,
    client_as: Any,
    agency_a: Any,
    monkeypatch: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("trained inside the request")

    monkeypatch.setattr(model_lifecycle, "train", refuse)
    subject = _subject()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        inquiry = _submit(client_as, agency_a, subject)
    assert not MatchModelVersion.objects.exists()
    assert inquiry.status == "received"
    assert inquiry.search_note == engine.NO_MODEL_NOTE
    assert "No active matching model yet" in inquiry.search_note
    assert not inquiry.candidates.exists()
    assert callbacks == [tasks.request_matching_model]  # the job, after the commit only
    submitted = AuditEvent.objects.get(action="inquiry.submitted")
    assert submitted.details["status"] == "received" and submitted.details["candidates"] == 0


def test_the_job_prepares_a_model_and_searches_the_waiting_inquiries(
    unmodelled_store: Any,
    client_as: Any,
    agency_a: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        inquiry = _submit(client_as, agency_a, _subject())
    result = tasks.prepare_matching_model.call()
    version = MatchModelVersion.objects.get()
    assert version.status == ModelStatus.ACTIVE and version.calibration
    assert version.activated_by_name == "system: scheduled job: first matching model"
    assert result == {"version": version.version, "searched": [inquiry.pk]}
    inquiry.refresh_from_db()
    assert inquiry.status in ("awaiting_analyst", "citizenship_stop")
    assert inquiry.search_note == ""
    assert inquiry.candidates.exists()
    searched = AuditEvent.objects.get(action="inquiry.searched")
    assert searched.details["candidates"] == inquiry.candidates.count()
    # The next inquiry is searched at once with the active version's thresholds.
    current = search.searcher().scorer()
    assert current is not None and current.model.thresholds == version.thresholds
    again = tasks.prepare_matching_model.call()
    assert again == {"version": version.version, "searched": []}
    assert MatchModelVersion.objects.count() == 1


def test_the_job_without_labels_leaves_the_inquiries_queued(
    unmodelled_store: Any,
    client_as: Any,
    agency_a: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        inquiry = _submit(client_as, agency_a, _subject())
    PersonRecord.objects.update(synthetic_person_id="")  # a store without ground truth
    result = tasks.prepare_matching_model.call()
    assert result["version"] is None and "true and false pairs" in result["error"]
    assert not MatchModelVersion.objects.filter(status=ModelStatus.ACTIVE).exists()
    inquiry.refresh_from_db()
    assert inquiry.status == "received" and inquiry.search_note == engine.NO_MODEL_NOTE


def test_activating_a_version_by_hand_searches_the_waiting_inquiries(
    unmodelled_store: Any,
    client_as: Any,
    agency_a: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """`access matching activate` (or the model card) picks up what waited for a model: the
    activation's commit queues the job, which trains nothing and searches the inquiry."""
    from django.core.management import call_command

    from access.records.actions import calibrate_model, train_model

    operator = SystemActor("test operator")

    with django_capture_on_commit_callbacks(execute=False):
        inquiry = _submit(client_as, agency_a, _subject())
    version = calibrate_model(operator, train_model(operator))
    assert MatchModelVersion.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("matching", "activate", version.version)
    assert len(callbacks) >= 1
    version.refresh_from_db()
    assert version.status == ModelStatus.ACTIVE
    assert MatchModelVersion.objects.count() == 1  # the job trained nothing more
    inquiry.refresh_from_db()
    assert inquiry.status in ("awaiting_analyst", "citizenship_stop")
    assert inquiry.search_note == "" and inquiry.candidates.exists()


def test_an_activation_with_nothing_waiting_queues_no_job(db: Any, monkeypatch: Any) -> None:
    queued: list[str] = []
    monkeypatch.setattr(tasks, "request_matching_model", lambda: queued.append("job"))
    tasks.search_waiting_after_activation(sender=MatchModelVersion, version=None)
    assert queued == []
