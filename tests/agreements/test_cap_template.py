"""The Criminal Alien Program gets its agreement clause template (issue 18), as the 287(g)
models and LESC have theirs: drafting renders every clause, the request page offers to draft
it, and the PDF builds."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from tests.agreements.test_held import _request_at
from tests.agreements.test_versions_pdf import inflated

from access.agencies import actions as agency_actions
from access.agencies.models import Facility
from access.agreements.clause_seed import CAP_ORDER
from access.agreements.clauses import check_sections
from access.agreements.models import Agreement, ClauseTemplate
from access.audit.models import AuditEvent
from access.core.actors import SystemActor, bound_actor
from access.partnerships import actions as intake
from access.partnerships.models import PartnershipDecision, PartnershipType

pytestmark = pytest.mark.django_db
SETUP = SystemActor("test setup")


@pytest.fixture
def cap(db: Any) -> PartnershipType:
    return PartnershipType.objects.get(code="cap_team")


@pytest.fixture
def jails(agency_a: Any) -> list[Facility]:
    return [
        agency_actions.save_facility(SETUP, Facility(agency=agency_a), name=name, city=city)
        for name, city in [("Beta Jail Annex", "Alpha"), ("Alpha County Jail", "Alpha")]
    ]


def test_the_cap_template_is_seeded_and_well_formed() -> None:
    template = ClauseTemplate.in_effect("CAP", date.today())
    assert template is not None and template.version == 1
    check_sections(template.sections, model_code="CAP")
    assert [s["key"] for s in template.sections] == CAP_ORDER
    headings = {s["key"]: s["heading"] for s in template.sections}
    assert headings["facility_access"] == "Facility access and hours"
    assert headings["roster_delivery"] == "Booking rosters"
    assert headings["interviews"] == "Interview space and remote interviews"
    assert headings["information_sharing"] == "Information sharing"
    assert (headings["costs"], headings["duration"], headings["termination"]) == (
        "Costs",
        "Duration",
        "Termination",
    )


def test_drafting_a_cap_agreement_renders_every_clause(
    draft: Any, with_contacts: Any, jails: list[Facility]
) -> None:
    agreement = draft(
        code="cap_team",
        officer_limit=None,
        effective_on=date(2026, 1, 1),
        expires_on=date(2028, 12, 31),
    )
    assert agreement.clause_template.model_code == "CAP"
    version = agreement.versions.get()
    assert [s["key"] for s in version.sections] == CAP_ORDER
    text = {s["key"]: s["text"] for s in version.sections}
    everything = "\n".join(text.values())
    assert "{{" not in everything and "{%" not in everything
    assert all(text[key].strip() for key in CAP_ORDER)
    assert "Alpha County Sheriff's Office, Florida" in text["parties"]
    assert "Criminal Alien Program (CAP)" in text["parties"]
    # the agency's jails, by name, in the access clause; the ICE office named
    assert "- Alpha County Jail, Alpha\n- Beta Jail Annex, Alpha\n" in text["facility_access"]
    assert "CAP officers of ICE Test Field Office" in text["facility_access"]
    assert "at least once a day" in text["roster_delivery"]
    assert "never by unencrypted email" in text["roster_delivery"]
    assert "treated as released" in text["roster_delivery"]
    assert "by telephone or by video" in text["interviews"]
    assert "interpreter" in text["interviews"]
    assert "citizenship made in an interview stops the process" in text["interviews"]
    assert "every view of a screening result and every export" in text["information_sharing"]
    assert "Each party bears its own costs" in text["costs"]
    assert (
        "effective on January 1, 2026 and remains in effect until December 31, 2028"
        in (text["duration"])
    )
    assert "effective 30 days after the notice" in text["termination"]
    assert "- Dana Reyes, Chief Deputy, 555-0100" in text["appendix_contacts"]
    # no delegation: the 287(g) sections have no place in it
    assert "delegates no function of an immigration officer" in text["authority"]
    assert not {"nomination", "training", "certification"} & set(text)


def test_a_cap_draft_without_facilities_says_what_is_missing(draft: Any) -> None:
    text = {s["key"]: s["text"] for s in draft(code="cap_team").versions.get().sections}
    assert "- [facilities to be completed]" in text["facility_access"]
    assert "effective on the date of the last signature" in text["duration"]


def test_the_request_page_now_offers_to_draft_the_cap_agreement(
    client_as: Any, manager: Any, agency_a: Any, cap: PartnershipType
) -> None:
    request = _request_at("agreement_in_progress", agency_a, manager, manager)
    with bound_actor(SETUP):
        decision = PartnershipDecision.objects.create(
            request=request,
            ranking=[],
            differs_from_recommendation=False,
            decided_by=manager,
            settings_version=intake.effective_settings(),
        )
        decision.chosen.set([cap])
    page = client_as(manager).get(f"/requests/{request.pk}/").content.decode()
    assert (
        f"partnership_type={cap.pk}&amp;access_request={request.pk}" in page
        and f"Draft the agreement: {cap.name}" in page
    )
    assert f"{cap.name}: no clause template exists" not in page
    # and the agreement form it leads to accepts the type
    form = client_as(manager).get(
        f"/agreements/new/?agency={agency_a.pk}&partnership_type={cap.pk}"
        f"&access_request={request.pk}"
    )
    assert form.status_code == 200
    assert f'<option value="{cap.pk}" selected>{cap.name}</option>' in form.content.decode()


def test_the_cap_agreement_pdf_builds(client_as: Any, manager: Any, draft: Any) -> None:
    agreement: Agreement = draft(code="cap_team")
    before = AuditEvent.objects.count()
    response = client_as(manager).get(f"/agreements/{agreement.pk}/versions/1/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    content = inflated(response.content)
    assert content.startswith(b"%PDF-") and b'pdfuaid:part="1"' in content
    assert b"Criminal Alien Program team" in content  # the title names the partnership
    assert AuditEvent.objects.count() == before + 1
