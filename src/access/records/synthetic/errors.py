"""The error model: what goes wrong when a person's details are recorded again.

Rates are per record. A person's first record gets them at ``ORIGINAL_FACTOR`` times the rate
(it too was typed by someone); the extra records (duplicates) and probe queries get the full
rate. Rates marked "of eligible" apply only where the error can happen (a nickname needs a
name that has one; dropping the maternal surname needs two surnames).
"""

from __future__ import annotations

import random
import re

ERROR_RATES: dict[str, float] = {
    "typo_given": 0.05,
    "typo_family": 0.06,
    "phonetic_given": 0.04,
    "phonetic_family": 0.05,
    "nickname": 0.20,  # of eligible
    "drop_maternal": 0.35,  # of eligible (two surnames)
    "hyphenated_surname": 0.12,  # of eligible (two surnames left)
    "name_order_swap": 0.04,  # three times as often for family-first names
    "missing_middle": 0.25,  # of eligible
    "missing_dob": 0.03,
    "dob_partial": 0.04,
    "dob_day_month_swap": 0.04,  # of eligible (day <= 12, day != month)
    "dob_transposition": 0.02,
    "second_dob": 0.02,
    "missing_sex": 0.05,
    "missing_country": 0.10,
    "missing_place": 0.30,
    "missing_address": 0.40,
    "identifier_typo": 0.03,  # of eligible (a record carrying an identifier)
    "alias": 0.10,
}
ERROR_KINDS = tuple(ERROR_RATES)
ORIGINAL_FACTOR = 0.25
FAMILY_FIRST_SWAP_FACTOR = 3.0

# Neighbouring keys on a QWERTY keyboard.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_ADJACENT: dict[str, str] = {}
for _r, _row in enumerate(_ROWS):
    for _c, _ch in enumerate(_row):
        _near = [_row[i] for i in (_c - 1, _c + 1) if 0 <= i < len(_row)]
        for _other in (_r - 1, _r + 1):
            if 0 <= _other < len(_ROWS):
                _near += [_ROWS[_other][i] for i in (_c - 1, _c) if 0 <= i < len(_ROWS[_other])]
        _ADJACENT[_ch] = "".join(sorted(set(_near)))


def typo(name: str, rnd: random.Random) -> str:
    """One keyboard slip: an adjacent-key substitution, a deletion or a transposition."""
    letters = [i for i, ch in enumerate(name) if ch.lower() in _ADJACENT]
    if not letters:
        return name
    kind = rnd.random()
    if kind < 0.25 and len(name) > 3:
        i = rnd.choice(letters[1:] or letters)
        return name[:i] + name[i + 1 :]
    if kind < 0.5 and len(name) > 2:
        pairs = [i for i in range(1, len(name) - 1) if name[i] != name[i + 1]]
        if pairs:
            i = rnd.choice(pairs)
            swapped = name[:i] + name[i + 1] + name[i] + name[i + 2 :]
            return swapped[0].upper() + swapped[1:] if name[0].isupper() else swapped
    i = rnd.choice(letters)
    ch = name[i]
    new = rnd.choice(_ADJACENT[ch.lower()])
    return name[:i] + (new.upper() if ch.isupper() else new) + name[i + 1 :]


# Spellings that sound the same: (pattern, replacement), applied once.
_PHONETIC_RULES = [
    (r"ph", "f"),
    (r"ck", "k"),
    (r"c(?=[aou])", "k"),
    (r"(?<=[aeiou])s(?=[aeiou])", "z"),
    (r"z", "s"),
    (r"y$", "ie"),
    (r"ie$", "y"),
    (r"ey$", "y"),
    (r"(?<=.)y", "i"),
    (r"ll", "y"),
    (r"ll", "l"),
    (r"tt", "t"),
    (r"nn", "n"),
    (r"rr", "r"),
    (r"ss", "s"),
    (r"v", "b"),
    (r"b", "v"),
    (r"^h(?=[aeiou])", ""),
    (r"j", "h"),
    (r"qu(?=[ei])", "k"),
    (r"gu(?=[ei])", "g"),
    (r"x", "j"),
    (r"th", "t"),
    (r"w", "v"),
    (r"sh", "sch"),
    (r"ou", "u"),
    (r"oo", "u"),
    (r"ee", "i"),
    (r"ai", "ay"),
    (r"ei", "ey"),
    (r"son$", "sen"),
    (r"ow", "au"),
    (r"ez$", "es"),
    (r"^al-", "el-"),
    (r"^el-", "al-"),
    (r"^(al|el)-", ""),
    (r"dh", "d"),
    (r"kh", "k"),
]
_COMPILED = [(re.compile(p, re.IGNORECASE), r) for p, r in _PHONETIC_RULES]


def respell(name: str, rnd: random.Random) -> str:
    """The same sounds, spelled another way (Catherine -> Katherine, Hernandez -> Ernandez)."""
    applicable = [(p, r) for p, r in _COMPILED if p.search(name)]
    while applicable:
        pattern, replacement = applicable.pop(rnd.randrange(len(applicable)))
        changed = pattern.sub(replacement, name, count=1)
        if changed and changed.lower() != name.lower():
            return changed[0].upper() + changed[1:] if name[:1].isupper() else changed
    return name


def transpose_date_digits(
    year: int, month: int, day: int, rnd: random.Random
) -> tuple[int, int, int] | None:
    """Swap two neighbouring digits of YYYYMMDD so that the result is still a real date."""
    digits = f"{year:04d}{month:02d}{day:02d}"
    positions = [2, 4, 5, 6]
    rnd.shuffle(positions)
    for i in positions:
        if digits[i] == digits[i + 1]:
            continue
        swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]
        y, m, d = int(swapped[:4]), int(swapped[4:6]), int(swapped[6:])
        if 1900 < y < 2010 and 1 <= m <= 12 and 1 <= d <= _days_in(y, m):
            return y, m, d
    return None


def _days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def digit_typo(value: str, rnd: random.Random) -> str:
    """One digit of an identifier misread or mistyped."""
    positions = [i for i, ch in enumerate(value) if ch.isdigit()]
    if not positions:
        return value
    i = rnd.choice(positions)
    new = rnd.choice([d for d in "0123456789" if d != value[i]])
    return value[:i] + new + value[i + 1 :]
