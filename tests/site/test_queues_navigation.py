"""Every page a role may use is reachable: from its navigation or from the object it belongs
to; the demo seeds the documented misuse rules."""

from __future__ import annotations

import pytest

from access.core.actors import SystemActor
from access.inquiries.misuse import DOCUMENTED_RULES, seed_documented_rules
from access.inquiries.models import MisuseRule
from access.site.navigation import menu_for


def _links(user) -> dict[str, str]:
    """Every link of the user's menu, inside groups (dropdowns) or standing alone."""
    links = {}
    for item in menu_for(user, "/"):
        for link in item.get("children") or [item]:
            links[link["label"]] = link["url"]
    return links


@pytest.mark.parametrize(
    ("role", "label", "url"),
    [
        ("ice_program_manager", "Recommendation settings", "/requests/recommendation-settings/"),
        ("oversight_auditor", "Misuse rules", "/inquiries/misuse/rules/"),
        ("ice_supervisor", "Citizenship stops", "/inquiries/citizenship-stops/"),
        ("lesc_analyst", "Analyst queue", "/inquiries/queue/"),
    ],
)
def test_each_working_page_is_in_its_roles_navigation(make_user, client_as, role, label, url):
    user = make_user(role)
    assert _links(user)[label] == url
    assert client_as(user).get(url).status_code == 200


def test_roles_without_the_grant_do_not_see_those_links(make_user, agency_a):
    liaison = make_user("agency_liaison", agency_a)
    labels = set(_links(liaison))
    assert not labels & {
        "Recommendation settings",
        "Misuse rules",
        "Citizenship stops",
        "Analyst queue",
    }


def test_oversight_reaches_citizenship_stops_from_the_misuse_flags(make_user, client_as):
    page = client_as(make_user("oversight_auditor")).get("/inquiries/misuse/flags/")
    text = page.content.decode()
    assert 'href="/inquiries/citizenship-stops/"' in text
    assert 'href="/inquiries/misuse/rules/"' in text


def test_the_documented_rules_are_seeded_once(db):
    actor = SystemActor("set-up")
    added = seed_documented_rules(actor)
    assert sorted(r.kind for r in added) == sorted(spec["kind"] for spec in DOCUMENTED_RULES)
    assert seed_documented_rules(actor) == []
    assert MisuseRule.objects.filter(active=True).count() == len(DOCUMENTED_RULES)
