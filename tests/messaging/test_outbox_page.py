"""The Nlets outbox page: failed IAR messages for analysts, supervisors (resend) and oversight
(read only); everyone else 404. Resend is a POST that queues a failed message again with one
audit event; any other message is refused and nothing changes."""

from __future__ import annotations

import pytest
from django.http import Http404
from tests.inquiries.conftest import inquiry_data
from tests.messaging.conftest import REQUESTOR_FIELDS

from access.audit.models import AuditEvent
from access.inquiries import actions as inquiry_actions
from access.inquiries.choices import Channel
from access.inquiries.models import Inquiry
from access.messaging import actions
from access.messaging.actions import MAX_ATTEMPTS
from access.messaging.models import OutboundMessage
from access.messaging.tasks import deliver_message
from access.messaging.transports import MemoryOutbox

ERROR = "ConnectionError: Nlets switch not reachable (test)"


def answered(people, case_number: str = "24-00123") -> Inquiry:
    """An inquiry whose IAR is issued: its message is queued (the test's commit never comes)."""
    data = inquiry_data(
        a_number="012345678", case_number=case_number, secondary_recipient="STATE ATTORNEY"
    )
    inquiry = inquiry_actions.submit_inquiry(people["officer"], data, channel=Channel.WEB)
    return inquiry_actions.determine(
        people["analyst"], inquiry, determination="no_record", evidence=["dhs_indices"], notes="-"
    )


def failed_message(people, case_number: str = "24-00123") -> OutboundMessage:
    """An IAR message whose five delivery attempts all failed."""
    inquiry = answered(people, case_number)
    MemoryOutbox.fail_next = MAX_ATTEMPTS
    for _ in range(MAX_ATTEMPTS):
        deliver_message.call(inquiry.outbound_messages.get().pk)
    message = inquiry.outbound_messages.get()
    assert (message.status, message.attempts, message.last_error) == ("failed", 5, ERROR)
    return message


def state(message: OutboundMessage) -> tuple:
    message.refresh_from_db()
    fields = (message.status, message.attempts, message.last_error, message.next_attempt_at)
    return fields, AuditEvent.objects.count(), len(MemoryOutbox.sent)


def test_the_page_lists_failed_messages_without_person_data(client_as, people):
    failed = failed_message(people)
    queued = answered(people, "24-00999").outbound_messages.get()
    client = client_as(people["analyst"])
    before = AuditEvent.objects.count()
    page = client.get("/outbox/")
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert list(page.context["rows"]) == [failed]
    body = page.content.decode()
    assert f'href="/inquiries/{failed.inquiry_id}/"' in body
    assert ERROR in body and "Delivery failed</span>" in body
    assert f'action="/outbox/{failed.pk}/resend/"' in body
    # The message text (the IAR) and the subject's data stay off the page.
    inquiry = failed.inquiry
    for secret in (failed.text, inquiry.a_number, inquiry.family_name, inquiry.case_number):
        assert secret and secret not in body
    # Filtered: every recent message; only a failed one has a Resend button.
    everything = client.get("/outbox/?status=all")
    assert list(everything.context["rows"]) == [queued, failed]
    assert everything.content.decode().count("/resend/") == 1
    assert list(client.get("/outbox/?status=queued").context["rows"]) == [queued]
    assert list(client.get("/outbox/?status=bogus").context["rows"]) == [failed]  # the default
    assert AuditEvent.objects.count() == before  # no person data shown: no event


def test_who_sees_the_outbox_and_who_may_resend(client_as, people, agency_a):
    failed_message(people)
    for role in ("analyst", "supervisor"):
        body = client_as(people[role]).get("/outbox/").content.decode()
        assert "/resend/" in body and 'href="/outbox/"' in body, role  # page and nav link
    oversight = client_as(people["oversight"]).get("/outbox/")
    assert oversight.status_code == 200 and not oversight.context["can_resend"]
    assert "/resend/" not in oversight.content.decode()
    for role in ("agency_officer", "agency_liaison", "ice_program_manager", "cap_officer"):
        client = client_as(role, agency_a if role.startswith("agency") else None)
        assert client.get("/outbox/").status_code == 404, role
        assert 'href="/outbox/"' not in client.get("/").content.decode(), role


def test_someone_without_the_grant_gets_404_and_nothing_changes(client_as, people, agency_a):
    message = failed_message(people)
    before = state(message)
    for client in (client_as(people["officer"]), client_as(people["oversight"])):
        response = client.post(f"/outbox/{message.pk}/resend/")
        assert response.status_code == 404
        assert state(message) == before
    with pytest.raises(Http404):
        actions.resend(people["oversight"], message)
    assert state(message) == before


def test_resend_needs_a_post(client_as, people):
    message = failed_message(people)
    before = state(message)
    assert client_as(people["analyst"]).get(f"/outbox/{message.pk}/resend/").status_code == 405
    assert state(message) == before


def test_a_message_that_has_not_failed_is_refused_and_nothing_changes(client_as, people):
    message = answered(people).outbound_messages.get()
    client = client_as(people["analyst"])
    for status in ("queued", "sent"):
        OutboundMessage.objects.filter(pk=message.pk).update(status=status)
        before = state(message)
        response = client.post(f"/outbox/{message.pk}/resend/", {"status": "all"}, follow=True)
        assert response.redirect_chain == [("/outbox/?status=all", 302)]
        expected = "it is still queued for delivery" if status == "queued" else "it was sent"
        assert f"Message #{message.pk} was not resent: {expected}." in response.content.decode()
        assert state(message) == before
        with pytest.raises(actions.ResendRefused):
            actions.resend(people["analyst"], message)
        assert state(message) == before


def test_resending_a_failed_message_queues_it_with_one_audit_event(
    client_as, people, django_capture_on_commit_callbacks
):
    message = failed_message(people)
    client = client_as(people["supervisor"])
    before = AuditEvent.objects.count()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(f"/outbox/{message.pk}/resend/")
    assert response.status_code == 302 and response["Location"] == "/outbox/"
    message.refresh_from_db()
    assert (message.status, message.attempts, message.next_attempt_at) == ("queued", 0, None)
    assert message.last_error == ERROR  # kept until the next attempt
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.get(action="message.resend_requested")
    assert (event.actor_id, event.object_type, event.object_id, event.outcome) == (
        people["supervisor"].pk,
        "messaging.outboundmessage",
        str(message.pk),
        "success",
    )
    assert event.before["status"] == "failed" and event.before["attempts"] == 5
    assert event.after["status"] == "queued" and event.after["attempts"] == 0
    assert set(event.details) >= REQUESTOR_FIELDS
    assert event.details["inquiry"] == message.inquiry_id
    assert event.details["secondary_recipient"] == "STATE ATTORNEY"
    assert event.details["destination"] == "FL0000001" and event.details["previous_attempts"] == 5
    page = client.get("/outbox/?status=all").content.decode()
    assert f"Message #{message.pk} to ORI FL0000001 is queued for delivery again." in page
    # After the commit the worker delivers it, once.
    assert len(callbacks) == 1
    callbacks[0]()
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 1)
    assert [d.message_id for d in MemoryOutbox.sent] == [message.pk]
    assert AuditEvent.objects.filter(action="message.sent").count() == 1
    # Pressing Resend again (a second tab) is refused: the message is no longer failed.
    again = client.post(f"/outbox/{message.pk}/resend/")
    assert again.status_code == 302
    assert AuditEvent.objects.filter(action="message.resend_requested").count() == 1
