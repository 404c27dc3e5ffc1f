"""Clause templates: every model renders every required section with the variables filled."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from access.agreements import actions, clauses
from access.agreements.clause_seed import seed_sections
from access.agreements.models import ClauseTemplate
from access.core.actors import SystemActor


@pytest.mark.parametrize("code", ["287g_jem", "287g_tfm", "287g_wso"])
def test_each_model_renders_every_required_section_with_the_variables(draft, with_contacts, code):
    agreement = draft(
        code=code, officer_limit=8, effective_on=date(2025, 8, 1), expires_on=date(2028, 7, 31)
    )
    version = agreement.versions.get()
    keys = [s["key"] for s in version.sections]
    assert set(clauses.REQUIRED_SECTIONS) <= set(keys)
    text = {s["key"]: s["text"] for s in version.sections}
    everything = "\n".join(text.values())
    assert "{{" not in everything and "{%" not in everything
    assert "Alpha County Sheriff's Office, Florida" in text["parties"]
    assert "no more than 8 participating personnel" in text["nomination"]
    assert "ICE Test Field Office" in text["supervision"]
    assert "effective on August 1, 2025 and remains in effect until July 31, 2028" in text["term"]
    assert "- Dana Reyes, Chief Deputy, 555-0100" in text["appendix_contacts"]
    assert "- Robin Hale, Assistant Field Office Director, 555-0100" in text["appendix_contacts"]
    assert "Sam Ortiz, Internal Affairs Commander" in text["appendix_complaints"]
    assert "Lee Park, Public Information Officer" in text["appendix_public_info"]
    assert "Level 1" in text["purpose"] and "Level 3" in text["purpose"]
    assert (
        "at least 70 percent" in text["training"] and "one similar examination" in text["training"]
    )
    assert "valid for one year" in text["certification"]
    assert "within 90 days" in text["appendix_complaints"]


def test_models_differ_where_the_moas_differ(draft):
    text = {
        code: {s["key"]: s["text"] for s in draft(code=code).versions.get().sections}
        for code in ("287g_jem", "287g_tfm", "287g_wso")
    }
    assert "not authorized to interview" in text["287g_wso"]["functions"]
    assert "to issue immigration detainers" in text["287g_wso"]["functions"]  # as a prohibition
    assert "Form I-200" in text["287g_wso"]["functions"]
    assert "field duties" in text["287g_tfm"]["functions"]
    assert "jail and correctional facilities" in text["287g_jem"]["functions"]
    assert "eight-hour online course" in text["287g_wso"]["training"]
    assert "two years of law enforcement experience" in text["287g_tfm"]["nomination"]


def test_missing_values_read_as_to_be_completed(draft):
    agreement = draft(officer_limit=None)
    text = {s["key"]: s["text"] for s in agreement.versions.get().sections}
    assert "no more than [to be completed] participating" in text["nomination"]
    assert "effective on the date of the last signature" in text["term"]
    assert "- [point of contact to be completed]" in text["appendix_contacts"]


def test_a_later_template_version_applies_only_from_its_effective_date(draft):
    sections = seed_sections("JEM")
    for s in sections:
        if s["key"] == "purpose":
            s["text"] = "Revised purpose for {{ agency_name }}."
    actions.add_clause_template(
        SystemActor("test"),
        model_code="JEM",
        version=2,
        effective_from=date(2026, 1, 1),
        sections=sections,
    )
    before = draft(drafted_on=date(2025, 12, 31))
    after = draft(drafted_on=date(2026, 1, 1))
    assert before.clause_template.version == 1 and after.clause_template.version == 2
    purpose = {a.pk: a.versions.get().sections[1]["text"] for a in (before, after)}
    assert purpose[after.pk] == "Revised purpose for Alpha County Sheriff's Office."
    assert purpose[before.pk].startswith("The objective of this MOA")


def test_templates_render_in_a_sandbox():
    # No loader tags, no load, no debug: a template cannot reach files, modules or settings.
    for source in (
        '{% include "base.html" %}',
        "{% load static %}",
        "{% debug %}",
        '{% extends "base.html" %}',
    ):
        with pytest.raises(ValidationError):
            clauses.check_sections(
                [{"key": "purpose", "heading": "P", "text": source}], model_code="other"
            )
    rendered = clauses.render_sections(
        [{"key": "k", "heading": "H", "text": "{{ agency_name }} {{ settings.SECRET_KEY }}"}],
        {"agency_name": "<b>A</b>"},
    )
    assert rendered[0]["text"] == "<b>A</b>"  # plain text, escaped when displayed


def test_a_template_missing_a_required_section_is_refused(db):
    sections = [s for s in seed_sections("TFM") if s["key"] != "civil_rights"]
    with pytest.raises(ValidationError) as refused:
        actions.add_clause_template(
            SystemActor("test"),
            model_code="TFM",
            version=2,
            effective_from=date(2026, 1, 1),
            sections=sections,
        )
    assert refused.value.messages == ["Missing required sections: civil_rights."]
    assert ClauseTemplate.objects.filter(model_code="TFM").count() == 1


def test_user_edits_are_never_rendered_as_templates(draft, manager):
    agreement = draft()
    version = actions.edit_sections(
        manager, agreement, {"purpose": "{{ agency_name }} {% now 'Y' %}"}, "Try a template"
    )
    assert version.sections[1]["text"] == "{{ agency_name }} {% now 'Y' %}"
