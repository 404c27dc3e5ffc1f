"""Writing persons down: one record per (person, occasion), with the error model applied.

Name fields stay lexicon indices while nicknames, spelling variants, dropped surnames and
ASCII folding are applied by masks; strings are made once, then typos and respellings touch
only the (few) records that get them.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np
from anyascii import anyascii

from access.matching.schema import KNOWN_IDENTIFIERS
from access.records.synthetic import data_names as data
from access.records.synthetic.errors import (
    ERROR_KINDS,
    ERROR_RATES,
    FAMILY_FIRST_SWAP_FACTOR,
    digit_typo,
    respell,
    transpose_date_digits,
    typo,
)
from access.records.synthetic.lexicon import Lexicon, lexicon
from access.records.synthetic.persons import FAMILY_FIRST, REFERENCE_DATE, Truth

SOURCES = ("immigration", "booking", "nlets", "inquiry")
KIND_INDEX = {kind: i for i, kind in enumerate(ERROR_KINDS)}

# How likely each source is to carry an identifier the person has.
ID_PRESENCE: dict[str, dict[str, float]] = {
    "immigration": {
        "a_number": 0.95,
        "fbi_number": 0.05,
        "state_id": 0.0,
        "fingerprint_id": 0.8,
        "passport": 0.6,
        "driver_licence": 0.1,
        "ssn": 0.1,
    },
    "booking": {
        "a_number": 0.15,
        "fbi_number": 0.7,
        "state_id": 0.8,
        "fingerprint_id": 0.1,
        "passport": 0.05,
        "driver_licence": 0.4,
        "ssn": 0.35,
    },
    "nlets": {
        "a_number": 0.05,
        "fbi_number": 0.5,
        "state_id": 0.6,
        "fingerprint_id": 0.0,
        "passport": 0.0,
        "driver_licence": 0.8,
        "ssn": 0.2,
    },
    "inquiry": {
        "a_number": 0.2,
        "fbi_number": 0.3,
        "state_id": 0.2,
        "fingerprint_id": 0.0,
        "passport": 0.05,
        "driver_licence": 0.3,
        "ssn": 0.05,
    },
}
# Share of records whose names are folded to ASCII (NCIC and most jail systems are ASCII-only).
ASCII_SHARE = {"immigration": 0.55, "booking": 0.92, "nlets": 0.97, "inquiry": 0.95}

_OFFENSE_CODES = np.array([c for c, _, _ in data.NCIC_OFFENSES], dtype=object)
_OFFENSE_P = np.array([w for _, _, w in data.NCIC_OFFENSES], dtype=float)
_OFFENSE_P /= _OFFENSE_P.sum()


class _Tables:
    """Padded lookup tables: nicknames and spelling variants of every lexicon entry."""

    def __init__(self, lex: Lexicon) -> None:
        self.nick_table, self.nick_count = _pad(lex.nicknames)
        self.alt_table, self.alt_count = _pad(lex.alternatives)


def _pad(rows: tuple[tuple[int, ...], ...]) -> tuple[np.ndarray, np.ndarray]:
    width = max(1, max(len(r) for r in rows))
    table = np.zeros((len(rows), width), np.int32)
    for i, r in enumerate(rows):
        table[i, : len(r)] = r
    return table, np.array([len(r) for r in rows], np.int32)


_TABLES: list[_Tables] = []


def _tables() -> _Tables:
    if not _TABLES:
        _TABLES.append(_Tables(lexicon()))
    return _TABLES[0]


def choose_sources(truth: Truth, src: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Where each record comes from: immigration files, jail bookings or Nlets returns."""
    foreign = truth.citizenship[src] != 0
    criminal = truth.criminal[src]
    p_immigration = np.select([~foreign, criminal], [0.0, 0.45], 0.85)
    p_booking = np.select([~foreign & criminal, ~foreign, criminal], [0.75, 0.0, 0.4], 0.0)
    u = rng.random(len(src))
    sources = np.array(SOURCES, dtype=object)
    return np.where(
        u < p_immigration,
        sources[0],
        np.where(u < p_immigration + p_booking, sources[1], sources[2]),
    )


def render(
    truth: Truth,
    src: np.ndarray,
    factor: np.ndarray,
    source: np.ndarray,
    rng: np.random.Generator,
    forced: np.ndarray | None = None,
) -> dict[str, Any]:
    """Columns for records of persons ``src`` (indices into ``truth``)."""
    lex, tables = lexicon(), _tables()
    n = len(src)
    rnd = random.Random(int(rng.integers(2**62)))  # noqa: S311  # nosec B311 - synthetic data
    flags = {kind: np.zeros(n, bool) for kind in ERROR_KINDS}

    def hit(kind: str, eligible: np.ndarray, scale: np.ndarray | float = 1.0) -> np.ndarray:
        mask = rng.random(n) < ERROR_RATES[kind] * factor * scale
        if forced is not None:
            mask |= forced == KIND_INDEX[kind]
        mask &= eligible
        flags[kind] = mask
        return mask

    origin = truth.origin[src]
    given, middle = truth.given[src].copy(), truth.middle[src].copy()
    family1, family2 = truth.family1[src].copy(), truth.family2[src].copy()

    nick = hit("nickname", tables.nick_count[given] > 0)
    col = (rng.random(int(nick.sum())) * tables.nick_count[given[nick]]).astype(np.int32)
    given[nick] = tables.nick_table[given[nick], col]
    phon_given = hit("phonetic_given", given > 0)
    phon_family = hit("phonetic_family", family1 > 0)
    respell_given = phon_given & (tables.alt_count[given] == 0)
    respell_family = phon_family & (tables.alt_count[family1] == 0)
    for names, mask in ((given, phon_given), (family1, phon_family)):
        alt = mask & (tables.alt_count[names] > 0)
        col = (rng.random(int(alt.sum())) * tables.alt_count[names[alt]]).astype(np.int32)
        names[alt] = tables.alt_table[names[alt], col]
    family2[hit("drop_maternal", family2 > 0)] = 0
    hyphen = hit("hyphenated_surname", family2 > 0)
    middle[hit("missing_middle", middle > 0)] = 0
    fold = rng.random(n) < np.select(
        [source == s for s in SOURCES], [ASCII_SHARE[s] for s in SOURCES], 0.9
    )
    for names in (given, middle, family1, family2):
        names[fold] = lex.ascii[names[fold]]

    g, mid = lex.strings[given], lex.strings[middle]
    fam1, fam2 = lex.strings[family1], lex.strings[family2]
    # Respell names that have no listed variant; typos anywhere.
    _apply(g, respell_given, flags["phonetic_given"], lambda s: respell(s, rnd))
    _apply(fam1, respell_family, flags["phonetic_family"], lambda s: respell(s, rnd))
    _apply(g, hit("typo_given", given > 0), flags["typo_given"], lambda s: typo(s, rnd))
    _apply(fam1, hit("typo_family", family1 > 0), flags["typo_family"], lambda s: typo(s, rnd))

    family_first = np.isin(origin, FAMILY_FIRST)
    swap = hit(
        "name_order_swap",
        (given > 0) & (family1 > 0),
        np.where(family_first, FAMILY_FIRST_SWAP_FACTOR, 1.0),
    )
    family_cols = [
        (a + "-" + b if h else a + "|" + b) if b else a
        for a, b, h in zip(fam1.tolist(), fam2.tolist(), hyphen.tolist(), strict=True)
    ]
    family = np.array(family_cols, dtype=object)
    given_col = g.copy()
    given_col[swap] = [f.replace("|", " ") for f in family[swap].tolist()]
    family[swap] = g[swap]

    junior = truth.junior[src] & (rng.random(n) < 0.5)
    full = _full_names(given_col, mid, family, source, family_first & ~swap, junior)
    aliases = _aliases(truth, src, hit("alias", np.ones(n, bool)), lex, rng, rnd)

    dates = _dates(truth, src, factor, forced, flags, rng, rnd)
    sex = truth.sex[src].copy()
    sex[hit("missing_sex", np.ones(n, bool))] = ""
    country = truth.country[src].copy()
    country[hit("missing_country", np.ones(n, bool))] = ""
    place = truth.place[src].copy()
    fold_place = fold & (place != "")
    place[fold_place] = [_ascii(p) for p in place[fold_place].tolist()]
    place[hit("missing_place", np.ones(n, bool))] = ""
    no_address = hit("missing_address", np.ones(n, bool))
    address = {}
    for name in ("street", "city", "postcode", "state"):
        column = getattr(truth, name)[src].copy()
        column[no_address] = ""
        address[name] = column

    identifiers = _identifiers(truth, src, source, rng)
    carried = np.zeros(n, bool)
    for values in identifiers.values():
        carried |= values != ""
    mistyped = hit("identifier_typo", carried)
    kinds = list(identifiers)
    for i in np.flatnonzero(mistyped).tolist():
        present = [k for k in kinds if identifiers[k][i]]
        kind = present[rnd.randrange(len(present))]
        identifiers[kind][i] = digit_typo(identifiers[kind][i], rnd)

    offense = np.where(
        source == "booking",
        _OFFENSE_CODES[rng.choice(len(_OFFENSE_CODES), size=n, p=_OFFENSE_P)],
        "",
    )
    return {
        "given_name": given_col,
        "middle_name": mid,
        "family_names": family,
        "full_name": full,
        "aliases": aliases,
        "dates_of_birth": dates,
        "sex": sex,
        "country_of_birth": country,
        "place_of_birth": place,
        **{f"id.{k}": identifiers[k] for k in KNOWN_IDENTIFIERS},
        **address,
        "record_source": source,
        "ncic_offense": offense,
        "event_date": _event_dates(truth.dob[src], rng),
        "errors": _error_strings(flags, n),
    }


_ASCII_CACHE: dict[str, str] = {}


def _ascii(text: str) -> str:
    folded = _ASCII_CACHE.get(text)
    if folded is None:
        folded = _ASCII_CACHE[text] = anyascii(text)
    return folded


def _apply(strings: np.ndarray, mask: np.ndarray, flag: np.ndarray, change: Any) -> None:
    """Change the masked strings in place; clear the flag where nothing changed."""
    for i in np.flatnonzero(mask).tolist():
        new = change(strings[i])
        if new == strings[i] or not new:
            flag[i] = False
        else:
            strings[i] = new


def _full_names(
    given: np.ndarray,
    middle: np.ndarray,
    family: np.ndarray,
    source: np.ndarray,
    family_first: np.ndarray,
    junior: np.ndarray,
) -> np.ndarray:
    """The raw name as the source writes it: ``LAST, FIRST MIDDLE`` or the natural order."""
    out = []
    for g, m, f, s, ff, jr in zip(
        given.tolist(),
        middle.tolist(),
        family.tolist(),
        source.tolist(),
        family_first.tolist(),
        junior.tolist(),
        strict=True,
    ):
        f = f.replace("|", " ")
        if s == "immigration":
            parts = (f, m, g) if ff else (g, m, f)
            name = " ".join(p for p in parts if p) + (" Jr." if jr else "")
        else:
            name = f"{f}, {g}{' ' + m if m else ''}{' JR' if jr else ''}".upper()
        out.append(name)
    return np.array(out, dtype=object)


def _aliases(
    truth: Truth,
    src: np.ndarray,
    mask: np.ndarray,
    lex: Lexicon,
    rng: np.random.Generator,
    rnd: random.Random,
) -> np.ndarray:
    """Other names used: a nickname, another surname (marriage, a mother's name), an AKA."""
    aliases = np.full(len(src), "", dtype=object)
    rows = np.flatnonzero(mask)
    if not len(rows):
        return aliases
    persons = src[rows]
    donors = np.empty(len(rows), np.int64)
    for o in np.unique(truth.origin[persons]):
        mine = truth.origin[persons] == o
        pool = np.flatnonzero(truth.origin == o)
        donors[mine] = pool[rng.integers(0, len(pool), int(mine.sum()))]
    strings, ascii_of = lex.strings, lex.ascii
    tables = _tables()
    out = []
    for person, donor in zip(persons.tolist(), donors.tolist(), strict=True):
        given = int(ascii_of[truth.given[person]])
        family = strings[ascii_of[truth.family1[person]]]
        roll = rnd.random()
        nicks = int(tables.nick_count[truth.given[person]])
        if roll < 0.3 and nicks:
            nickname = strings[tables.nick_table[truth.given[person], rnd.randrange(nicks)]]
            out.append(f"{nickname} {family}")
        elif roll < 0.7:
            out.append(f"{strings[given]} {strings[ascii_of[truth.family1[donor]]]}")
        else:
            out.append(
                f"{strings[ascii_of[truth.given[donor]]]} {strings[ascii_of[truth.family1[donor]]]}"
            )
    aliases[rows] = out
    return aliases


def _dates(
    truth: Truth,
    src: np.ndarray,
    factor: np.ndarray,
    forced: np.ndarray | None,
    flags: dict[str, np.ndarray],
    rng: np.random.Generator,
    rnd: random.Random,
) -> np.ndarray:
    """Dates of birth as recorded: missing, partial, day/month swapped, digits transposed."""
    n = len(src)
    dob = truth.dob[src]
    year = dob.astype("datetime64[Y]").astype(np.int64) + 1970
    month = dob.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day = (dob - dob.astype("datetime64[M]")).astype(np.int64) + 1
    kinds = ("missing_dob", "dob_partial", "dob_day_month_swap", "dob_transposition")
    bounds = np.cumsum([np.asarray(ERROR_RATES[k] * factor) * np.ones(n) for k in kinds], axis=0)
    u = rng.random(n)
    if forced is not None:
        for i, kind in enumerate(kinds):
            low = bounds[i - 1] if i else np.zeros(n)
            u = np.where(forced == KIND_INDEX[kind], (low + bounds[i]) / 2, u)
    lower = np.zeros(n)
    masks = []
    for i in range(len(kinds)):
        masks.append((u >= lower) & (u < bounds[i]))
        lower = bounds[i]
    missing, partial, swap, transposed = masks
    swap &= (day <= 12) & (day != month)
    flags["missing_dob"], flags["dob_partial"], flags["dob_day_month_swap"] = missing, partial, swap
    year_only = partial & (rng.random(n) < 0.5)
    month, day = np.where(swap, day, month), np.where(swap, month, day)
    day = np.where(partial, 0, day)
    month = np.where(year_only, 0, month)
    year = np.where(missing, 0, year)
    applied = np.zeros(n, bool)
    for i in np.flatnonzero(transposed).tolist():
        changed = transpose_date_digits(int(year[i]), int(month[i]), int(day[i]), rnd)
        if changed:
            year[i], month[i], day[i] = changed
            applied[i] = True
    flags["dob_transposition"] = applied
    dates = [
        ""
        if y == 0
        else f"{y:04d}"
        if m == 0
        else f"{y:04d}-{m:02d}"
        if d == 0
        else f"{y:04d}-{m:02d}-{d:02d}"
        for y, m, d in zip(year.tolist(), month.tolist(), day.tolist(), strict=True)
    ]
    out = np.array(dates, dtype=object)
    second = (rng.random(n) < ERROR_RATES["second_dob"] * factor) & ~missing
    if forced is not None:
        second |= (forced == KIND_INDEX["second_dob"]) & ~missing
    shift = rng.integers(1, 4, n) * np.where(rng.random(n) < 0.5, 1, -1)
    other = np.datetime_as_string(dob + shift.astype("timedelta64[D]"), unit="D")
    out[second] = [
        f"{a}|{b}" for a, b in zip(out[second].tolist(), other[second].tolist(), strict=True)
    ]
    flags["second_dob"] = second
    return out


def _identifiers(
    truth: Truth, src: np.ndarray, source: np.ndarray, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """Identifiers the record carries, in the forms people write them."""
    n = len(src)
    out: dict[str, np.ndarray] = {}
    for kind in KNOWN_IDENTIFIERS:
        value = truth.ids[kind][src]
        p = np.select([source == s for s in SOURCES], [ID_PRESENCE[s][kind] for s in SOURCES], 0)
        keep = (value != "") & (rng.random(n) < p)
        column = np.full(n, "", dtype=object)
        rows = np.flatnonzero(keep)
        style = rng.random(len(rows)).tolist()
        values = value[rows].tolist()
        if kind == "a_number":
            column[rows] = [_a_number(v, s) for v, s in zip(values, style, strict=True)]
        elif kind == "ssn":
            column[rows] = [
                f"{v[:3]}-{v[3:5]}-{v[5:]}" if s < 0.6 else v
                for v, s in zip(values, style, strict=True)
            ]
        else:
            column[rows] = values
        out[kind] = column
    return out


def _a_number(value: str, style: float) -> str:
    """A-numbers as written: A012345678, A12345678 (old 8-digit), A-012-345-678, 012345678."""
    if style < 0.3 and value.startswith("0"):
        return "A" + value[1:]
    if style < 0.7:
        return "A" + value
    if style < 0.85:
        return f"A-{value[:3]}-{value[3:6]}-{value[6:]}"
    return value


def _event_dates(dob: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """When the recorded event happened: after the 16th birthday, before the reference date."""
    earliest = np.maximum(dob + np.timedelta64(16 * 365, "D"), np.datetime64("1990-01-01"))
    span = np.maximum((REFERENCE_DATE - earliest).astype(np.int64), 1)
    offset = (rng.random(len(dob)) * span).astype(np.int64).astype("timedelta64[D]")
    return np.datetime_as_string(earliest + offset, unit="D").astype(object)


def _error_strings(flags: dict[str, np.ndarray], n: int) -> np.ndarray:
    """``typo_given|dob_partial``: the error kinds applied to each record (ground truth)."""
    codes = np.zeros(n, np.int64)
    for bit, kind in enumerate(ERROR_KINDS):
        codes |= flags[kind].astype(np.int64) << bit
    unique, inverse = np.unique(codes, return_inverse=True)
    labels = np.array(
        [
            "|".join(k for bit, k in enumerate(ERROR_KINDS) if code >> bit & 1)
            for code in unique.tolist()
        ],
        dtype=object,
    )
    return labels[inverse]
