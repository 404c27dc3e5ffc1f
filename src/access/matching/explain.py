"""Why a pair scored as it did: the weight each comparison contributed, plus plain notes, and
the safety rules (``rules``: identifier conflicts, caps) that hold for the pair."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from access.matching import rules
from access.matching.evaluate import CompiledModel
from access.matching.model import LevelKey
from access.matching.rules import DIFFERENT_ID, SAME_ID_DIFFERENT_NAME

__all__ = ["DIFFERENT_ID", "SAME_ID_DIFFERENT_NAME", "Explanation", "explain", "level_labels"]


@dataclass
class Explanation:
    """``conflict``: the identifier conflict of the pair; ``cap``: the safety rule that keeps it
    at "possible" at most (``rules``); ``calibrate.band_explained`` notes the cap when it
    lowered the band."""

    fields: dict[str, dict[str, object]] = field(default_factory=dict)  # name -> level, weight
    notes: list[str] = field(default_factory=list)
    conflict: str = ""
    cap: str = ""

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


def explain(model: CompiledModel, levels: Sequence[int], weights: Sequence[float]) -> Explanation:
    out = Explanation()
    for (spec, compiled), i, weight in zip(model.comparisons, levels, weights, strict=True):
        level = compiled[int(i)].spec
        out.fields[spec.name] = {"level": level.label, "weight": float(weight)}
        if level.note and level.note not in out.notes and level.key != LevelKey.CONFLICT:
            out.notes.append(level.note)
    out.conflict = rules.conflict(model, levels)
    out.cap = "" if out.conflict else rules.cap(model, levels)
    if out.conflict:
        out.notes.append(out.conflict)
    return out
