"""The rename rules: real renames from ICE's lists match, neighbouring agencies do not."""

from __future__ import annotations

import pytest

from access.agencies.publiclist.ice287g import agency_key
from access.agencies.publiclist.ice287g.names import name_score, same_place, same_state

RENAMES = [
    ("Indialantic Police Department", "Indiatlantic Police Department", "FLORIDA", (), True),
    ("City of Melbourne Police Department", "Melbourne Police Department", "FLORIDA", (), True),
    ("Lafourche County Sheriff's Office", "Lafourche Parish Sheriff's Office", "LOUISIANA", (), False),
    ("Unity Township Constable, PA", "Constable Unity Township", "PENNSYLVANIA", (), False),
    ("Louisiana State Patrol", "Louisiana State Police Department", "LOUISIANA", (), True),
    ("Escambia County Sheriff's Office", "Escambia County Board of County Commissioners",
     "FLORIDA", ("Escambia County ",), True),
    ("Okaloosa County Corrections", "Okaloosa County Board of County Commissioners",
     "FLORIDA", ("Okaloosa County ",), True),
]  # fmt: skip
DIFFERENT = [
    ("West Palm Beach Police Department", "Palm Beach Police Department", "FLORIDA", (), True),
    ("North Palm Beach Police Department", "West Palm Beach Police Department", "FLORIDA", (), True),
    ("Palm Beach Police Department", "Palm Bay Police Department", "FLORIDA", ("#N/A",), True),
    ("Dixie County Sheriff's Office", "Dade County Sheriff's Office", "FLORIDA", (), True),
    ("Florida Department of Corrections", "Florida Department of Law Enforcement", "FLORIDA",
     (), True),
    ("Escambia County Sheriff's Office", "Escambia County Board of County Commissioners",
     "FLORIDA", ("Escambia County ",), False),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "state", "counties", "dated"), RENAMES)
def test_real_renames_are_recognised(
    old: str, new: str, state: str, counties: tuple[str, ...], dated: bool
) -> None:
    assert name_score(old, new, state=state, counties=counties, dated=dated) > 0


@pytest.mark.parametrize(("old", "new", "state", "counties", "dated"), DIFFERENT)
def test_different_agencies_are_not_renames(
    old: str, new: str, state: str, counties: tuple[str, ...], dated: bool
) -> None:
    assert name_score(old, new, state=state, counties=counties, dated=dated) == 0


def test_keys_and_places_ignore_cosmetics() -> None:
    assert agency_key("FLORIDA ", "Ft. Myers Police\xa0Department") == agency_key(
        "Florida", "Fort Myers Police Department"
    )
    assert agency_key("TEXAS", "Grayson County Sheriff\u2019s Office") == agency_key(
        "TX", "grayson county sheriffs office"
    )
    assert same_place("St. Landry County", "Saint Landry County")
    assert same_place("#N/A", "Monroe County ")
    assert not same_place("Pike County ", "Erie County ")
    assert same_state("UTAHJ", "UTAH")
    assert not same_state("KANSAS", "ARKANSAS")
