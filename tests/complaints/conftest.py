"""Complaint fixtures: the officers app's people and walk, an OPR investigator, an agency with
an agreement in force."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from tests.officers.conftest import (  # noqa: F401  (fixtures shared with the officers tests)
    agent,
    agreement,
    director,
    liaison,
    manager,
    people,
    supervisor,
    walk,
)


@pytest.fixture
def opr(make_user: Callable[..., Any]) -> Any:
    return make_user("opr_investigator", username="opr")


@pytest.fixture
def filing(agreement: Any) -> dict[str, Any]:  # noqa: F811
    return {
        "agency": agreement.agency.pk,
        "officer_description": "Deputy at the booking desk",
        "incident_on": "",
        "incident_place": "County jail",
        "narrative": "I was held past my release time and nobody told me why.",
        "complainant_name": "",
        "complainant_contact": "person@example.org",
        "website": "",
    }
