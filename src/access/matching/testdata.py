"""A small labelled synthetic population for the engine's own tests and benchmarks.

The records app's generator (``access.records.synthetic``) is the real one; this stand-in
exists so the library can be trained and tested on its own. Each person has one to four
records carrying the errors seen in practice: nicknames, dropped maternal surnames, name
order swaps, transliteration, typos, day/month swaps, partial or missing dates, identifiers
missing or spelled differently, and dates written in several formats.
"""

from __future__ import annotations

import random
import string
from dataclasses import replace

from access.matching.schema import Record

GIVEN = {
    "en": [
        ("William", "M"),
        ("Robert", "M"),
        ("James", "M"),
        ("John", "M"),
        ("Michael", "M"),
        ("Elizabeth", "F"),
        ("Margaret", "F"),
        ("Jennifer", "F"),
        ("Mary", "F"),
        ("Patricia", "F"),
        ("Richard", "M"),
        ("Joseph", "M"),
        ("Katherine", "F"),
        ("Thomas", "M"),
        ("Daniel", "M"),
        ("Susan", "F"),
        ("Christopher", "M"),
    ],
    "es": [
        ("José", "M"),
        ("Juan", "M"),
        ("María", "F"),
        ("Luis", "M"),
        ("Carlos", "M"),
        ("Ana", "F"),
        ("Jorge", "M"),
        ("Miguel", "M"),
        ("Guadalupe", "F"),
        ("Rosa", "F"),
        ("Jesús", "M"),
        ("Alejandro", "M"),
        ("Sofía", "F"),
        ("Verónica", "F"),
    ],
    "vi": [("Mai", "F"), ("Lan", "F"), ("Minh", "M"), ("Hùng", "M"), ("Anh", "M"), ("Linh", "F")],
    "ar": [("Mohammed", "M"), ("Ahmed", "M"), ("Fatima", "F"), ("Omar", "M"), ("Aisha", "F")],
}
MIDDLE = {"en": ["Lee", "Ann", "Marie", "Allen"], "es": ["Luis", "Antonio", "Elena", "José"],
          "vi": ["Thị", "Văn", "Đức"], "ar": ["Abdul", "Hassan"]}  # fmt: skip
FAMILY = {
    "en": ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson"],
    "es": ["Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez",
           "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "de la Cruz"],
    "vi": ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ"],
    "ar": ["al-Rashid", "Khan", "Haddad", "Mansour", "el-Amin"],
}  # fmt: skip
CITIES = [("Miami", "33101", "FL"), ("Houston", "77001", "TX"), ("Phoenix", "85001", "AZ"),
          ("Atlanta", "30301", "GA"), ("Charlotte", "28201", "NC"), ("Dallas", "75201", "TX")]  # fmt: skip
PLACES = {"en": ["Chicago", "Boston", "Denver"], "es": ["Guadalajara", "Monterrey", "San Salvador"],
          "vi": ["Ho Chi Minh City", "Hanoi"], "ar": ["Cairo", "Amman"]}  # fmt: skip
NICK = {"William": "Bill", "Robert": "Bob", "James": "Jim", "Michael": "Mike",
        "Elizabeth": "Liz", "Margaret": "Peggy", "Jennifer": "Jenny", "Richard": "Dick",
        "Joseph": "Joe", "Katherine": "Kathy", "Thomas": "Tom", "Daniel": "Dan",
        "Patricia": "Pat", "Susan": "Sue", "Christopher": "Chris"}  # fmt: skip


def _rare_surname(rng: random.Random) -> str:
    syllables = ["ka", "lo", "mi", "ran", "te", "vo", "zu", "bel", "dor", "gan", "shi", "ter"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).title()


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    op = rng.random()
    if op < 0.4:
        return text[:i] + rng.choice(string.ascii_lowercase) + text[i + 1 :]
    if op < 0.7:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + text[i + 1 :]


def _format_date(rng: random.Random, iso: str) -> str:
    y, m, d = iso.split("-")
    style = rng.random()
    if style < 0.5:
        return iso
    if style < 0.7:
        return f"{int(m)}/{int(d)}/{y}"
    if style < 0.85:
        return f"{y}{m}{d}"
    return f"{m}/{d}/{y[2:]}"


def _person(rng: random.Random, pid: int) -> Record:
    culture = rng.choices(["en", "es", "vi", "ar"], weights=[40, 40, 12, 8])[0]
    # Skewed name frequencies: the first names in each list are the common ones.
    given, sex = GIVEN[culture][min(int(rng.expovariate(0.25)), len(GIVEN[culture]) - 1)]
    family_pool = FAMILY[culture]
    if rng.random() < 0.35:
        families: tuple[str, ...] = (_rare_surname(rng),)
    else:
        families = (family_pool[min(int(rng.expovariate(0.3)), len(family_pool) - 1)],)
    if culture == "es" and rng.random() < 0.7:
        families = (*families, rng.choice(family_pool))
    year = rng.randint(1950, 2004)
    dob = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    city, postcode, state = rng.choice(CITIES)
    ids = {"a_number": f"{rng.randint(10_000_000, 299_999_999):09d}"} if rng.random() < 0.6 else {}
    if rng.random() < 0.3:
        ids["fbi_number"] = f"{rng.randint(100000, 999999)}AB{rng.randint(1, 9)}"
    return Record(
        record_id="",
        given_name=given,
        middle_name=rng.choice(MIDDLE[culture]) if rng.random() < 0.4 else "",
        family_names=families,
        dates_of_birth=(dob,),
        sex=sex,
        place_of_birth=rng.choice(PLACES[culture]),
        identifiers=ids,
        city=city,
        postcode=postcode,
        state=state,
    )


def _variant(rng: random.Random, base: Record, record_id: str, noise: float) -> Record:
    r = replace(base, record_id=record_id, identifiers=dict(base.identifiers))
    chance = lambda p: rng.random() < p * noise  # noqa: E731
    if chance(0.25) and base.given_name in NICK:
        r = replace(r, given_name=NICK[base.given_name])
    if chance(0.3) and len(r.family_names) > 1:
        r = replace(r, family_names=r.family_names[:1])
    if chance(0.15):
        r = replace(r, family_names=tuple(_typo(rng, f) for f in r.family_names))
    if chance(0.1):
        r = replace(r, given_name=_typo(rng, r.given_name))
    if chance(0.1):  # recorded family-first as one raw string
        r = replace(r, full_name=f"{r.family_name} {r.given_name}", given_name="",
                    middle_name="", family_names=())  # fmt: skip
    if chance(0.3):
        from anyascii import anyascii

        r = replace(r, given_name=anyascii(r.given_name),
                    family_names=tuple(anyascii(f) for f in r.family_names))  # fmt: skip
    dob = base.dates_of_birth[0]
    roll = rng.random() / max(noise, 1e-9)
    if roll < 0.06:
        y, m, d = dob.split("-")
        dob = f"{y}-{d}-{m}" if int(d) <= 12 else dob
    elif roll < 0.11:
        dob = f"{int(dob[:4]) + rng.choice((-1, 1))}{dob[4:]}"
    elif roll < 0.15:
        dob = dob[:4]
    if roll < 0.2 and rng.random() < 0.3:
        r = replace(r, dates_of_birth=())
    else:
        r = replace(r, dates_of_birth=(_format_date(rng, dob) if len(dob) == 10 else dob,))
    if "a_number" in r.identifiers:
        if chance(0.35):
            del r.identifiers["a_number"]
        elif chance(0.3):
            r.identifiers["a_number"] = "A" + r.identifiers["a_number"].lstrip("0")
    if chance(0.3):
        r = replace(r, city="", postcode="")
    if chance(0.1):
        r = replace(r, sex="")
    if chance(0.2):
        r = replace(r, place_of_birth="")
    return r


def population(persons: int, seed: int = 0, noise: float = 1.0) -> tuple[list[Record], list[int]]:
    """``persons`` people, 1-4 records each: (records, person id of each record)."""
    rng = random.Random(seed)  # noqa: S311  # nosec B311 - synthetic data, not secrets
    records: list[Record] = []
    person_ids: list[int] = []
    for pid in range(persons):
        base = _person(rng, pid)
        copies = 1 + min(int(rng.expovariate(1.2)), 3)
        for _ in range(copies):
            records.append(_variant(rng, base, f"r{len(records)}", noise))
            person_ids.append(pid)
    return records, person_ids
