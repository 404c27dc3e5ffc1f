"""The derived index of the store: feature rows written with the keys, and ``reindex``."""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.core.management import call_command
from tests.records.conftest import LOADER

from access.audit.models import AuditEvent
from access.matching.keys import keys_for
from access.matching.normalize import features
from access.records.actions import load_table, reindex
from access.records.engine import basic_keys, stored_record
from access.records.models import CandidateKey, FeatureRow, PersonRecord


def _people() -> list[PersonRecord]:
    return list(
        PersonRecord.objects.order_by("pk").prefetch_related(
            "birth_dates", "identifiers", "addresses"
        )
    )


def _keys(people, key_function) -> dict[int, set[str]]:
    """Expected index: records without any key do not appear."""
    return {p.pk: keys for p in people if (keys := key_function(stored_record(p)))}


def _index() -> dict[int, set[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    for key, record in CandidateKey.objects.values_list("key", "record_id"):
        found[record].add(key)
    return dict(found)


@pytest.mark.django_db
def test_the_loader_writes_each_records_feature_row_as_the_engine_reads_it_back(small_population):
    report = load_table(LOADER, small_population.records, source_name="test population")
    people = _people()
    rows = dict(FeatureRow.objects.values_list("record_id", "row"))
    assert report.feature_rows == len(rows) == len(people) == small_population.records.num_rows
    for person in people:
        assert rows[person.pk] == features(stored_record(person))
    assert _index() == _keys(people, keys_for)
    assert AuditEvent.objects.latest("pk").details["feature_rows"] == len(people)


@pytest.mark.django_db
def test_reindex_rebuilds_keys_and_features_after_a_rule_change(loaded):
    people = _people()
    assert _index() == _keys(people, basic_keys)
    FeatureRow.objects.filter(record__in=people[:5]).delete()  # stale or missing rows
    before = AuditEvent.objects.count()

    report = reindex(LOADER)

    expected = _keys(people, keys_for)
    assert _index() == expected
    assert report.records == len(people)
    assert report.candidate_keys == sum(len(k) for k in expected.values())
    rows = dict(FeatureRow.objects.values_list("record_id", "row"))
    assert rows == {p.pk: features(stored_record(p)) for p in people}
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("pk")
    assert event.action == "records.reindexed"
    assert event.details["key_function"] == "access.matching.keys.keys_for"
    assert event.details["records"] == len(people)


@pytest.mark.django_db
def test_reindex_takes_the_key_function_it_is_given(loaded):
    def by_id(record):
        return {f"rid:{record.record_id}"}

    reindex(LOADER, key_function=by_id)
    assert _index() == {p.pk: {f"rid:{p.record_id}"} for p in _people()}


@pytest.mark.django_db
def test_records_reindex_command(loaded, capsys):
    CandidateKey.objects.all().delete()
    call_command("records", "reindex")
    assert f"Reindexed {loaded.records} records" in capsys.readouterr().out
    assert _index() == _keys(_people(), keys_for)
    assert AuditEvent.objects.filter(action="records.reindexed").count() == 1


def _schema(table: str) -> dict[str, tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return {
        name: (tuple(c["columns"]), c["index"], c["unique"], bool(c["foreign_key"]))
        for name, c in found.items()
    }


@pytest.mark.django_db
def test_a_load_with_rebuilt_indexes_leaves_the_same_schema_and_rows(small_population):
    tables = [CandidateKey._meta.db_table, FeatureRow._meta.db_table]
    before = {t: _schema(t) for t in tables}
    assert any(columns == ("key", "record_id") for columns, *_ in before[tables[0]].values())
    report = load_table(LOADER, small_population.records, source_name="bulk", rebuild_indexes=True)
    assert {t: _schema(t) for t in tables} == before
    people = _people()
    assert report.records == len(people) == FeatureRow.objects.count()
    assert _index() == _keys(people, keys_for)


def test_copy_text_escapes_separators_and_nulls():
    import datetime as dt

    from access.records.actions import _copy_text

    rows = [("a\tb", None, 3), ("back\\slash\nline", dt.date(2020, 1, 2), 4)]
    assert _copy_text(rows) == "a\\tb\t\\N\t3\nback\\\\slash\\nline\t2020-01-02\t4\n"
    assert _copy_text([("fy:LP:1985", 7), ("id:a_number:012345678", 8)], plain=True) == (
        "fy:LP:1985\t7\nid:a_number:012345678\t8\n"
    )
    # A "plain" row that is not plain after all is escaped rather than corrupting the COPY.
    assert _copy_text([("x\ty", 1)], plain=True) == "x\\ty\t1\n"
