"""Why a pair scored as it did: the weight each comparison contributed, plus plain notes.

Conflicts are business rules on top of the score (DOMAIN.md section 6: a match is a candidate,
never an identification): a shared identifier with a different family name, or two different
values of the same identifier, never make a pair "probable" and always need a person's review.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from access.matching.evaluate import CompiledModel

SAME_ID_DIFFERENT_NAME = "identifier conflict: same identifier, different name"
DIFFERENT_ID = "identifier conflict: different values of the same identifier"


@dataclass
class Explanation:
    fields: dict[str, dict[str, object]] = field(default_factory=dict)  # name -> level, weight
    notes: list[str] = field(default_factory=list)
    conflict: str = ""

    def as_columns(self) -> dict[str, object]:
        """Flat columns for CSV output: ``<comparison>_weight`` and ``<comparison>_level``."""
        out: dict[str, object] = {}
        for name, data in self.fields.items():
            out[f"{name}_level"] = data["level"]
            out[f"{name}_weight"] = round(float(data["weight"]), 4)  # type: ignore[arg-type]
        out["notes"] = "; ".join(self.notes)
        return out


def level_labels(model: CompiledModel, levels: Sequence[int]) -> dict[str, str]:
    return {
        spec.name: compiled[int(i)].spec.label
        for (spec, compiled), i in zip(model.comparisons, levels, strict=True)
    }


def conflict(model: CompiledModel, levels: Sequence[int]) -> str:
    labels = level_labels(model, levels)
    if labels["identifiers"] == "identifier conflict":
        return DIFFERENT_ID
    if labels["identifiers"] == "identifier agrees" and labels["family_name"] == "different":
        return SAME_ID_DIFFERENT_NAME
    return ""


def conflicts(model: CompiledModel, levels: np.ndarray) -> list[str]:
    """``conflict`` for every row of a (pairs, comparisons) level matrix, without labels."""
    names = [spec.name for spec, _compiled in model.comparisons]
    ids, family = names.index("identifiers"), names.index("family_name")

    def where(column: int, label: str) -> np.ndarray:
        compiled = model.comparisons[column][1]
        wanted = [i for i, level in enumerate(compiled) if level.spec.label == label]
        return np.isin(levels[:, column], wanted)

    different_id = where(ids, "identifier conflict")
    same_id_other_name = where(ids, "identifier agrees") & where(family, "different")
    return [
        DIFFERENT_ID if d else SAME_ID_DIFFERENT_NAME if s else ""
        for d, s in zip(different_id.tolist(), same_id_other_name.tolist(), strict=True)
    ]


def explain(model: CompiledModel, levels: Sequence[int], weights: Sequence[float]) -> Explanation:
    out = Explanation()
    for (spec, compiled), i, weight in zip(model.comparisons, levels, weights, strict=True):
        level = compiled[int(i)].spec
        out.fields[spec.name] = {"level": level.label, "weight": float(weight)}
        if level.note and level.note not in out.notes and level.note != "identifier conflict":
            out.notes.append(level.note)
    out.conflict = conflict(model, levels)
    if out.conflict:
        out.notes.append(out.conflict)
    return out
