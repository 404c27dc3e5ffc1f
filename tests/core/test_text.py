"""Counted nouns and status phrases read as sentences."""

from __future__ import annotations

from django.template import Context, Template

from access.agreements.choices import AgreementStatus
from access.core.text import plural, these
from access.partnerships.choices import RequestStatus


def test_plural_fits_the_count():
    assert plural(1, "problem") == "1 problem"
    assert plural(2, "problem") == "2 problems"
    assert plural(0, "agency", "agencies") == "0 agencies"
    assert plural(3, "agency", "agencies", show=False) == "agencies"


def test_these_says_this_for_one_and_these_with_the_count_for_more():
    assert these(1, "problem") == "this problem"
    assert these(2, "problem") == "these 2 problems"


def test_the_template_filter_reads_the_same():
    rendered = Template('{% load text %}Correct {{ n|these:"problem" }}.')
    assert rendered.render(Context({"n": 1})) == "Correct this problem."
    assert rendered.render(Context({"n": 3})) == "Correct these 3 problems."


def test_status_phrases_are_sentences():
    assert AgreementStatus.phrase("legal_review", now=True) == "is now in ICE legal review"
    assert AgreementStatus.phrase("signed", now=True) == "is now signed"
    assert AgreementStatus.phrase("draft") == "is a draft"
    assert RequestStatus.phrase("plan_agreed", now=True) == "now has an agreed plan of action"
    assert RequestStatus.phrase("submitted") == "is submitted"


def test_every_status_has_a_phrase_without_raw_codes():
    for choice_set in (AgreementStatus, RequestStatus):
        for value in choice_set.values():
            phrase = choice_set.phrase(value, now=True)
            assert "_" not in phrase and phrase[0].islower(), phrase
