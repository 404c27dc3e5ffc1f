"""The Fellegi-Sunter model: comparisons as data, Splink settings built from them, EM training.

``COMPARISONS`` is the single description of the model. ``splink_settings`` turns it into a
Splink 5 settings object (SQL, run by DuckDB or Spark); ``access.matching.evaluate`` turns the
same description into Python predicates. The trained parameters (m/u per level, the prior, the
term-frequency tables) live in a ``Model`` that both evaluators read.
"""

from __future__ import annotations

import gc
import json
import logging
import math
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from access.matching.normalize import FEATURE_COLUMNS

log = logging.getLogger(__name__)

TF_COLUMNS = ("given", "family")
# The band thresholds of a model without calibrated ones, on every path (inquiries, `access
# link`, `access dedupe`): probable at 0.99, possible at 0.5 of the match probability.
DEFAULT_THRESHOLDS = {"possible": 0.5, "probable": 0.99}


class Compared(StrEnum):
    """The stable identifier of each comparison (``Comparison.name``): the safety rules
    (``rules``) and the pruning order (``vectorised.PRUNE_ORDER``) refer to comparisons by
    these, never by a label shown to people."""

    GIVEN_NAME = "given_name"
    FAMILY_NAME = "family_name"
    DATE_OF_BIRTH = "date_of_birth"
    IDENTIFIERS = "identifiers"
    SEX = "sex"
    PLACE_OF_BIRTH = "place_of_birth"
    ADDRESS = "address"


class LevelKey(StrEnum):
    """The stable identifier of a level within its comparison (``Level.key``): what the safety
    rules and the pruning refer to; ``Level.label`` and ``Level.note`` are wording only."""

    AGREES = "agrees"
    CITY = "city"
    CONFLICT = "conflict"
    DAY_MONTH_SWAPPED = "day_month_swapped"
    DIFFERENT = "different"
    EXACT = "exact"
    NICKNAME = "nickname"
    NULL = "null"
    ONE_DIGIT = "one_digit"
    ORDER_DIFFERS = "order_differs"
    OTHER_RECORDED = "other_recorded"
    PHONETIC = "phonetic"
    POSTCODE = "postcode"
    SIMILAR = "similar"
    SURNAME_SUBSET = "surname_subset"
    YEAR = "year"
    YEAR_MONTH = "year_month"


@dataclass(frozen=True)
class Level:
    """One comparison level. ``kind`` names a rule both evaluators implement identically."""

    kind: (
        str  # null, exact, intersect, jw, contains, swapped, dl1, prefix7, id_null, addr_null, else
    )
    col: str = ""
    label: str = ""
    note: str = ""  # the explanation note shown when a pair lands on this level
    arg: Any = None  # threshold (jw) or second column (contains, swapped)
    tf: bool = False
    m_default: float = 0.05  # used when EM never saw the level (Splink's "not observed")
    # A stable identifier within its comparison: the safety rules and the pruning refer to
    # levels by it, so renaming a label shown to people cannot silently change a rule.
    key: str = ""  # a LevelKey


@dataclass(frozen=True)
class Comparison:
    name: str
    levels: tuple[Level, ...]


def _name(col: str, tokens_col: str, variants: bool, noun: str) -> tuple[Level, ...]:
    levels = [
        Level("null", col, f"{noun} missing", key=LevelKey.NULL),
        Level("exact", col, "exact", tf=True, m_default=0.8, key=LevelKey.EXACT),
    ]
    if variants:
        levels.append(
            Level(
                "intersect",
                "given_variants",
                "nickname",
                "nickname",
                m_default=0.03,
                key=LevelKey.NICKNAME,
            ),
        )
    else:
        levels.append(
            Level(
                "intersect",
                "family_tokens",
                "surname subset",
                "surname subset",
                m_default=0.05,
                key=LevelKey.SURNAME_SUBSET,
            ),
        )
    levels += [
        Level(
            "jw",
            col,
            "similar spelling",
            "similar spelling",
            arg=0.92,
            m_default=0.05,
            key=LevelKey.SIMILAR,
        ),
        Level(
            "exact",
            f"{col}_ph",
            "sounds alike",
            "sounds alike",
            m_default=0.02,
            key=LevelKey.PHONETIC,
        ),
        Level(
            "contains",
            col if variants else "family_first",
            "name order differs",
            "name order differs",
            arg=tokens_col,
            m_default=0.02,
            key=LevelKey.ORDER_DIFFERS,
        ),
        Level("else", label="different", m_default=0.03, key=LevelKey.DIFFERENT),
    ]
    return tuple(levels)


COMPARISONS: tuple[Comparison, ...] = (
    Comparison(Compared.GIVEN_NAME, _name("given", "name_tokens", True, "given name")),
    Comparison(Compared.FAMILY_NAME, _name("family", "name_tokens", False, "family name")),
    Comparison(
        Compared.DATE_OF_BIRTH,
        (
            Level("null", "dob", "date of birth missing", key=LevelKey.NULL),
            Level("exact", "dob", "exact", m_default=0.85, key=LevelKey.EXACT),
            Level(
                "intersect",
                "dobs",
                "another recorded date",
                "another recorded date of birth",
                key=LevelKey.OTHER_RECORDED,
            ),
            Level(
                "swapped",
                "dob",
                "day and month swapped",
                "day and month swapped",
                arg="dob_swapped",
                m_default=0.02,
                key=LevelKey.DAY_MONTH_SWAPPED,
            ),
            Level(
                "dl1",
                "dob",
                "one digit differs",
                "one digit differs",
                m_default=0.04,
                key=LevelKey.ONE_DIGIT,
            ),
            Level(
                "prefix7",
                "dob",
                "same year and month",
                "same year and month",
                key=LevelKey.YEAR_MONTH,
            ),
            Level(
                "exact",
                "dob_year",
                "same year",
                "same year only",
                m_default=0.02,
                key=LevelKey.YEAR,
            ),
            Level(
                "else",
                label="different",
                note="different date of birth",
                m_default=0.02,
                key=LevelKey.DIFFERENT,
            ),
        ),
    ),
    Comparison(
        Compared.IDENTIFIERS,
        (
            Level("id_null", "ids", "no identifier kind in common", key=LevelKey.NULL),
            Level(
                "intersect",
                "ids",
                "identifier agrees",
                "identifier agrees",
                m_default=0.9,
                key=LevelKey.AGREES,
            ),
            Level(
                "else",
                label="identifier conflict",
                note="identifier conflict",
                m_default=0.1,
                key=LevelKey.CONFLICT,
            ),
        ),
    ),
    Comparison(
        Compared.SEX,
        (
            Level("null", "sex", "sex missing", key=LevelKey.NULL),
            Level("exact", "sex", "same", m_default=0.95, key=LevelKey.EXACT),
            Level("else", label="different", m_default=0.05, key=LevelKey.DIFFERENT),
        ),
    ),
    Comparison(
        Compared.PLACE_OF_BIRTH,
        (
            Level("null", "pob", "place of birth missing", key=LevelKey.NULL),
            Level("exact", "pob", "exact", m_default=0.8, key=LevelKey.EXACT),
            Level("jw", "pob", "similar", "similar place of birth", arg=0.88, key=LevelKey.SIMILAR),
            Level("else", label="different", m_default=0.15, key=LevelKey.DIFFERENT),
        ),
    ),
    Comparison(
        Compared.ADDRESS,
        (
            Level("addr_null", "postcode", "address missing", key=LevelKey.NULL),
            Level("exact", "postcode", "same postcode", m_default=0.4, key=LevelKey.POSTCODE),
            Level("exact", "city", "same city", m_default=0.2, key=LevelKey.CITY),
            Level("else", label="different", m_default=0.4, key=LevelKey.DIFFERENT),
        ),
    ),
)


# --- Splink -------------------------------------------------------------------------------


def _splink_level(level: Level) -> Any:
    import splink.comparison_level_library as cll

    col, kind = level.col, level.kind
    if kind == "null":
        return cll.NullLevel(col)
    if kind == "exact":
        return cll.ExactMatchLevel(col, term_frequency_adjustments=level.tf)
    if kind == "intersect":
        return cll.ArrayIntersectLevel(col, 1)
    if kind == "jw":
        return cll.JaroWinklerLevel(col, level.arg)
    if kind == "contains":
        sql = f"array_contains({level.arg}_r, {col}_l) OR array_contains({level.arg}_l, {col}_r)"
        return cll.CustomLevel(sql, base_dialect_str="duckdb")
    if kind == "swapped":
        return cll.CustomLevel(f"{col}_l = {level.arg}_r", base_dialect_str="duckdb")
    if kind == "dl1":
        sql = (
            f"length({col}_l) = 10 AND length({col}_r) = 10 "
            f"AND damerau_levenshtein({col}_l, {col}_r) <= 1"
        )
        return cll.CustomLevel(sql, base_dialect_str="duckdb")
    if kind == "prefix7":
        sql = (
            f"length({col}_l) >= 7 AND length({col}_r) >= 7 "
            f"AND substr({col}_l, 1, 7) = substr({col}_r, 1, 7)"
        )
        return cll.CustomLevel(sql, base_dialect_str="duckdb")
    if kind == "id_null":
        return cll.Or(cll.NullLevel("ids"), cll.Not(cll.ArrayIntersectLevel("id_kinds", 1)))
    if kind == "addr_null":
        sql = "(postcode_l IS NULL OR postcode_r IS NULL) AND (city_l IS NULL OR city_r IS NULL)"
        return cll.CustomLevel(sql, base_dialect_str="duckdb")
    if kind == "else":
        return cll.ElseLevel()
    raise ValueError(f"unknown level kind {kind!r}")


def splink_comparisons() -> list[Any]:
    import splink.comparison_library as cl

    out = []
    for comparison in COMPARISONS:
        levels = []
        for level in comparison.levels:
            creator = _splink_level(level).configure(label_for_charts=level.label or level.kind)
            if level.kind in ("null", "id_null", "addr_null"):
                creator = creator.configure(is_null_level=True)
            levels.append(creator)
        out.append(
            cl.CustomComparison(
                comparison_levels=levels,
                output_column_name=comparison.name,
                comparison_description=comparison.name,
            )
        )
    return out


def blocking_rules() -> list[Any]:
    """Batch candidate pairs: records sharing a candidate key (the ``keys`` list column)."""
    from splink import block_on

    return [block_on("keys", arrays_to_explode=["keys"])]


def splink_settings(link_type: str = "dedupe_only") -> Any:
    from splink import SettingsCreator

    return SettingsCreator(
        link_type=link_type,  # type: ignore[arg-type]
        unique_id_column_name="unique_id",
        comparisons=splink_comparisons(),
        blocking_rules_to_generate_predictions=blocking_rules(),
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=False,
        probability_two_random_records_match=1e-4,
    )


# --- the trained model --------------------------------------------------------------------


@dataclass
class Model:
    """A trained model: Splink's settings (with m/u and the prior) and term-frequency tables.

    ``thresholds`` are the band boundaries on the *calibrated* match probability, and
    ``calibration`` the monotone mapping from Splink's probability to the observed match rate
    (knots ``x`` -> ``y``, linear between them; see ``calibrate.fit_isotonic``). Without a
    mapping the probability is used as it is.
    """

    settings: dict[str, Any]
    tf: dict[str, dict[str, float]]
    thresholds: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    calibration: dict[str, list[float]] | None = None

    def calibrated(self, probability: Any) -> Any:
        """The calibrated probability of raw probabilities (a float or an array)."""
        if not self.calibration:
            return probability
        out = np.interp(probability, self.calibration["x"], self.calibration["y"])
        return float(out) if np.ndim(out) == 0 else out

    @property
    def prior(self) -> float:
        return float(self.settings["probability_two_random_records_match"])

    def to_json(self) -> str:
        return json.dumps(
            {
                "settings": self.settings,
                "tf": self.tf,
                "thresholds": self.thresholds,
                "calibration": self.calibration,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Model:
        data = json.loads(text)
        return cls(data["settings"], data["tf"], data["thresholds"], data.get("calibration"))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Model:
        return cls.from_json(Path(path).read_text(encoding="utf-8"))


def _with_parameters(trained: dict[str, Any], link_type: str) -> dict[str, Any]:
    """Fresh settings from ``COMPARISONS`` carrying the trained m/u values and prior.

    Levels EM never saw (Splink's "not observed", m ~ 0) get the spec's default m, and a u
    that was never estimated gets 1e-6. Matching is by comparison name and level label, so a
    training session that failed half-way cannot shift parameters between levels.
    """
    fresh: dict[str, Any] = splink_settings(link_type).create_settings_dict("duckdb")
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for comparison in trained.get("comparisons", []):
        for level in comparison.get("comparison_levels", []):
            key = (comparison.get("output_column_name"), level.get("label_for_charts"))
            found[key] = level
    for spec, comparison in zip(COMPARISONS, fresh["comparisons"], strict=True):
        for level, data in zip(spec.levels, comparison["comparison_levels"], strict=True):
            if data.get("is_null_level"):
                continue
            old = found.get((spec.name, data.get("label_for_charts", "")), {})
            m, u = old.get("m_probability"), old.get("u_probability")
            data["m_probability"] = m if isinstance(m, float) and m > 1e-5 else level.m_default
            data["u_probability"] = u if isinstance(u, float) and u > 0 else 1e-6
    prior = trained.get("probability_two_random_records_match")
    prior = prior if isinstance(prior, float) else 1e-4
    fresh["probability_two_random_records_match"] = min(max(prior, 1e-9), 0.5)
    return fresh


def train(
    features: pa.Table,
    *,
    link_type: str = "dedupe_only",
    second: pa.Table | None = None,
    max_pairs: float = 1e6,
    seed: int = 1,
) -> Model:
    """Train by EM on DuckDB, without labels. ``features`` are rows of ``normalize.features``
    plus a ``keys`` list column; ``second`` is the other side for ``link_only``."""
    from splink import DuckDBAPI, Linker, block_on

    db_api = DuckDBAPI()
    tables = [db_api.register(features.select([*FEATURE_COLUMNS, "keys"]))]
    if second is not None:
        tables.append(db_api.register(second.select([*FEATURE_COLUMNS, "keys"])))
    linker = Linker(
        tables if second is not None else tables[0],
        splink_settings(link_type),
        log_level=logging.ERROR,
    )
    training = linker.training
    deterministic: list[Any] = [block_on("given", "family", "dob"), block_on("a_number")]
    try:
        training.estimate_probability_two_random_records_match(deterministic, recall=0.7)
    except Exception as err:  # too few agreeing pairs: keep the default prior
        log.debug("prior left at default: %s", err)
    training.estimate_u_using_random_sampling(max_pairs=max_pairs, seed=seed)
    # Session 1 (same date of birth) trains the names and the rest; session 2 trains the date
    # of birth on pairs sharing an identifier, or, without identifiers, a phonetic name.
    sessions = [
        [block_on("dob")],
        [block_on("a_number"), block_on("given_ph", "family_ph")],
    ]
    for alternatives in sessions:
        for rule in alternatives:
            try:
                training.estimate_parameters_using_expectation_maximisation(
                    rule, estimate_without_term_frequencies=True
                )
                break
            except Exception as err:  # too few pairs: try the next rule
                log.debug("EM session skipped (%s): %s", rule, err)
    settings = linker.misc.save_model_to_json()
    tf = {}
    for col in TF_COLUMNS:
        frame = linker.table_management.compute_tf_table(col).as_dict()
        tf[col] = {
            str(k): float(v)
            for k, v in zip(frame[col], frame[f"tf_{col}"], strict=True)
            if k is not None
        }
    # DuckDB keeps its buffers and the registered Arrow tables until the connection closes;
    # the linker's reference cycles would hold them until a full collection (GBs at 1M rows).
    db_api._con.close()
    del linker, training, tables, db_api
    gc.collect()
    return Model(_with_parameters(settings, link_type), tf)


def dialect_settings(model: Model, dialect: str, link_type: str) -> dict[str, Any]:
    """The trained model as settings for one SQL dialect: SQL regenerated from ``COMPARISONS``
    for that dialect, m/u values and the prior copied from the trained settings."""
    fresh = splink_settings(link_type).create_settings_dict(dialect)
    fresh["retain_matching_columns"] = True
    fresh["probability_two_random_records_match"] = model.prior
    for target, trained in zip(fresh["comparisons"], model.settings["comparisons"], strict=True):
        for level, trained_level in zip(
            target["comparison_levels"], trained["comparison_levels"], strict=True
        ):
            for key in ("m_probability", "u_probability"):
                if key in trained_level:
                    level[key] = trained_level[key]
    return fresh


def prior_weight(prior: float) -> float:
    return math.log2(prior / (1 - prior))
