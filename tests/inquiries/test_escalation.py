"""Hit confirmations past their 10-minute target: the every-minute job notifies each active
supervisor once per inquiry, in the app and by email, and audits it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from tests.inquiries.conftest import inquiry_data

from access.accounts.choices import AccountStatus
from access.audit.models import AuditEvent
from access.inquiries import actions
from access.inquiries.choices import Channel
from access.inquiries.models import Inquiry
from access.inquiries.tasks import escalate_overdue_confirmations
from access.messaging.models import Notification

REQUESTOR_FIELDS = {"purpose_code", "reason", "case_number", "requestor", "secondary_recipient"}


@pytest.fixture
def people(make_user, agency_a):
    return {
        "officer": make_user("agency_officer", agency_a),
        "analyst": make_user("lesc_analyst"),
        "supervisor": make_user("ice_supervisor", email="sup.one@example.gov"),
        "supervisor2": make_user("ice_supervisor"),  # no email: in-app only
        "disabled": make_user(
            "ice_supervisor", status=AccountStatus.DISABLED, email="gone@example.gov"
        ),
    }


def hit(people, minutes_ago: int, **fields) -> Inquiry:
    data = inquiry_data(hit_confirmation=True, ncic_number="W123456789", **fields)
    inquiry = actions.submit_inquiry(people["officer"], data, channel=Channel.WEB)
    Inquiry.objects.filter(pk=inquiry.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    inquiry.refresh_from_db()
    return inquiry


def run(capture) -> list[int]:
    with capture(execute=True):
        return escalate_overdue_confirmations.call()


def test_an_overdue_confirmation_is_escalated_once_to_each_supervisor(
    people, django_capture_on_commit_callbacks
):
    overdue = hit(people, 11)
    hit(people, 5, case_number="24-00200")  # not yet due
    answered = hit(people, 30, case_number="24-00300")
    actions.determine(
        people["analyst"], answered, determination="no_record", evidence=["ncic"], notes="None."
    )
    stopped = hit(people, 30, case_number="24-00400", claims_us_citizenship=True)
    plain = actions.submit_inquiry(
        people["officer"], inquiry_data(case_number="24-00500"), channel=Channel.WEB
    )
    Inquiry.objects.filter(pk=plain.pk).update(created_at=timezone.now() - timedelta(hours=2))
    assert stopped.status == "citizenship_stop"
    before = AuditEvent.objects.count()

    assert run(django_capture_on_commit_callbacks) == [overdue.pk]  # not the others

    notices = list(Notification.objects.order_by("recipient_id"))
    assert [n.recipient for n in notices] == [people["supervisor"], people["supervisor2"]]
    assert {n.inquiry_id for n in notices} == {overdue.pk}
    for notice in notices:
        assert notice.read_at is None and notice.kind == "confirmation_overdue"
        assert notice.subject == f"Hit confirmation overdue: inquiry #{overdue.pk}"
        assert re.fullmatch(r"/inquiries/\d+/", notice.link)  # ids only, no person data
        for personal in ("GARCIA", "JOSE", "1985", "W123456789"):
            assert personal not in notice.body and personal not in notice.subject
    assert [m.to for m in mail.outbox] == [["sup.one@example.gov"]]
    assert f"/inquiries/{overdue.pk}/" in mail.outbox[0].body
    assert "GARCIA" not in mail.outbox[0].body
    event = AuditEvent.objects.get(action="inquiry.confirmation_escalated")
    assert event.object_id == str(overdue.pk) and event.outcome == "success"
    assert event.actor_name == "system: scheduled job: hit-confirmation escalation"
    assert set(event.details) >= REQUESTOR_FIELDS
    assert event.details["notified"] == [
        people["supervisor"].username,
        people["supervisor2"].username,
    ]
    assert event.details["emailed"] == [people["supervisor"].username]
    assert AuditEvent.objects.count() == before + 1

    # The next minute's run tells nobody again.
    assert run(django_capture_on_commit_callbacks) == []
    assert Notification.objects.count() == 2 and len(mail.outbox) == 1
    assert AuditEvent.objects.count() == before + 1


def test_a_confirmation_turns_overdue_later_and_new_supervisors_are_told(
    people, make_user, django_capture_on_commit_callbacks
):
    soon = hit(people, 9)
    assert run(django_capture_on_commit_callbacks) == []
    assert not Notification.objects.exists() and not mail.outbox
    Inquiry.objects.filter(pk=soon.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    assert run(django_capture_on_commit_callbacks) == [soon.pk]
    assert Notification.objects.count() == 2
    newcomer = make_user("ice_supervisor", email="sup.new@example.gov")
    assert run(django_capture_on_commit_callbacks) == [soon.pk]
    assert list(Notification.objects.filter(recipient=newcomer).values_list("inquiry", flat=True))
    assert Notification.objects.count() == 3
    assert [m.to for m in mail.outbox] == [["sup.one@example.gov"], ["sup.new@example.gov"]]
    assert AuditEvent.objects.filter(action="inquiry.confirmation_escalated").count() == 2


def test_answering_before_the_run_prevents_the_escalation(
    people, django_capture_on_commit_callbacks
):
    late = hit(people, 15)
    actions.determine(
        people["analyst"], late, determination="no_record", evidence=["ncic"], notes="Done."
    )
    assert run(django_capture_on_commit_callbacks) == []
    assert not Notification.objects.exists() and not mail.outbox
    assert not AuditEvent.objects.filter(action="inquiry.confirmation_escalated").exists()


def test_the_job_runs_once_and_is_scheduled_every_minute_by_the_scheduler(settings, db):
    from django_tasks_db.models import DBTaskResult

    from access.site.schedule import RECURRING

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    path = escalate_overdue_confirmations.module_path
    call_command("schedule_jobs")
    call_command("schedule_jobs")  # idempotent
    assert DBTaskResult.objects.filter(task_path=path).count() == 1
    escalate_overdue_confirmations.call()  # one run queues nothing after itself
    assert DBTaskResult.objects.filter(task_path=path).count() == 1
    (job,) = [j for j in RECURRING if j.task is escalate_overdue_confirmations]
    assert job.period() == timedelta(minutes=1)


def test_a_confirmation_awaiting_the_agencys_details_is_escalated_too(
    people, django_capture_on_commit_callbacks
):
    waiting = hit(people, 12, reason="", case_number="")
    assert waiting.status == "awaiting_details"
    assert run(django_capture_on_commit_callbacks) == [waiting.pk]
    assert Notification.objects.filter(inquiry=waiting).count() == 2
