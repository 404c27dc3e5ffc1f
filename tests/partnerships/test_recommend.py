"""The recommender's eligibility rules, ranking and explanations (pure functions)."""

from __future__ import annotations

import copy

import pytest

from access.partnerships.recommend import DEFAULT_SETTINGS, Facts, SettingsError, rank
from access.partnerships.reference import TYPES

ALL = [(t["code"], t["name"], t["family"]) for t in TYPES]
BIG_JAIL = Facts(
    has_jail=True,
    annual_bookings=15000,
    screening_share_percent=10,
    gang=1,
    transnational_gang=0,
    fraud=0,
    smuggling=0,
    sustainable_staff=5,
    sustainable_budget=200000,
    state_law_restricts=False,
)


def by_code(result):
    return {r.code: r for r in result}


def test_a_big_jail_ranks_the_jail_model_first_with_reasons():
    result = rank(BIG_JAIL, ALL, DEFAULT_SETTINGS)
    assert result[0].code == "287g_jem"
    assert (
        result[0].reasons[0]
        == "Benefit: about 1,500 bookings a year need immigration screening (factor 0.75, weight 1)."
    )
    assert all(r.eligible for r in result)


def test_no_jail_means_no_jem_wso_or_cap_team():
    result = by_code(rank(Facts(**{**BIG_JAIL.__dict__, "has_jail": False}), ALL, DEFAULT_SETTINGS))
    for code in ("287g_jem", "287g_wso", "cap_team"):
        assert not result[code].eligible
        assert result[code].reasons[0] == "Not eligible: Needs a jail; the agency runs none."
    assert result["287g_tfm"].eligible and result["lesc_training"].eligible


def test_a_state_law_restriction_excludes_every_287g_model():
    result = rank(
        Facts(**{**BIG_JAIL.__dict__, "state_law_restricts": True}), ALL, DEFAULT_SETTINGS
    )
    ineligible = {r.code for r in result if not r.eligible}
    assert ineligible == {"287g_jem", "287g_tfm", "287g_wso"}
    assert result[-1].code.startswith("287g_") and result[0].code == "cap_team"


def test_gang_activity_ranks_the_gang_task_force_first():
    facts = Facts(
        has_jail=False,
        annual_bookings=0,
        screening_share_percent=0,
        gang=3,
        transnational_gang=2,
        fraud=0,
        smuggling=0,
        sustainable_staff=3,
        sustainable_budget=150000,
        state_law_restricts=False,
    )
    assert rank(facts, ALL, DEFAULT_SETTINGS)[0].code == "tf_gangs"


def test_an_agency_that_cannot_sustain_staff_scores_lower_sustainability():
    poor = Facts(**{**BIG_JAIL.__dict__, "sustainable_staff": 1, "sustainable_budget": 15000})
    jem_rich = by_code(rank(BIG_JAIL, ALL, DEFAULT_SETTINGS))["287g_jem"]
    jem_poor = by_code(rank(poor, ALL, DEFAULT_SETTINGS))["287g_jem"]
    assert jem_rich.sustainability == 1.0 and jem_poor.sustainability == 0.175
    assert "needs 4 staff, the agency can sustain 1 (25% covered)" in " ".join(jem_poor.reasons)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.update(benefit_weight="high"), "benefit_weight must be a number"),
        (lambda s: s["types"].pop("ocs"), "settings lack the partnership types ocs"),
        (
            lambda s: s["types"]["ocs"]["benefit"].update(weather=1),
            "ocs: unknown benefit factors weather",
        ),
        (
            lambda s: s["rules"].append({"when": "full_moon", "reason": "x"}),
            "a rule's 'when' must be one of",
        ),
    ],
)
def test_bad_settings_are_refused_with_the_problem(change, message):
    settings = copy.deepcopy(DEFAULT_SETTINGS)
    change(settings)
    with pytest.raises(SettingsError) as error:
        rank(BIG_JAIL, ALL, settings)
    assert message in str(error.value)
