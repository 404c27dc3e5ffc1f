"""``access bench inquiries`` set-up: the payloads it posts and the database it refuses."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from access.inquiries.loadtest import bench
from access.inquiries.message import check
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
