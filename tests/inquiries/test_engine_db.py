"""The inquiry engine on the database index answers as the in-memory ``Matcher`` does."""

from __future__ import annotations

import pytest
from django.db.models import Count
from tests.inquiries.conftest import BASE

from access.inquiries import engine
from access.inquiries.message import check
from access.matching import keys
from access.matching import model as trained_model
from access.matching.keys import KeyIndex, query_keys
from access.matching.search import Matcher
from access.matching.store import Store
from access.records import model_lifecycle, search
from access.records.engine import stored_record
from access.records.models import CandidateKey, FeatureRow, PersonRecord
from access.records.synthetic import probes, records_from_table


@pytest.fixture
def memory(store, model_file) -> tuple[Matcher, dict[str, int]]:
    """The in-memory reference: every stored record, in store (pk) order, same model."""
    people = list(
        PersonRecord.objects.order_by("pk").prefetch_related(
            "birth_dates", "identifiers", "addresses"
        )
    )
    matcher = Matcher(
        trained_model.Model.load(model_file),
        Store.build([stored_record(p) for p in people]),
    )
    return matcher, {p.record_id: p.pk for p in people}


def _queries(population, n=60):
    table = probes(population, n, 5, absent_share=0.25)
    table = table.rename_columns(["record_id", *table.schema.names[1:]])
    return [record for record, _row in records_from_table(table)]


def _as_tuples(found):
    return [
        (c.record_id, c.band, round(c.match_probability, 9), round(c.match_weight, 9))
        for c in found
    ]


def test_db_candidates_and_bands_equal_the_in_memory_matcher(memory, population):
    reference, pks = memory
    current = search.searcher().scorer()
    assert current is not None
    bands, compared = set(), 0
    for query in _queries(population):
        rows = search.DatabaseSource().rows(query_keys(query))
        expected_rows = reference.candidate_rows(query)
        assert [pk for pk, _ in rows] == [
            pks[reference.store.rows[i]["unique_id"]] for i in expected_rows
        ]
        assert [row for _, row in rows] == [reference.store.rows[i] for i in expected_rows]
        db = current.search(query, [row for _, row in rows], limit=10)
        mem = reference.search(query, limit=10)
        assert _as_tuples(db) == _as_tuples(mem)
        assert [c.explanation for c in db] == [c.explanation for c in mem]
        bands.update(c.band for c in db)
        compared += len(db)
    assert compared > 50 and {"probable", "possible"} <= bands


def _inquiry_for(person: PersonRecord):
    """The person's name, full date of birth and A-number as an inquiry (``None`` when the
    record cannot be written as one, e.g. non-ASCII names)."""
    dob = person.birth_dates.filter(day__isnull=False).first()
    a_number = person.identifiers.filter(kind="a_number").first()
    if dob is None or a_number is None or not person.given_name or not person.family_names:
        return None
    try:
        return check(
            {
                **BASE,
                "family_name": " ".join(person.family_names),
                "given_name": person.given_name,
                "date_of_birth": f"{dob.year:04d}-{dob.month:02d}-{dob.day:02d}",
                "a_number": a_number.value,
            }
        )
    except ValueError:
        return None


def test_search_through_the_inquiry_api_matches_the_reference(memory):
    reference, pks = memory
    person, data = next(
        (p, d) for p in PersonRecord.objects.order_by("pk") if (d := _inquiry_for(p)) is not None
    )
    found, note = engine.search(data)
    expected = reference.search(engine.inquiry_record(data), limit=10)
    assert note == "" and found
    assert [(f.record_pk, f.band) for f in found] == [(pks[c.record_id], c.band) for c in expected]
    assert found[0].record_pk == person.pk
    assert found[0].explanation == engine.explanation_json(expected[0].explanation)


def test_keys_held_by_more_records_than_the_cap_are_skipped(store):
    common = (
        CandidateKey.objects.values("key")
        .annotate(n=Count("record"))
        .filter(n__gte=3)
        .order_by("-n", "key")
        .first()
    )
    assert common is not None
    key, n = common["key"], common["n"]
    holders = sorted(CandidateKey.objects.filter(key=key).values_list("record_id", flat=True))
    assert [pk for pk, _ in search.DatabaseSource().rows({key}, cap=n)] == holders
    assert search.DatabaseSource().rows({key}, cap=n - 1) == []
    # Another key still answers beside the skipped one, as in the in-memory index.
    rare = CandidateKey.objects.exclude(record_id__in=holders).values_list("key", flat=True)[0]
    rare_holders = set(CandidateKey.objects.filter(key=rare).values_list("record_id", flat=True))
    assert {pk for pk, _ in search.DatabaseSource().rows({key, rare}, cap=n - 1)} == rare_holders
    index = KeyIndex(max_postings=n - 1)
    for pk, k in CandidateKey.objects.values_list("record_id", "key"):
        index.add(pk, [k])
    assert index.candidates({key, rare}) == rare_holders


def test_an_empty_index_says_so(store, model_file):
    FeatureRow.objects.all().delete()
    CandidateKey.objects.all().delete()
    found, note = engine.search(check({**BASE, "a_number": "A12345678"}))
    assert found == [] and "reindex" in note


def test_the_model_trains_on_a_bounded_sample_of_stored_rows(store):
    total = FeatureRow.objects.count()
    sample, store_size, step = model_lifecycle.sample_rows(100)
    assert 50 <= len(sample) <= 100 < total == store_size
    assert step == -(-total // 100)
    assert len({row["unique_id"] for row in sample}) == len(sample)
    ids = sorted(row["unique_id"] for row in sample)
    assert ids[0] < ids[len(ids) // 2] < ids[-1]  # spread over the store, not its first rows
    trained = model_lifecycle.train(400)
    assert trained is not None and trained.sample_size <= 400
    assert set(trained.model.tf) == {"given", "family"} and trained.model.tf["family"]


def test_long_families_are_capped_lower_in_the_database_and_in_memory(store, monkeypatch):
    monkeypatch.setattr(keys, "SHORT_CAP", 2)
    monkeypatch.setattr(search, "SHORT_CAP", 2)
    held = CandidateKey.objects.values("key").annotate(n=Count("record")).filter(n__gte=3)
    short = held.filter(key__regex=r"^(fy|pm|dn):").order_by("key").first()
    other = held.exclude(key__regex=r"^(fy|pm|dn):").order_by("key").first()
    assert short is not None and other is not None
    assert search.DatabaseSource().rows({short["key"]}) == []
    assert len(search.DatabaseSource().rows({other["key"]})) == other["n"]
    index = KeyIndex()
    for pk, k in CandidateKey.objects.values_list("record_id", "key"):
        index.add(pk, [k])
    assert index.candidates([short["key"]]) == set()
    assert len(index.candidates([other["key"]])) == other["n"]
