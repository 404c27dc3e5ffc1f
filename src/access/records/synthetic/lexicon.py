"""The name lists as arrays: every spelling is an index into one lexicon of strings.

Names stay integers for as long as possible, so choosing, transliterating, stripping
diacritics and swapping in nicknames or spelling variants are numpy indexing operations;
strings are made once, at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from anyascii import anyascii
from nicknames import NickNamer

from access.records.synthetic import data_names as data

ORIGINS = tuple(data.ORIGIN_SHARES)


@dataclass(frozen=True)
class Category:
    """One list (say, Hispanic female given names): entries, their spellings and weights.

    ``forms[i, k]`` is the lexicon index of spelling ``k`` of entry ``i`` (-1 if none);
    ``female_forms`` is the female form where the language has one (Ivanov -> Ivanova).
    """

    forms: np.ndarray
    n_forms: np.ndarray
    p: np.ndarray
    female_forms: np.ndarray


@dataclass(frozen=True)
class Lexicon:
    strings: np.ndarray  # object array; index 0 is ""
    ascii: np.ndarray  # lexicon index -> index of its ASCII folding
    alternatives: tuple[tuple[int, ...], ...]  # other spellings of the same name
    nicknames: tuple[tuple[int, ...], ...]
    categories: dict[tuple[str, str], Category]
    countries: dict[str, tuple[np.ndarray, np.ndarray]]  # origin -> (codes, p)
    places: dict[str, np.ndarray]  # country -> place names
    cities: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # city, state, zip3, p

    def index(self, name: str) -> int:
        return _INDEX[name]


_STRINGS: list[str] = [""]
_INDEX: dict[str, int] = {"": 0}


def _intern(name: str) -> int:
    if name not in _INDEX:
        _INDEX[name] = len(_STRINGS)
        _STRINGS.append(name)
    return _INDEX[name]


def _pairs(text: str) -> list[tuple[str, float]]:
    tokens = text.split()
    return [(tokens[i].replace("_", " "), float(tokens[i + 1])) for i in range(0, len(tokens), 2)]


def _category(text: str, groups: dict[int, set[int]]) -> Category:
    entries = _pairs(text)
    male: list[list[int]] = []
    female: list[int] = []
    for spelling, _ in entries:
        forms = spelling.split("/")
        male_form, _, female_form = forms[0].partition("+")
        indices = [_intern(male_form)] + [_intern(f) for f in forms[1:]]
        male.append(indices)
        female.append(_intern(female_form) if female_form else indices[0])
        for i in indices:
            groups.setdefault(i, set()).update(j for j in indices if j != i)
    width = max(len(m) for m in male)
    forms_array = np.full((len(male), width), -1, dtype=np.int32)
    for row, indices in enumerate(male):
        forms_array[row, : len(indices)] = indices
    weights = np.array([w for _, w in entries])
    return Category(
        forms=forms_array,
        n_forms=np.array([len(m) for m in male], dtype=np.int32),
        p=weights / weights.sum(),
        female_forms=np.array(female, dtype=np.int32),
    )


def _weighted_codes(text: str) -> tuple[np.ndarray, np.ndarray]:
    pairs = _pairs(text)
    weights = np.array([w for _, w in pairs])
    return np.array([c for c, _ in pairs], dtype=object), weights / weights.sum()


def _english_nicknames(name: str) -> tuple[str, ...]:
    found = _NICKNAMER.nicknames_of(name.lower())
    # The package lists some far-fetched forms ("bela" for William); keep the plausible ones.
    return tuple(
        sorted(n.title() for n in found if len(n) >= 3 and n[0].lower() == name[0].lower())
    )


_NICKNAMER = NickNamer()


@cache
def lexicon() -> Lexicon:
    groups: dict[int, set[int]] = {}
    categories = {
        (origin, kind): _category(text, groups)
        for origin, kinds in data.NAMES.items()
        for kind, text in kinds.items()
    }
    nick_of: dict[int, tuple[int, ...]] = {}
    for kind in ("male", "female"):
        for row in categories[("anglo", kind)].forms:
            for i in row[row >= 0]:
                nick_of[int(i)] = tuple(_intern(n) for n in _english_nicknames(_STRINGS[i]))
    for name, nicks in data.SPANISH_NICKNAMES.items():
        if name in _INDEX:
            nick_of[_INDEX[name]] = tuple(_intern(n) for n in nicks)
    for name in data.EXTRA_NAMES:
        _intern(name)
    # ASCII foldings join the lexicon (which grows while this loop runs).
    ascii_of: dict[int, int] = {}
    i = 0
    while i < len(_STRINGS):
        ascii_of[i] = _intern(anyascii(_STRINGS[i]))
        i += 1
    size = len(_STRINGS)
    places = {
        country: np.array([p.replace("_", " ") for p in text.split()], dtype=object)
        for country, text in data.PLACES.items()
    }
    tokens = data.US_CITIES.split()
    rows = [tokens[i : i + 4] for i in range(0, len(tokens), 4)]
    city_weights = np.array([float(r[3]) for r in rows])
    cities = (
        np.array([r[0].replace("_", " ") for r in rows], dtype=object),
        np.array([r[1] for r in rows], dtype=object),
        np.array([r[2] for r in rows], dtype=object),
        city_weights / city_weights.sum(),
    )
    return Lexicon(
        strings=np.array(_STRINGS, dtype=object),
        ascii=np.array([ascii_of[i] for i in range(size)], dtype=np.int32),
        alternatives=tuple(tuple(sorted(groups.get(i, ()))) for i in range(size)),
        nicknames=tuple(nick_of.get(i, ()) for i in range(size)),
        categories=categories,
        countries={o: _weighted_codes(t) for o, t in data.COUNTRIES.items()},
        places=places,
        cities=cities,
    )
