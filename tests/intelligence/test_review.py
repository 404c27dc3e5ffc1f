"""Review and purge (28 CFR 23.20(h)): the review date is the last day a record is kept
without a new validation; the daily job purges it the day after, never before, and queues it
for review within the notice period, telling the task force's ICE lead once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.urls import reverse
from tests.intelligence.conftest import SUSPICION, backdate, today

from access.audit.models import AuditEvent
from access.core.actors import SystemActor
from access.intelligence import actions, rules
from access.intelligence.events import Event
from access.intelligence.models import IntelligenceRecord
from access.intelligence.tasks import review_intelligence
from access.messaging.models import Notification
from access.site.schedule import RECURRING

JOB = SystemActor("test: intelligence review")
DUE = dt.date(2031, 6, 15)


def test_not_purged_the_day_before_the_review_date(record):
    backdate(record, DUE)
    result = actions.run_review(JOB, today=DUE - dt.timedelta(days=1))
    record.refresh_from_db()
    assert record.pk not in result["purged"]
    assert record.status == "active" and record.reasonable_suspicion == SUSPICION


def test_not_purged_on_the_review_date_itself(record):
    backdate(record, DUE)
    result = actions.run_review(JOB, today=DUE)
    record.refresh_from_db()
    assert result["purged"] == [] and record.status == "active"
    assert not AuditEvent.objects.filter(action=Event.PURGE).exists()


def test_purged_the_day_after_the_review_date_content_removed_and_audited(record):
    backdate(record, DUE)
    result = actions.run_review(JOB, today=DUE + dt.timedelta(days=1))
    record.refresh_from_db()
    assert result["purged"] == [record.pk]
    assert record.status == "purged" and record.purged_on == DUE + dt.timedelta(days=1)
    for name, blank in actions.CONTENT.items():
        assert getattr(record, name) == blank, name
    assert "2031-06-15" in record.purge_reason and "23.20(h)" in record.purge_reason
    event = AuditEvent.objects.get(action=Event.PURGE, object_id=str(record.pk))
    assert event.details["reason"] == record.purge_reason
    assert event.actor_name.startswith("system:")
    # Nothing the purge removed survives in the trail.
    for kept in AuditEvent.objects.filter(object_id=str(record.pk)):
        assert SUSPICION not in str(kept.details) + str(kept.before) + str(kept.after)


def test_a_record_missed_by_a_days_run_is_purged_on_the_next(record):
    backdate(record, DUE)
    actions.run_review(JOB, today=DUE + dt.timedelta(days=4))
    record.refresh_from_db()
    assert record.status == "purged"


def test_queued_within_the_notice_period_and_the_lead_told_once(record, lead):
    backdate(record, DUE)
    early = actions.run_review(JOB, today=DUE - dt.timedelta(days=rules.notice_days() + 1))
    assert early["queued"] == []
    result = actions.run_review(JOB, today=DUE - dt.timedelta(days=rules.notice_days()))
    record.refresh_from_db()
    assert result["queued"] == [record.pk]
    assert record.queued_for_review_on == DUE - dt.timedelta(days=rules.notice_days())
    notice = Notification.objects.get(recipient=lead)
    assert notice.link == record.get_absolute_url() and "2031-06-15" in notice.subject
    again = actions.run_review(JOB, today=DUE - dt.timedelta(days=10))
    assert again["queued"] == [] and Notification.objects.filter(recipient=lead).count() == 1
    assert AuditEvent.objects.filter(action=Event.QUEUE_REVIEW).count() == 1


def test_the_review_queue_page_and_home_list_the_queued_record(client_as, record, lead):
    backdate(record, today() + dt.timedelta(days=30))
    actions.run_review(JOB)
    client = client_as(lead)
    page = client.get(reverse("intelligence:review"))
    assert page.status_code == 200 and f"#{record.pk}" in page.content.decode()
    home = client.get(reverse("site:home"))
    assert f"Review intelligence record #{record.pk}" in home.content.decode()


def test_validation_moves_the_review_date_and_leaves_the_queue(record, lead):
    backdate(record, today() + dt.timedelta(days=30))
    actions.run_review(JOB)
    actions.validate_record(lead, record, "Still the subject of an open investigation.")
    record.refresh_from_db()
    assert record.validated_on == today() and record.validated_by == lead
    assert record.review_due == rules.add_years(today(), 5)
    assert record.queued_for_review_on is None
    event = AuditEvent.objects.get(action=Event.VALIDATE)
    assert event.details["reason"] == "Still the subject of an open investigation."
    assert event.before["review_due"] == (today() + dt.timedelta(days=30)).isoformat()


def test_validation_needs_a_reason(record, lead):
    before = record.review_due
    with pytest.raises(actions.Refused):
        actions.validate_record(lead, record, "ok")
    record.refresh_from_db()
    assert record.review_due == before and record.validated_on is None


def test_a_purged_record_cannot_be_validated(record, lead):
    backdate(record, DUE)
    actions.run_review(JOB, today=DUE + dt.timedelta(days=1))
    record.refresh_from_db()
    with pytest.raises(actions.Refused):
        actions.validate_record(lead, record, "Still the subject of an open investigation.")
    record.refresh_from_db()
    assert record.status == "purged" and record.validated_on is None


def test_an_officer_member_may_not_validate(record, tf_officer, client_as):
    with pytest.raises(Http404):
        actions.validate_record(tf_officer, record, "Still the subject of an open investigation.")
    response = client_as(tf_officer).post(
        reverse("intelligence:validate", args=[record.pk]),
        {"reason": "Still the subject of an open investigation."},
    )
    assert response.status_code == 404
    record.refresh_from_db()
    assert record.validated_on is None


def test_the_validate_page(client_as, record, lead):
    client = client_as(lead)
    assert client.get(reverse("intelligence:validate", args=[record.pk])).status_code == 200
    response = client.post(
        reverse("intelligence:validate", args=[record.pk]),
        {"reason": "Still the subject of an open investigation."},
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.validated_on == today()


def test_the_job_is_on_the_scheduler_daily():
    job = next(j for j in RECURRING if j.id == "intelligence.review")
    assert job.task is review_intelligence
    assert job.period() == dt.timedelta(days=1)


def test_the_task_runs_the_review(record):
    backdate(record, today() - dt.timedelta(days=1))
    review_intelligence.call()
    assert IntelligenceRecord.objects.get(pk=record.pk).status == "purged"
