"""The LESC access and training agreement gets its clause template, as the 287(g) models do."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from access.agreements import actions as agreement_actions
from access.agreements.clauses import check_sections
from access.agreements.models import ClauseTemplate
from access.partnerships.models import PartnershipType

pytestmark = pytest.mark.django_db


def test_lesc_template_is_seeded_and_drafts_an_agreement(
    people: Any, agency_a: Any, ice_office: Any
) -> None:
    template = ClauseTemplate.in_effect("LESC", timezone.localdate())
    assert template is not None
    check_sections(template.sections, model_code="LESC")
    agreement = agreement_actions.draft_agreement(
        people["manager"],
        agency=agency_a,
        partnership_type=PartnershipType.objects.get(code="lesc_training"),
        supervising_office=ice_office,
        officer_limit=15,
    )
    sections = {s["key"]: s["text"] for s in agreement.current_version.sections}  # type: ignore[union-attr]
    assert "Immigration Alien Queries" in sections["functions"]
    assert "no detainer" in sections["functions"]
    assert "no more than 15 trained personnel" in sections["nomination"]
    assert "70 percent" in sections["training"]
    assert agency_a.name in sections["parties"]
    assert "{{" not in " ".join(sections.values())
