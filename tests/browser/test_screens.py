"""What people read on screen (issue 15): plain first versions, grouped navigation, the
keyboard on sign-in, readable audit values, the public page's pages and past dates."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.browser.conftest import assert_accessible, sign_in

from access.agreements import actions as agreement_actions
from access.partnerships.models import PartnershipType

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_version_one_of_an_agreement_reads_as_plain_text(
    page, live_server, make_user, agency_a, ice_office
):
    manager = make_user("ice_program_manager")
    agreement = agreement_actions.draft_agreement(
        manager,
        agency=agency_a,
        partnership_type=PartnershipType.objects.get(code="287g_jem"),
        supervising_office=ice_office,
        officer_limit=10,
    )
    sign_in(page, live_server, manager)
    page.goto(f"/agreements/{agreement.pk}/versions/1/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Version 1 of agreement #{agreement.pk}"
    )
    expect(page.get_by_text("The first version, shown as written.")).to_be_visible()
    expect(page.locator("main ins, main del")).to_have_count(0)
    expect(page.locator("main .usa-tag").filter(has_text="Changed")).to_have_count(0)
    expect(page.get_by_role("columnheader", name="Changed")).to_have_count(0)
    assert_accessible(page)
