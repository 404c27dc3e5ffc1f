"""``access bench inquiries`` set-up: the payloads it posts and the database it refuses."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from access.audit.models import AuditEvent
from access.benchmarks.inquiries import bench
from access.inquiries.message import check
from access.records import search
from access.records.models import PersonRecord


def test_payloads_are_valid_inquiries_of_present_and_absent_people(population):
    bodies, mix = bench.payloads(population, 200, 0)
    assert len(bodies) == mix["present"] + mix["absent"] == 200 - mix["unusable"]
    assert mix["present"] > mix["absent"] > 0
    for body in bodies:
        data = check({**body, "ori": bench.ORI})
        assert data.has_identifier or (data.family_name and data.date_of_birth)
        assert all(ord(c) < 128 for c in data.family_name + data.given_name)


@pytest.mark.django_db
def test_the_benchmark_refuses_a_database_not_named_for_benchmarks():
    with pytest.raises(CommandError, match="contains 'bench'"):
        call_command("bench", "inquiries", "--records", "1000", "--seconds", "1")
    assert PersonRecord.objects.count() == 0


def test_the_benchmark_publishes_the_online_store_once_and_can_go_without(store, tmp_path):
    said: list[str] = []
    first = bench.prepare_online_store(tmp_path, True, said.append)["online_store"]
    assert (
        first["served"]
        and first["published_now"]
        and first["records"] == len(PersonRecord.objects.all())
    )
    assert search.searcher().online_store() is not None
    again = bench.prepare_online_store(tmp_path, True, said.append)["online_store"]
    assert not again["published_now"] and again["version"] == first["version"]
    assert said.count("publishing the online store") == 1
    assert AuditEvent.objects.filter(action="records.online_published").count() == 1
    assert bench.prepare_online_store(tmp_path, False, said.append) == {
        "online_store": {"served": False}
    }
    search.reset()
    assert search.searcher().online_store() is None  # the workers would read the database index
