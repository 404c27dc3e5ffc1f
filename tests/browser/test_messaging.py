"""The Nlets outbox in Chromium: a LESC analyst finds the failed IAR message from the
navigation, resends it with the keyboard and sees the confirmation. axe on every page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect
from tests.browser.conftest import assert_accessible, nav_link, sign_in
from tests.browser.test_misuse import press_button
from tests.inquiries.conftest import _engine, inquiry_data  # noqa: F401  (autouse fixture)

from access.audit.models import AuditEvent
from access.inquiries import actions
from access.inquiries.choices import Channel
from access.messaging.actions import MAX_ATTEMPTS
from access.messaging.models import OutboundMessage
from access.messaging.tasks import deliver_message
from access.messaging.transports import MemoryOutbox

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture(autouse=True)
def outbox() -> Iterator[type[MemoryOutbox]]:
    MemoryOutbox.reset()
    yield MemoryOutbox
    MemoryOutbox.reset()


def test_an_analyst_resends_a_failed_iar_with_the_keyboard(page, live_server, make_user, agency_a):
    officer = make_user("agency_officer", agency_a, username="officer.o")
    analyst = make_user("lesc_analyst", username="analyst.o")
    inquiry = actions.submit_inquiry(
        officer, inquiry_data(a_number="012345678"), channel=Channel.API
    )
    MemoryOutbox.fail_next = MAX_ATTEMPTS  # the Nlets switch is down for every attempt
    actions.determine(analyst, inquiry, determination="no_record", evidence=["ncic"], notes="-")
    message = OutboundMessage.objects.get()
    for _ in range(MAX_ATTEMPTS):  # the first ran after the commit; the extra one is a no-op
        deliver_message.call(message.pk)
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("failed", MAX_ATTEMPTS)

    sign_in(page, live_server, analyst)
    nav_link(page, "Nlets outbox").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nlets outbox")
    row = page.locator(f"#message-{message.pk}")
    expect(row).to_contain_text("Delivery failed")
    expect(row).to_contain_text("ConnectionError: Nlets switch not reachable (test)")
    expect(row.get_by_role("link", name=f"Inquiry #{inquiry.pk}")).to_be_visible()
    assert "012345678" not in page.content() and "GARCIA" not in page.content()
    assert_accessible(page)

    press_button(page, f"Resend message #{message.pk}")  # focus, then Enter
    expect(page.get_by_role("status")).to_contain_text(
        f"Message #{message.pk} to ORI FL0000001 is queued for delivery again."
    )
    expect(page.get_by_text("No message has failed delivery.")).to_be_visible()
    assert_accessible(page)

    message.refresh_from_db()  # the worker (immediate in tests) delivered it after the commit
    assert (message.status, message.attempts) == ("sent", 1)
    assert [d.message_id for d in MemoryOutbox.sent] == [message.pk]
    resent = AuditEvent.objects.get(action="message.resend_requested")
    assert resent.actor_id == analyst.pk and resent.details["inquiry"] == inquiry.pk
