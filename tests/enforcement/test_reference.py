"""The seeded offense categories and priority rules (effective-dated configuration)."""

from __future__ import annotations

from datetime import date

import pytest

from access.enforcement.models import OffenseCategory, PriorityRule

ON = date(2026, 6, 1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "category"),
    [("1313", "assault"), ("5499", "traffic"), ("0999", "homicide"), ("3562", "dangerous_drugs")],
)
def test_a_code_falls_in_its_category(code: str, category: str) -> None:
    found = OffenseCategory.for_code(code, ON)
    assert found is not None
    assert found.code == category


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["0000", "8888", "13", "ABCD", ""])
def test_a_code_outside_every_range_is_unknown(code: str) -> None:
    assert OffenseCategory.for_code(code, ON) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "severity", "level"),
    [
        ("0999", "felony", "1"),  # homicide: any severity
        ("1313", "felony", "1"),  # assault, felony
        ("1313", "misdemeanor", "3"),  # assault, misdemeanor: the default
        ("3599", "felony", "1"),  # major drug offense
        ("3562", "misdemeanor", "2"),  # minor drug offense
        ("2399", "misdemeanor", "2"),  # larceny: property
        ("5499", "infraction", "3"),  # traffic
    ],
)
def test_the_most_specific_rule_gives_the_level(code: str, severity: str, level: str) -> None:
    rule = PriorityRule.for_charge(OffenseCategory.for_code(code, ON), severity, ON)
    assert rule is not None
    assert rule.level == level


@pytest.mark.django_db
def test_no_rule_before_the_rules_took_effect() -> None:
    before = date(2009, 6, 30)
    assert (
        PriorityRule.for_charge(OffenseCategory.for_code("0999", before), "felony", before) is None
    )


@pytest.mark.django_db
def test_a_later_rule_replaces_the_earlier_one_from_its_date() -> None:
    traffic = OffenseCategory.for_code("5404", ON)
    PriorityRule.objects.create(
        offense_category=traffic, severity="felony", level="2", effective_from=date(2026, 7, 1)
    )
    assert PriorityRule.for_charge(traffic, "felony", ON).level == "3"  # type: ignore[union-attr]
    later = date(2026, 7, 1)
    assert PriorityRule.for_charge(traffic, "felony", later).level == "2"  # type: ignore[union-attr]
