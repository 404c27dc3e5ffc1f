"""Analysts' decisions are labelled pairs for the next calibration (inquiries.decisions,
registered with records.model_lifecycle)."""

from __future__ import annotations

from typing import Any

from tests.inquiries.conftest import BASE, pick_subject

from access.inquiries import actions
from access.inquiries.choices import Channel
from access.inquiries.message import check
from access.records import model_lifecycle

EVIDENCE = {"evidence": ["dhs_indices", "record_comparison"], "notes": "Name, DOB, A-file agree."}


def test_verified_and_rejected_candidates_become_labelled_pairs(
    store: Any, make_user: Any, agency_a: Any
) -> None:
    officer = make_user("agency_officer", agency_a, username="officer.d")
    analyst = make_user("lesc_analyst", username="analyst.d")
    assert model_lifecycle.decisions() == []
    verified = actions.submit_inquiry(
        officer, check({**BASE, **pick_subject(citizen=False)}), channel=Channel.WEB
    )
    top = verified.candidates.order_by("rank").first()
    assert top is not None
    actions.view_candidate(analyst, top)
    actions.determine(analyst, verified, determination="found_verified", candidate=top, **EVIDENCE)
    decided = model_lifecycle.decisions()
    assert len(decided) == verified.candidates.count()
    truth = {d.record_pk: d.same_person for d in decided}
    assert truth[top.record_id] is True
    assert sum(truth.values()) == 1
    assert all(d.query.family_names == tuple(verified.family_name.split()) for d in decided)
