"""Agreement fixtures: users of each party, contacts, drafts, and a helper to reach any state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from access.agencies import actions as agency_actions
from access.agencies.models import Agency, Contact
from access.agreements import actions
from access.agreements.models import Agreement
from access.core.actors import SystemActor
from access.partnerships.models import PartnershipType

FIXTURE_ACTOR = SystemActor("agreement fixtures")
# The smallest file our check accepts is anything starting %PDF-; this one is a real PDF.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def pdf_upload(name: str = "signed.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "media"},
        },
    }


@pytest.fixture
def jem(db: Any) -> PartnershipType:
    return PartnershipType.objects.get(code="287g_jem")


@pytest.fixture
def with_contacts(agency_a: Agency, ice_office: Agency) -> Agency:
    for agency, name, title, role in [
        (agency_a, "Dana Reyes", "Chief Deputy", "primary"),
        (agency_a, "Lee Park", "Public Information Officer", "public_information"),
        (agency_a, "Sam Ortiz", "Internal Affairs Commander", "complaints"),
        (ice_office, "Robin Hale", "Assistant Field Office Director", "primary"),
    ]:
        agency_actions.save_contact(
            FIXTURE_ACTOR,
            Contact(agency=agency),
            name=name,
            title=title,
            role=role,
            phone="555-0100",
        )
    return agency_a


@pytest.fixture
def manager(make_user: Callable[..., Any]) -> Any:
    return make_user("ice_program_manager")


@pytest.fixture
def liaison(make_user: Callable[..., Any], agency_a: Agency) -> Any:
    return make_user("agency_liaison", agency_a)


@pytest.fixture
def draft(manager: Any, agency_a: Agency, ice_office: Agency, jem: PartnershipType) -> Any:
    def make(agency: Agency | None = None, code: str = "287g_jem", **extra: Any) -> Agreement:
        return actions.draft_agreement(
            manager,
            agency=agency or agency_a,
            partnership_type=PartnershipType.objects.get(code=code),
            supervising_office=ice_office,
            officer_limit=extra.pop("officer_limit", 12),
            **extra,
        )

    return make


PATH_TO_ACTIVE = [
    ("manager", "submit_for_legal_review"),
    ("manager", "approve_legal_review"),
    ("liaison", "approve_agency_review"),
    ("liaison", "sign"),
    ("manager", "sign"),
    ("manager", "activate"),
]


def advance(agreement: Agreement, people: dict[str, Any], until: str | None = None) -> Agreement:
    """Walk the legal path (stop before step ``until``); return the fresh agreement."""
    for who, step in PATH_TO_ACTIVE:
        if step == until:
            break
        actor = people[who]
        if step == "sign":
            actions.sign(
                actor,
                agreement,
                name=f"{actor.first_name} {actor.last_name}",
                title="Sheriff" if who == "liaison" else "Field Office Director",
                signed_on=date(2025, 7, 1) if who == "liaison" else date(2025, 7, 3),
                document=pdf_upload(),
            )
        else:
            actions.apply_transition(actor, agreement, step, reason=f"{step} ok")
        agreement = Agreement.objects.get(pk=agreement.pk)
    return agreement
