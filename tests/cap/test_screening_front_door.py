"""The records front door's batch side: the online-store path answers as one search per
person does, and the per-record path is used whenever the store does not hold every record."""

# The fixtures come from tests.cap.screening_support (imported: the CAP parts keep no shared
# conftest), so each test's arguments shadow the imported names.
# ruff: noqa: F811

from __future__ import annotations

import pyarrow as pa
import pytest
from tests.cap.screening_support import _engine, model_file, population, store  # noqa: F401
from tests.inquiries.conftest import LOADER
from tests.inquiries.test_engine_db import _inquiry_for

from access.inquiries import engine
from access.records import online, screening, search
from access.records.actions import load_table
from access.records.models import PersonRecord
from access.records.synthetic import generate

pytestmark = pytest.mark.django_db


def _queries(n: int = 60):
    people = PersonRecord.objects.order_by("pk").prefetch_related("birth_dates", "identifiers")
    out = []
    for i, person in enumerate(people[::2]):
        data = _inquiry_for(person)
        if data is not None:
            out.append(engine.inquiry_record(data, record_id=f"q{i}"))
    return out[:n]


def _plain(answer: dict) -> dict:
    return {
        key: [
            (c.record_id, c.band, round(c.match_probability, 9), round(c.match_weight, 6),
             engine.explanation_json(c.explanation))
            for c in found
        ]
        for key, found in answer.items()
    }  # fmt: skip


def test_the_online_store_path_answers_as_one_search_per_person(store):
    queries = _queries()
    assert len(queries) >= 40
    per_record = screening.screen(queries, limit=3)
    assert per_record.path == screening.PER_RECORD and per_record.note == ""
    online.publish(LOADER)
    search.reset()
    batch = screening.screen(queries, limit=3)
    assert batch.path == screening.ONLINE_STORE and batch.note == ""
    assert _plain(batch.candidates) == _plain(per_record.candidates)
    assert sum(len(v) for v in batch.candidates.values()) >= 40
    for query in queries[:10]:
        alone = search.search(query, limit=3)
        assert _plain({"q": alone.candidates}) == _plain({"q": batch.candidates[query.record_id]})


def test_every_query_has_an_answer_even_with_no_candidate(store):
    online.publish(LOADER)
    search.reset()
    from access.matching.schema import Record

    nobody = Record(record_id="nobody", given_name="QWERTINA", family_names=("ZZYZX",),
                    dates_of_birth=("1901-01-01",))  # fmt: skip
    answer = screening.screen([nobody, *_queries(3)], limit=3)
    assert answer.path == screening.ONLINE_STORE
    assert answer.candidates["nobody"] == []
    assert len(answer.candidates) == 4


def test_records_loaded_since_publishing_send_screening_through_the_per_record_path(store):
    online.publish(LOADER)
    later = generate(30, 77).records
    ids = pa.array([f"LATER-{v}" for v in later.column("record_id").to_pylist()])
    later = later.set_column(later.schema.get_field_index("record_id"), "record_id", ids)
    load_table(LOADER, later, source_name="later population")
    search.reset()
    queries = _queries(10)
    answer = screening.screen(queries, limit=3)
    assert answer.path == screening.PER_RECORD
    assert _plain(answer.candidates) == _plain(
        {q.record_id: search.search(q, limit=3).candidates for q in queries}
    )


def test_no_model_is_a_note_not_an_answer(db, population):
    load_table(LOADER, population.records, source_name="test population")
    search.reset()
    answer = screening.screen(_queries(3), limit=3)
    assert answer.note == search.NO_MODEL_NOTE
    assert answer.candidates == {}
