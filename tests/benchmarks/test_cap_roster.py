"""The CAP benchmark's roster is one a jail could send: every row passes the roster check
(a booking desk always records names and a full date of birth)."""

from __future__ import annotations

from access.benchmarks.cap import MAPPING, roster_csv
from access.cap import rosters
from access.records.synthetic import generate


def test_the_benchmark_roster_passes_the_roster_check_whole() -> None:
    population = generate(3000, seed=4)
    data = roster_csv(population, 400, seed=1)
    table = rosters.read_table(data)
    parsed, errors = rosters.validate(table, MAPPING)
    assert errors == []
    assert len(parsed) == 400
    assert len({b.booking_number for b in parsed}) == 400
    assert all(b.family_name and b.given_name and b.date_of_birth for b in parsed)
