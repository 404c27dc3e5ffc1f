"""Fixtures: a trained model (once per session), a small synthetic store, inquiry payloads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from access.core.actors import SystemActor
from access.inquiries import engine
from access.inquiries.message import InquiryData
from access.matching import model as trained_model
from access.matching.store import Store
from access.records import search
from access.records.actions import load_table
from access.records.models import PersonRecord
from access.records.synthetic import generate
from access.records.synthetic.io import records_from_table

LOADER = SystemActor("test loader")


@pytest.fixture(scope="session")
def population():
    return generate(300, 11)


@pytest.fixture(scope="session")
def model_file(population, tmp_path_factory) -> Path:
    """One model trained on the synthetic population (about 3 s), shared by the session."""
    records = [record for record, _ in records_from_table(population.records)]
    path = tmp_path_factory.mktemp("model") / "inquiries-model.json"
    trained_model.train(Store.build(records).table()).save(path)
    return path


@pytest.fixture(autouse=True)
def _engine(settings: Any, tmp_path: Path) -> Any:
    """Each test starts with a cold matcher and a model path of its own (none by default)."""
    settings.INQUIRIES_MODEL_PATH = tmp_path / "no-model.json"
    settings.ONLINE_STORE_DIR = tmp_path / "online-store"
    search.reset()
    yield
    search.reset()


@pytest.fixture
def store(db: Any, population, model_file: Path, settings: Any) -> None:
    """The synthetic population in the records store (the engine's keys and feature rows, as
    production loads them), searched with the shared model."""
    load_table(LOADER, population.records, source_name="test population")
    settings.INQUIRIES_MODEL_PATH = model_file
    search.reset()


def subject_of(record: PersonRecord, **extra: Any) -> dict[str, str]:
    """Form fields that name the person of a stored record (name and date of birth)."""
    dob = record.birth_dates.filter(day__isnull=False).first()
    assert dob is not None
    return {
        "family_name": " ".join(record.family_names),
        "given_name": record.given_name,
        "date_of_birth": f"{dob.year:04d}-{dob.month:02d}-{dob.day:02d}",
        **extra,
    }


def pick_subject(*, citizen: bool) -> dict[str, str]:
    """A stored person whose search finds a probable candidate and, unless ``citizen``, no
    candidate indicating U.S. citizenship (citizen: the top candidate indicates it)."""
    from access.inquiries.message import check

    for record in PersonRecord.objects.filter(source="immigration").order_by("pk"):
        if not record.birth_dates.filter(day__isnull=False).exists():
            continue
        if not record.given_name or not record.family_names:
            continue
        fields = subject_of(record)
        try:
            data = check({**BASE, **fields})
        except ValueError:
            continue
        found, _ = engine.search(data)
        if not found or found[0].band != "probable":
            continue
        indicators = [
            engine.citizenship_indicator(PersonRecord.objects.get(pk=f.record_pk)) for f in found
        ]
        if citizen and indicators[0]:
            return fields
        if not citizen and not any(indicators):
            return fields
    raise AssertionError("no suitable subject in the synthetic store")


BASE = {
    "ori": "FL0000001",
    "purpose_code": "C",
    "reason": "Traffic stop, no licence",
    "case_number": "24-00123",
    "attention": "DET R MILLER",
    "phone": "555-010-0199",
}


def form_fields(**subject: Any) -> dict[str, Any]:
    base = {k: v for k, v in BASE.items() if k != "ori"}
    return {**base, "offense_code": "0399", **subject}


def inquiry_data(**overrides: Any) -> InquiryData:
    values = {
        **BASE,
        "family_name": "GARCIA LOPEZ",
        "given_name": "JOSE",
        "middle_name": "LUIS",
        "date_of_birth": "1985-03-14",
        **overrides,
    }
    return InquiryData(**values)
