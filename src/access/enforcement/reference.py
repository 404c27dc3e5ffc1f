"""Seed reference data: NCIC offense categories and the priority rules (effective-dated).

Offense categories. No maintained, machine-readable list of NCIC uniform offense codes is
available to this project offline (the NCIC Code Manual is distributed to CJIS agencies, not
as an open data set), so individual codes are NOT seeded. What is seeded is the manual's
category structure: each category is a range of four-digit codes (for example 1300-1399
assault), the structure the Nlets IAQ ``OFF`` field and the synthetic bookings use. A code is
accepted when it falls in a category in effect on the encounter's date; a code outside every
range is refused as unknown. When a maintained list becomes available, a data migration adds
it as a new table; the categories stay as the level the priority rules use.

Priority rules follow the priority levels of the standard 287(g) MOA (2009 revision, the
agreements app's clause ``PRIORITY_LEVELS``): level 1 for violent offenses, major drug
offenses and threats to national security; level 2 for minor drug offenses and mainly
property offenses; level 3 for everything else. A change is a new row with a later
``effective_from`` (and the old row closed), added by a data migration that calls ``seed``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

CATEGORIES_FROM = date(2000, 1, 1)
MOA_2009 = date(2009, 7, 1)

# (code, name, first code, last code)
CATEGORIES: list[tuple[str, str, str, str]] = [
    ("sovereignty", "Sovereignty (treason, espionage, sabotage)", "0100", "0199"),
    ("military", "Military offenses", "0200", "0299"),
    ("immigration", "Immigration offenses", "0300", "0399"),
    ("homicide", "Homicide", "0900", "0999"),
    ("kidnapping", "Kidnapping", "1000", "1099"),
    ("sexual_assault", "Sexual assault", "1100", "1199"),
    ("robbery", "Robbery", "1200", "1299"),
    ("assault", "Assault", "1300", "1399"),
    ("abortion", "Abortion offenses", "1400", "1499"),
    ("threats", "Threats", "1600", "1699"),
    ("arson", "Arson", "2000", "2099"),
    ("extortion", "Extortion", "2100", "2199"),
    ("burglary", "Burglary", "2200", "2299"),
    ("larceny", "Larceny", "2300", "2399"),
    ("stolen_vehicle", "Stolen vehicle", "2400", "2499"),
    ("forgery", "Forgery and counterfeiting", "2500", "2599"),
    ("fraud", "Fraudulent activities", "2600", "2699"),
    ("embezzlement", "Embezzlement", "2700", "2799"),
    ("stolen_property", "Stolen property", "2800", "2899"),
    ("property_damage", "Damage to property", "2900", "2999"),
    ("dangerous_drugs", "Dangerous drugs", "3500", "3599"),
    ("sex_offenses", "Sex offenses", "3600", "3699"),
    ("obscenity", "Obscenity", "3700", "3799"),
    ("family_offenses", "Family offenses", "3800", "3899"),
    ("gambling", "Gambling", "3900", "3999"),
    ("commercial_sex", "Commercialized sex offenses", "4000", "4099"),
    ("liquor", "Liquor offenses", "4100", "4199"),
    ("obstructing_police", "Obstructing the police", "4800", "4899"),
    ("flight_escape", "Flight and escape", "4900", "4999"),
    ("obstructing_justice", "Obstructing the judiciary or government", "5000", "5099"),
    ("bribery", "Bribery", "5100", "5199"),
    ("weapons", "Weapon offenses", "5200", "5299"),
    ("public_peace", "Public peace offenses", "5300", "5399"),
    ("traffic", "Traffic offenses", "5400", "5499"),
    ("health_safety", "Health and safety offenses", "5500", "5599"),
    ("civil_rights", "Civil rights offenses", "5600", "5699"),
    ("privacy", "Invasion of privacy", "5700", "5799"),
    ("smuggling", "Smuggling", "5800", "5899"),
    ("election", "Election law offenses", "5900", "5999"),
    ("antitrust", "Antitrust offenses", "6000", "6099"),
    ("tax", "Tax and revenue offenses", "6100", "6199"),
    ("conservation", "Conservation offenses", "6200", "6299"),
    ("crimes_person", "Crimes against the person (state codes)", "7000", "7099"),
    ("crimes_property", "Crimes against property (state codes)", "7100", "7199"),
    ("morals", "Morals and decency crimes (state codes)", "7200", "7299"),
    ("public_order", "Public order crimes (state codes)", "7300", "7399"),
]

SOURCE = "Standard 287(g) MOA priority levels (2009 revision)"
# (category code or "", severity or "", level): the most specific rule wins.
PRIORITY_RULES: list[tuple[str, str, str]] = [
    ("", "", "3"),
    *[
        (code, "", "1")
        for code in ("sovereignty", "homicide", "kidnapping", "sexual_assault", "robbery")
    ],
    ("assault", "felony", "1"),
    ("arson", "felony", "1"),
    ("dangerous_drugs", "felony", "1"),
    ("dangerous_drugs", "", "2"),
    *[
        (code, "", "2")
        for code in (
            "burglary",
            "larceny",
            "stolen_vehicle",
            "forgery",
            "fraud",
            "embezzlement",
            "stolen_property",
        )
    ],
]


def seed(apps: Any, schema_editor: Any) -> None:
    """Data-migration step (idempotent, historical models)."""
    category_model = apps.get_model("enforcement", "OffenseCategory")
    rule_model = apps.get_model("enforcement", "PriorityRule")
    categories = {}
    for code, name, first, last in CATEGORIES:
        categories[code], _ = category_model.objects.update_or_create(
            code=code,
            effective_from=CATEGORIES_FROM,
            defaults={"name": name, "code_from": first, "code_to": last},
        )
    for category, severity, level in PRIORITY_RULES:
        rule_model.objects.update_or_create(
            offense_category=categories[category] if category else None,
            severity=severity,
            effective_from=MOA_2009,
            defaults={"level": level, "note": SOURCE},
        )
