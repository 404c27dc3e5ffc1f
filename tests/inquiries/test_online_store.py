"""Inquiries on the published online store answer as the database index does."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from tests.inquiries.conftest import LOADER
from tests.inquiries.test_engine_db import _inquiry_for

from access.audit.models import AuditEvent
from access.inquiries import engine
from access.matching import online as online_files
from access.records import online, search
from access.records.actions import load_table, reindex
from access.records.models import CandidateKey, FeatureRow, PersonRecord
from access.records.synthetic import generate


def _answers(data):
    found, note = engine.search(data)
    assert note == ""
    return [(f.record_pk, f.band, f.probability, f.match_weight, f.explanation) for f in found]


def _inquiries(n=40):
    people = PersonRecord.objects.order_by("pk").prefetch_related("birth_dates", "identifiers")
    out = [d for p in people[::3] if (d := _inquiry_for(p)) is not None]
    return out[:n]


def test_the_online_store_answers_as_the_database_index(store):
    inquiries = _inquiries()
    assert len(inquiries) >= 20
    from_database = [_answers(d) for d in inquiries]
    assert search.searcher().online_store() is None
    manifest = online.publish(LOADER)
    assert manifest["records"] == FeatureRow.objects.count() > 0
    assert search.searcher().online_store() is not None
    assert [_answers(d) for d in inquiries] == from_database
    assert sum(len(a) for a in from_database) >= 20
    event = AuditEvent.objects.get(action="records.online_published")
    assert event.details["records"] == manifest["records"]
    assert event.details["version"] == manifest["version"]


def test_records_loaded_after_publishing_come_from_the_database(store):
    online.publish(LOADER)
    mark = search.searcher().online_store().max_record_id
    later = generate(40, 99).records
    ids = pa.array([f"LATER-{v}" for v in later.column("record_id").to_pylist()])
    later = later.set_column(later.schema.get_field_index("record_id"), "record_id", ids)
    load_table(LOADER, later, source_name="later population")
    later = PersonRecord.objects.filter(pk__gt=mark).order_by("pk")
    data = next(d for p in later if (d := _inquiry_for(p)) is not None)
    with_store = _answers(data)
    assert (
        search.searcher().online_store() is not None
    )  # still served: it describes every record up to mark
    assert with_store and with_store[0][0] > mark
    online.withdraw(LOADER)
    assert _answers(data) == with_store
    assert online.status()["published"] is False


def test_a_reindex_withdraws_the_store_on_this_host(store):
    online.publish(LOADER)
    pointer = online.root() / online_files.CURRENT
    assert search.searcher().online_store() is not None
    report = reindex(LOADER)
    assert not pointer.exists()
    assert AuditEvent.objects.get(action="records.reindexed").details["online_store_withdrawn"]
    assert search.searcher().online_store() is None
    assert online.status()["published"] is False
    assert report.records == PersonRecord.objects.count()


def test_a_reindex_on_another_host_stops_a_worker_that_has_the_store_open(
    store, monkeypatch, caplog
):
    online.publish(LOADER)
    assert search.searcher().online_store() is not None  # mapped and checked: cached in this worker
    # the reindex runs elsewhere: this host's pointer stays
    monkeypatch.setattr(online_files, "withdraw", lambda root: False)
    reindex(LOADER)
    assert online_files.current(online.root()) is not None
    assert search.searcher().online_store() is None  # at the next inquiry, without reopening
    assert "reindexed" in caplog.text
    assert online.status()["served"] is False
    data = _inquiries(1)[0]
    found, note = engine.search(data)  # answered from the database index
    assert note == "" and found


def test_a_store_missing_records_is_not_served(store):
    online.publish(LOADER)
    directory = online_files.current(online.root())
    manifest = json.loads((directory / online_files.MANIFEST).read_text())
    # as if a record below its highest id had been committed after the store was read
    manifest["stamp"]["records"] -= 1
    (directory / online_files.MANIFEST).write_text(json.dumps(manifest))
    assert search.searcher().online_store() is None
    assert "the database holds" in online.status()["why"]


def test_a_store_published_from_another_database_is_not_served(store):
    """A recreated database can hold as many records under the same ids: the stamp names the
    load event, hash-chained, which the other database does not have."""
    online.publish(LOADER)
    directory = online_files.current(online.root())
    manifest = json.loads((directory / online_files.MANIFEST).read_text())
    assert manifest["stamp"]["index_event"]["id"] > 0
    manifest["stamp"]["index_event"]["hash"] = "0" * 64
    (directory / online_files.MANIFEST).write_text(json.dumps(manifest))
    assert search.searcher().online_store() is None
    assert "another database" in online.status()["why"]


def test_the_publish_command(store, capsys):
    call_command("records", "publish")
    out = capsys.readouterr().out
    assert "Published" in out and f"{FeatureRow.objects.count():,} records" in out
    call_command("records", "publish", "--status")
    status = json.loads(capsys.readouterr().out)
    assert status["served"] is True and status["records_loaded_since"] == 0
    call_command("records", "publish", "--withdraw")
    assert "Withdrawn" in capsys.readouterr().out
    assert AuditEvent.objects.filter(action="records.online_withdrawn").count() == 1
    with pytest.raises(CommandError, match="no online store is published"):
        call_command("records", "publish", "--withdraw")
    assert AuditEvent.objects.filter(action="records.online_withdrawn").count() == 1


def test_posting_caps_count_the_records_on_both_sides_of_the_store(store, population):
    """Records loaded after publishing add to a key's count: the store and the database part
    together skip exactly the keys that one search of the database index skips."""
    copies = population.records.slice(0, 5)
    first = PersonRecord.objects.get(record_id=copies.column("record_id")[0].as_py())
    keys = set(first.candidate_keys.values_list("key", flat=True))
    counts = {
        k["key"]: k["n"]
        for k in CandidateKey.objects.filter(key__in=keys).values("key").annotate(n=Count("record"))
    }
    cap = max(counts.values())
    assert cap >= 2
    online.publish(LOADER, max_postings=cap)
    mapped = search.searcher().online_store()
    assert mapped is not None

    def both_parts(query_keys: set[str]) -> list[int]:
        rows, fetched = search.MergedSource(mapped).parts(query_keys)
        return sorted([int(mapped.record_ids[r]) for r in rows] + [pk for pk, _ in fetched])

    assert both_parts(keys) == [pk for pk, _ in search.DatabaseSource().rows(keys, cap=cap)]
    ids = pa.array([f"COPY-{v}" for v in copies.column("record_id").to_pylist()])
    copies = copies.set_column(copies.schema.get_field_index("record_id"), "record_id", ids)
    load_table(LOADER, copies, source_name="copies")
    assert (
        search.searcher().online_store() is mapped
    )  # still served: records loaded since are allowed
    want = [pk for pk, _ in search.DatabaseSource().rows(keys, cap=cap)]
    full = [k for k, n in counts.items() if n == cap]
    assert both_parts(keys) == want
    assert (
        both_parts(set(full))
        == []
        == [pk for pk, _ in search.DatabaseSource().rows(set(full), cap=cap)]
    )
    assert any(pk > mapped.max_record_id for pk in want)


def test_an_empty_store_publishes_and_serves_nothing(db):
    manifest = online.publish(LOADER)
    assert (manifest["records"], manifest["keys"], manifest["postings"]) == (0, 0, 0)
    assert online.status()["served"] is True
    mapped = search.searcher().online_store()
    assert mapped is not None and len(mapped) == 0
    assert mapped.candidates({"nm:anything"}).size == 0


def _ranked(answer: search.Answer) -> list[tuple]:
    assert answer.note == ""
    return [
        (c.record_id, c.band, c.match_probability, c.match_weight, c.explanation)
        for c in answer.candidates
    ]


def test_every_source_of_the_front_door_answers_alike(store):
    """The database, the online store alone and both merged give the same answer (the
    ``Searcher`` with a fixed source, as CAP or enforcement could pin one)."""
    queries = [engine.inquiry_record(d) for d in _inquiries(20)]
    from_database = [_ranked(search.Searcher(search.DatabaseSource()).search(q)) for q in queries]
    assert sum(len(a) for a in from_database) >= 20
    online.publish(LOADER)
    mapped = search.searcher().online_store()
    assert mapped is not None
    for source in (search.OnlineStoreSource(mapped), search.MergedSource(mapped)):
        assert [_ranked(search.Searcher(source).search(q)) for q in queries] == from_database
    assert [_ranked(search.search(q)) for q in queries] == from_database
