"""Safety rules applied after scoring, the same for every path that bands a pair.

A match is a candidate, never an identification (DOMAIN.md section 6). Whatever a model has
learnt from its inputs, some pairs must never be "probable" and some must always be looked at;
the rules below say which, from the comparison levels of the pair alone. They live here, not in
a model's parameters, so a model trained on other inputs (``access link`` trains on the files
it is given) cannot talk its way past them.

Rules name comparisons and levels by their stable identifiers (``model.Compared`` and
``model.LevelKey``, defined once beside ``model.COMPARISONS``), never by the labels shown to
people: renaming a label cannot change a rule.

- Conflicts (``conflict``): two different values of the same identifier, or a shared
  identifier with a different family name. Never "probable"; a shared identifier with a
  different name is never dismissed either (raised to "possible").
- Caps (``cap``), checked when there is no conflict: "probable" becomes "possible" when
  - only names agree: neither the date of birth (the same date, another date recorded for the
    person, or one transcription slip: day and month swapped, one digit) nor any identifier
    agrees, however rare the name (``NAME_ALONE``);
  - the pair may be twins: same family name and date of birth, the address not different,
    but different given names that are not nicknames of each other or spellings of one name,
    and no identifier agreeing (``POSSIBLE_TWIN``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from access.matching.model import Compared, LevelKey

if TYPE_CHECKING:
    from access.matching.evaluate import CompiledModel

SAME_ID_DIFFERENT_NAME = "identifier conflict: same identifier, different name"
DIFFERENT_ID = "identifier conflict: different values of the same identifier"
NAME_ALONE = (
    "capped at possible: no date of birth or identifier agrees, and names alone are never a "
    "probable match"
)
POSSIBLE_TWIN = (
    "capped at possible: possible twin (same family name and date of birth, different given names)"
)

# (comparison, level keys) the rules test; see model.COMPARISONS
IDENTIFIER_AGREES = (Compared.IDENTIFIERS, (LevelKey.AGREES,))
IDENTIFIER_CONFLICT = (Compared.IDENTIFIERS, (LevelKey.CONFLICT,))
# a date of birth recorded with one transcription slip still agrees; only the same date, or
# another date recorded for the person, makes twins
DATE_OF_BIRTH_AGREES = (
    Compared.DATE_OF_BIRTH,
    (LevelKey.EXACT, LevelKey.OTHER_RECORDED, LevelKey.DAY_MONTH_SWAPPED, LevelKey.ONE_DIGIT),
)
DATE_OF_BIRTH_SAME = (Compared.DATE_OF_BIRTH, (LevelKey.EXACT, LevelKey.OTHER_RECORDED))
FAMILY_NAME_SAME = (Compared.FAMILY_NAME, (LevelKey.EXACT,))
FAMILY_NAME_DIFFERENT = (Compared.FAMILY_NAME, (LevelKey.DIFFERENT,))
GIVEN_NAME_DIFFERENT = (Compared.GIVEN_NAME, (LevelKey.DIFFERENT,))
ADDRESS_DIFFERENT = (Compared.ADDRESS, (LevelKey.DIFFERENT,))


def _at(model: CompiledModel, levels: np.ndarray, where: tuple[str, tuple[str, ...]]) -> np.ndarray:
    """Which rows of a (pairs, comparisons) level matrix sit at one of the named levels (a level
    of -1, not evaluated, is at none)."""
    name, keys = where
    for j, (spec, _compiled) in enumerate(model.comparisons):
        if spec.name == name:
            wanted = [i for i, level in enumerate(spec.levels) if level.key in keys]
            missing = set(keys) - {spec.levels[i].key for i in wanted}
            if missing:
                raise KeyError(f"{name} has no level {sorted(missing)}")
            return np.isin(levels[:, j], wanted)
    raise KeyError(f"no comparison {name!r}")


def conflicts(model: CompiledModel, levels: np.ndarray) -> list[str]:
    """The identifier conflict of every row of a (pairs, comparisons) level matrix, or ""."""
    levels = np.asarray(levels, dtype=np.int64).reshape(-1, len(model.comparisons))
    different_id = _at(model, levels, IDENTIFIER_CONFLICT)
    same_id_other_name = _at(model, levels, IDENTIFIER_AGREES) & _at(
        model, levels, FAMILY_NAME_DIFFERENT
    )
    return [
        DIFFERENT_ID if d else SAME_ID_DIFFERENT_NAME if s else ""
        for d, s in zip(different_id.tolist(), same_id_other_name.tolist(), strict=True)
    ]


def caps(model: CompiledModel, levels: np.ndarray) -> list[str]:
    """Why each row of a (pairs, comparisons) level matrix can be "possible" at most, or ""."""
    levels = np.asarray(levels, dtype=np.int64).reshape(-1, len(model.comparisons))
    identifier = _at(model, levels, IDENTIFIER_AGREES)
    born = _at(model, levels, DATE_OF_BIRTH_AGREES)
    name_alone = ~identifier & ~born
    twin = (
        ~identifier
        & _at(model, levels, DATE_OF_BIRTH_SAME)
        & _at(model, levels, FAMILY_NAME_SAME)
        & _at(model, levels, GIVEN_NAME_DIFFERENT)
        & ~_at(model, levels, ADDRESS_DIFFERENT)
    )
    return [
        NAME_ALONE if a else POSSIBLE_TWIN if t else ""
        for a, t in zip(name_alone.tolist(), twin.tolist(), strict=True)
    ]


def conflict(model: CompiledModel, levels: Sequence[int]) -> str:
    return conflicts(model, np.asarray([levels]))[0]


def cap(model: CompiledModel, levels: Sequence[int]) -> str:
    return caps(model, np.asarray([levels]))[0]
