"""The home page of a staff role while the demo population loads: the progress bar, checked
with axe, and the panel's own update (htmx) once the job is done."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.browser.conftest import assert_accessible, sign_in

from access.core.actors import SystemActor
from access.site import demo_population
from access.site.choices import LoadStatus
from access.site.models import DemoPopulationLoad

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_the_home_page_shows_the_demo_load_until_it_is_done(page, live_server, make_user):
    load = demo_population.queue_load(SystemActor("test"), persons=20_000)
    DemoPopulationLoad.objects.filter(pk=load.pk).update(
        status=LoadStatus.RUNNING, percent=40, stage="Loading person records", records=16_000
    )
    sign_in(page, live_server, make_user("lesc_analyst"))
    heading = page.get_by_role("heading", name="Loading demo population: 40%")
    expect(heading).to_be_visible()
    bar = page.get_by_role("progressbar", name="Loading demo population: 40%")
    expect(bar).to_have_attribute("value", "40")
    assert_accessible(page)

    DemoPopulationLoad.objects.filter(pk=load.pk).update(
        status=LoadStatus.DONE, percent=100, stage="Done", records=41_591
    )
    # the panel asks again every 5 s and says when the load is done, without a reload: wait
    # for up to three polls (a wait of one poll interval lost the race on a busy machine)
    done = page.get_by_role("heading", name="Demo population loaded")
    expect(done).to_be_visible(timeout=15_000)
    expect(heading).to_have_count(0)
    assert_accessible(page)
