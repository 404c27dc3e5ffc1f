"""Rank partnership types by expected benefit and sustainability, with a reason for every score.

Pure functions over plain data: ``Facts`` from the needs assessment and ``settings`` (the
effective-dated JSON that ICE program managers edit). Hard rules make a type ineligible; the
others get ``score = benefit_weight * benefit + sustainability_weight * sustainability``, each
part in 0..1, explained factor by factor. Benefit is the weighted sum of the needs a type
meets (capped at 1); sustainability is the share of the type's staff and budget the agency
can sustain.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Factors the settings may weigh, each normalised to 0..1 from the facts.
FACTORS = {
    "jail_screening": "bookings needing immigration screening",
    "gangs": "local gang activity",
    "transnational_gangs": "transnational gang activity",
    "fraud": "document or benefit fraud",
    "smuggling": "human smuggling",
    "general": "general need for immigration-status information",
}
CONDITIONS = {
    "no_jail": "the agency runs no jail",
    "state_law_restricts": "state or local law restricts 287(g)",
}

DEFAULT_SETTINGS: dict[str, Any] = {
    "benefit_weight": 0.6,
    "sustainability_weight": 0.4,
    "screening_bookings_for_full_benefit": 2000,
    "rules": [
        {
            "when": "no_jail",
            "families": [],
            "types": ["287g_jem", "287g_wso", "cap_team"],
            "reason": "Needs a jail; the agency runs none.",
        },
        {
            "when": "state_law_restricts",
            "families": ["287g"],
            "types": [],
            "reason": "State or local law restricts participation in 287(g).",
        },
    ],
    "types": {
        "287g_jem": {"benefit": {"jail_screening": 1.0}, "staff": 4, "budget": 150000},
        "287g_wso": {"benefit": {"jail_screening": 0.7}, "staff": 2, "budget": 40000},
        "287g_tfm": {
            "benefit": {"gangs": 0.4, "transnational_gangs": 0.4, "smuggling": 0.4},
            "staff": 4,
            "budget": 200000,
        },
        "tf_gangs": {
            "benefit": {"gangs": 1.0, "transnational_gangs": 0.5},
            "staff": 3,
            "budget": 120000,
        },
        "tf_fraud": {"benefit": {"fraud": 1.0}, "staff": 2, "budget": 80000},
        "ocs": {"benefit": {"transnational_gangs": 1.0}, "staff": 2, "budget": 60000},
        "cap_team": {"benefit": {"jail_screening": 0.8}, "staff": 0, "budget": 10000},
        "lesc_training": {
            "benefit": {"general": 0.5, "jail_screening": 0.2},
            "staff": 0,
            "budget": 2000,
        },
    },
}


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Facts:
    has_jail: bool
    annual_bookings: int
    screening_share_percent: int
    gang: int  # 0..3
    transnational_gang: int
    fraud: int
    smuggling: int
    sustainable_staff: int
    sustainable_budget: int
    state_law_restricts: bool


@dataclass
class Ranked:
    code: str
    name: str
    eligible: bool
    score: float
    benefit: float
    sustainability: float
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def factor_values(facts: Facts, settings: dict[str, Any]) -> dict[str, tuple[float, str]]:
    needing = facts.annual_bookings * facts.screening_share_percent / 100 if facts.has_jail else 0
    full = settings["screening_bookings_for_full_benefit"]
    levels = ["none", "low", "moderate", "high"]
    return {
        "jail_screening": (
            min(1.0, needing / full),
            f"about {needing:,.0f} bookings a year need immigration screening",
        ),
        "gangs": (facts.gang / 3, f"{levels[facts.gang]} local gang activity"),
        "transnational_gangs": (
            facts.transnational_gang / 3,
            f"{levels[facts.transnational_gang]} transnational gang activity",
        ),
        "fraud": (facts.fraud / 3, f"{levels[facts.fraud]} document or benefit fraud"),
        "smuggling": (facts.smuggling / 3, f"{levels[facts.smuggling]} human smuggling"),
        "general": (
            0.3,
            "every agency gains some benefit from accurate immigration-status information",
        ),
    }


def _blocked(code: str, family: str, facts: Facts, settings: dict[str, Any]) -> list[str]:
    active = {"no_jail": not facts.has_jail, "state_law_restricts": facts.state_law_restricts}
    return [
        rule["reason"]
        for rule in settings["rules"]
        if active[rule["when"]] and (code in rule["types"] or family in rule["families"])
    ]


def rank(facts: Facts, types: list[tuple[str, str, str]], settings: dict[str, Any]) -> list[Ranked]:
    """``types``: (code, name, family) of every partnership type. Best first; ineligible last."""
    validate(settings, [code for code, _, _ in types])
    values = factor_values(facts, settings)
    out = []
    for code, name, family in types:
        spec = settings["types"][code]
        reasons: list[str] = []
        blocked = _blocked(code, family, facts, settings)
        weights = spec["benefit"]
        # Weights are absolute: a type's weights say how much each need it meets is worth.
        benefit = min(1.0, sum(w * values[f][0] for f, w in weights.items()))
        for factor, weight in sorted(weights.items(), key=lambda kv: -kv[1]):
            value, text = values[factor]
            reasons.append(f"Benefit: {text} (factor {value:.2f}, weight {weight:g}).")
        staff_cover = (
            1.0 if spec["staff"] == 0 else min(1.0, facts.sustainable_staff / spec["staff"])
        )
        budget_cover = (
            1.0 if spec["budget"] == 0 else min(1.0, facts.sustainable_budget / spec["budget"])
        )
        sustainability = (staff_cover + budget_cover) / 2
        reasons.append(
            f"Sustainability: needs {spec['staff']} staff, the agency can sustain "
            f"{facts.sustainable_staff} ({staff_cover:.0%} covered)."
        )
        reasons.append(
            f"Sustainability: needs about ${spec['budget']:,} a year, the agency can sustain "
            f"${facts.sustainable_budget:,} ({budget_cover:.0%} covered)."
        )
        score = (
            settings["benefit_weight"] * benefit
            + settings["sustainability_weight"] * sustainability
        )
        if blocked:
            reasons = [f"Not eligible: {r}" for r in blocked] + reasons
        out.append(
            Ranked(
                code,
                name,
                not blocked,
                round(score, 3),
                round(benefit, 3),
                round(sustainability, 3),
                reasons,
            )
        )
    return sorted(out, key=lambda r: (not r.eligible, -r.score, r.code))


def validate(settings: dict[str, Any], codes: list[str]) -> None:
    """Refuse settings the recommender cannot apply, naming the first problem."""
    for key in ("benefit_weight", "sustainability_weight", "screening_bookings_for_full_benefit"):
        if not isinstance(settings.get(key), int | float) or settings[key] < 0:
            raise SettingsError(f"{key} must be a number of 0 or more")
    if settings["screening_bookings_for_full_benefit"] <= 0:
        raise SettingsError("screening_bookings_for_full_benefit must be more than 0")
    for rule in settings.get("rules", []):
        if rule.get("when") not in CONDITIONS:
            raise SettingsError(f"a rule's 'when' must be one of {', '.join(CONDITIONS)}")
        if not rule.get("reason"):
            raise SettingsError("every rule needs a plain-language 'reason'")
    missing = [c for c in codes if c not in settings.get("types", {})]
    if missing:
        raise SettingsError(f"settings lack the partnership types {', '.join(missing)}")
    for code, spec in settings["types"].items():
        unknown = set(spec.get("benefit", {})) - set(FACTORS)
        if unknown:
            raise SettingsError(f"{code}: unknown benefit factors {', '.join(sorted(unknown))}")
        for key in ("staff", "budget"):
            if not isinstance(spec.get(key), int) or spec[key] < 0:
                raise SettingsError(f"{code}: {key} must be a whole number of 0 or more")
