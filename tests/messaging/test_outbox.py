"""The IAR goes back over Nlets: queued when issued, delivered once by the job worker,
retried with backoff, given up after five attempts; every attempt audited."""

from __future__ import annotations

import signal
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from tests.inquiries.conftest import inquiry_data
from tests.messaging.conftest import REQUESTOR_FIELDS

from access.audit.models import AuditEvent
from access.inquiries import actions, iar
from access.inquiries.choices import Channel
from access.inquiries.models import Inquiry
from access.messaging.actions import MAX_ATTEMPTS, backoff
from access.messaging.models import OutboundMessage
from access.messaging.tasks import deliver_message
from access.messaging.transports import MemoryOutbox

NOTES = "No record in the indices."


def submitted(people, **fields) -> Inquiry:
    data = inquiry_data(a_number="012345678", secondary_recipient="STATE ATTORNEY", **fields)
    return actions.submit_inquiry(people["officer"], data, channel=Channel.WEB)


def answer(people, inquiry: Inquiry) -> Inquiry:
    return actions.determine(
        people["analyst"], inquiry, determination="no_record", evidence=["dhs_indices"], notes=NOTES
    )


def new_events(before: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.order_by("pk")[before:])


def test_an_issued_iar_is_sent_once_to_the_inquirys_ori(
    people, django_capture_on_commit_callbacks, client_as
):
    inquiry = submitted(people)
    before = AuditEvent.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        answer(people, inquiry)
    message = OutboundMessage.objects.get()
    assert (message.status, message.attempts, message.channel) == ("sent", 1, "nlets")
    assert message.destination == "FL0000001" and message.inquiry == inquiry
    expected = iar.build(inquiry)
    assert expected is not None and message.text == expected.text()
    assert [(d.message_id, d.destination) for d in MemoryOutbox.sent] == [(message.pk, "FL0000001")]
    issued, sent = new_events(before)
    assert issued.action == "inquiry.iar_issued" and issued.details["nlets_message"] == message.pk
    assert sent.action == "message.sent" and sent.outcome == "success"
    assert sent.actor_name == "system: job worker: Nlets outbox"
    assert set(sent.details) >= REQUESTOR_FIELDS
    assert sent.details["secondary_recipient"] == "STATE ATTORNEY"
    assert sent.details["case_number"] == "24-00123" and sent.details["destination"] == "FL0000001"
    # The job running again (a duplicate, a retry racing a success) sends nothing more.
    assert deliver_message.call(message.pk) == "sent"
    assert len(MemoryOutbox.sent) == 1 and AuditEvent.objects.count() == before + 2
    # The officer's IAR page shows the delivery.
    page = client_as(people["officer"]).get(f"/inquiries/{inquiry.pk}/iar/").content.decode()
    assert "Sent</span> to ORI FL0000001" in page


def test_a_failed_attempt_is_recorded_and_retried_later(
    people, django_capture_on_commit_callbacks, client_as
):
    inquiry = submitted(people)
    MemoryOutbox.fail_next = 1
    before = AuditEvent.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        answer(people, inquiry)
    message = OutboundMessage.objects.get()
    assert (message.status, message.attempts) == ("queued", 1)
    assert message.last_error == "ConnectionError: Nlets switch not reachable (test)"
    assert message.next_attempt_at is not None and message.last_attempt_at is not None
    assert message.next_attempt_at - message.last_attempt_at == backoff(1) == timedelta(seconds=30)
    failed = new_events(before)[-1]
    assert failed.action == "message.send_failed" and failed.outcome == "failure"
    assert set(failed.details) >= REQUESTOR_FIELDS and failed.details["attempt"] == 1
    assert not MemoryOutbox.sent
    page = client_as(people["officer"]).get(f"/inquiries/{inquiry.pk}/iar/").content.decode()
    assert "Queued</span> for ORI FL0000001; 1 attempt failed" in page
    assert "ConnectionError" not in page  # internals stay out of the officer's page
    # The retry (the worker runs the deferred job) delivers it.
    assert deliver_message.call(message.pk) == "sent"
    message.refresh_from_db()
    assert (message.status, message.attempts, message.next_attempt_at) == ("sent", 2, None)
    assert len(MemoryOutbox.sent) == 1
    assert [e.action for e in new_events(before)] == [
        "inquiry.iar_issued",
        "message.send_failed",
        "inquiry.iar_viewed",
        "message.sent",
    ]


def test_delivery_gives_up_after_five_attempts(people, django_capture_on_commit_callbacks):
    inquiry = submitted(people)
    MemoryOutbox.fail_next = 100
    with django_capture_on_commit_callbacks(execute=True):
        answer(people, inquiry)
    message = OutboundMessage.objects.get()
    for _ in range(MAX_ATTEMPTS):  # the first attempt ran already; one extra call is a no-op
        deliver_message.call(message.pk)
    message.refresh_from_db()
    assert (message.status, message.attempts, message.next_attempt_at) == ("failed", 5, None)
    failures = AuditEvent.objects.filter(action="message.send_failed").order_by("pk")
    assert [e.details["attempt"] for e in failures] == [1, 2, 3, 4, 5]
    assert [e.details["gave_up"] for e in failures] == [False, False, False, False, True]
    assert not MemoryOutbox.sent
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]


def test_a_supervisors_citizenship_decision_sends_its_iar(
    people, django_capture_on_commit_callbacks
):
    citizen = submitted(people, claims_us_citizenship=True)
    returned = submitted(people, claims_us_citizenship=True, case_number="24-00999")
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide(people["supervisor"], citizen, decision="citizen", notes="Birth record.")
        actions.decide(
            people["supervisor"], returned, decision="not_established", notes="No evidence."
        )
    message = OutboundMessage.objects.get()  # only the decision that answers the inquiry
    assert message.inquiry == citizen and message.status == "sent"
    assert "U S CITIZENSHIP IS INDICATED" in MemoryOutbox.sent[0].text
    decided = AuditEvent.objects.filter(action="inquiry.decided").order_by("pk")
    assert [e.details["nlets_message"] for e in decided] == [message.pk, None]


def test_no_iar_means_no_message_and_a_rollback_sends_nothing(
    people, django_capture_on_commit_callbacks
):
    inquiry = submitted(people)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(actions.NotAllowed):
        actions.determine(
            people["analyst"], inquiry, determination="no_record", evidence=[], notes=""
        )
    assert not OutboundMessage.objects.exists() and not MemoryOutbox.sent


def test_the_file_outbox_writes_one_file_per_message_atomically(
    people, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.NLETS_TRANSPORT = {
        "BACKEND": "access.messaging.transports.FileOutbox",
        "OPTIONS": {"directory": tmp_path / "outbox"},
    }
    inquiry = submitted(people)
    with django_capture_on_commit_callbacks(execute=True):
        answer(people, inquiry)
    message = OutboundMessage.objects.get()
    files = list((tmp_path / "outbox").iterdir())
    assert [f.name for f in files] == [f"{message.pk:010d}-iar-FL0000001.txt"]
    assert message.transport_reference == files[0].name
    assert files[0].read_text(encoding="ascii") == message.text + "\n"


# The real job worker: database task backend, `access db_worker --batch`, committed data.


def run_worker() -> None:
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command(
            "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval=0", verbosity=0
        )
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


@pytest.fixture
def database_tasks(settings, transactional_db):
    from access.site.reference_data import seed_reference_data

    with transaction.atomic():  # one commit
        seed_reference_data()  # roles come from data migrations; the flush removed them
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_the_job_worker_delivers_once_and_retries_with_backoff(database_tasks, people):
    # database_tasks first: it reseeds the roles a previous transactional test flushed
    from django_tasks_db.models import DBTaskResult

    inquiry = submitted(people)
    MemoryOutbox.fail_next = 1
    answer(people, inquiry)  # committed: the delivery job is queued for the worker
    message = OutboundMessage.objects.get()
    assert message.status == "queued" and message.attempts == 0
    assert DBTaskResult.objects.filter(task_path=deliver_message.module_path).count() == 1

    run_worker()  # attempt 1 fails; the retry is queued 30 seconds out
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("queued", 1)
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == message.next_attempt_at
    run_worker()  # not due yet: nothing happens
    message.refresh_from_db()
    assert message.attempts == 1 and not MemoryOutbox.sent

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # time passes
    deliver_message.enqueue(message.pk)  # and a duplicate job for the same message
    run_worker()
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("sent", 2)
    assert [d.message_id for d in MemoryOutbox.sent] == [message.pk]  # sent once
    assert not DBTaskResult.objects.filter(status="READY").exists()
    actions_logged = list(
        AuditEvent.objects.filter(action__startswith="message.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions_logged == ["message.send_failed", "message.sent"]
