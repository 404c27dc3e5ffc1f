"""Issue 15 item 14: a misuse rule counts each user's refusals (``access.denied`` events, via
``audit.denials.denial_counts``) and flags a user refused too often within its window."""

from __future__ import annotations

import pytest

from access.core.actors import SystemActor
from access.inquiries import misuse
from access.inquiries.choices import MisuseRuleKind
from access.inquiries.models import MisuseFlag
from access.inquiries.tasks import flag_repeated_denials


@pytest.fixture(autouse=True)
def _denials_on(settings):
    settings.ACCESS_AUDIT_DENIALS = True  # off in test settings; this rule needs them


@pytest.fixture
def rule(db):
    return misuse.add_rule(
        _oversight(), kind=MisuseRuleKind.DENIALS, threshold=3, window_minutes=60
    )


def _oversight():
    from access.accounts.models import User

    return User.objects.get(username="oversight.rules")


@pytest.fixture(autouse=True)
def _oversight_user(make_user):
    make_user("oversight_auditor", username="oversight.rules")


def test_a_user_refused_more_than_the_threshold_is_flagged_once(client_as, make_user, rule):
    prober = make_user("agency_liaison", username="prober")
    client = client_as(prober)
    for _ in range(3):
        assert client.get("/inquiries/").status_code == 404
    assert flag_repeated_denials.call() == []  # 3 is not more than 3

    assert client.get("/audit/").status_code == 404
    [pk] = flag_repeated_denials.call()
    flag = MisuseFlag.objects.get(pk=pk)
    assert flag.rule == rule and flag.inquiry is None
    assert flag.evidence["user_id"] == prober.pk and flag.evidence["count"] == 4
    assert flag.evidence["routes"] == ["/audit/", "/inquiries/"]
    # Once per user and window: more refusals, no second flag.
    assert client.get("/audit/").status_code == 404
    assert flag_repeated_denials.call() == []
    assert MisuseFlag.objects.count() == 1


def test_a_user_under_the_threshold_or_without_refusals_is_not_flagged(client_as, make_user, rule):
    client = client_as(make_user("agency_liaison", username="careful"))
    assert client.get("/inquiries/").status_code == 404
    client_as(make_user("lesc_analyst", username="busy")).get("/inquiries/")
    assert flag_repeated_denials.call() == []
    assert MisuseFlag.objects.count() == 0


def test_the_refusal_rule_is_among_the_documented_rules(db):
    added = misuse.seed_documented_rules(SystemActor("test"))
    [denials] = [r for r in added if r.kind == MisuseRuleKind.DENIALS]
    assert (denials.threshold, denials.window_minutes) == (20, 60)
