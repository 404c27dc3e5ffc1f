"""Renewal reminders for the home page and the daily expiry job."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from tests.agreements.conftest import advance

from access.agreements import actions
from access.agreements.models import Agreement
from access.agreements.reminders import reminders_for
from access.agreements.tasks import check_agreement_expiry
from access.audit.models import AuditEvent


def active_until(draft, people, days: int, **kw) -> Agreement:
    end = timezone.localdate() + timedelta(days=days)
    return advance(draft(expires_on=end, **kw), people)


def test_reminders_list_agreements_ending_within_90_days_or_past(
    draft, manager, liaison, make_agency, make_user
):
    people = {"manager": manager, "liaison": liaison}
    soon = active_until(draft, people, 30)
    active_until(draft, people, 120, code="287g_tfm")  # not yet
    past = active_until(draft, people, -3, code="287g_wso")
    items = reminders_for(manager)
    assert items == [
        {
            "title": "Agreement past its term: Alpha County Sheriff's Office",
            "url": f"/agreements/{past.pk}/",
            "detail": f"287(g) Warrant Service Officer; ended on {past.expires_on:%Y-%m-%d} (3 days ago).",
        },
        {
            "title": "Renew the agreement of Alpha County Sheriff's Office",
            "url": f"/agreements/{soon.pk}/",
            "detail": f"287(g) Jail Enforcement Model; ends on {soon.expires_on:%Y-%m-%d} (in 30 days).",
        },
    ]
    assert len(reminders_for(liaison)) == 2
    other = make_user("agency_liaison", make_agency(name="Other PD"))
    assert reminders_for(other) == []


def test_the_daily_job_expires_and_marks_renewal_due_with_one_event_each(draft, manager, liaison):
    people = {"manager": manager, "liaison": liaison}
    soon = active_until(draft, people, 30)
    later = active_until(draft, people, 120, code="287g_tfm")
    past = active_until(draft, people, -1, code="287g_wso")
    before = AuditEvent.objects.count()
    result = check_agreement_expiry.call()
    assert result == {"expired": [past.pk], "renewal_due": [soon.pk]}
    statuses = dict(Agreement.objects.values_list("pk", "status"))
    assert statuses == {soon.pk: "renewal_due", later.pk: "active", past.pk: "expired"}
    new = AuditEvent.objects.order_by("pk")[before:]
    assert [(e.action, e.object_id, e.actor_name) for e in new] == [
        ("agreement.expire", str(past.pk), "system: scheduled job: agreement expiry"),
        ("agreement.mark_renewal_due", str(soon.pk), "system: scheduled job: agreement expiry"),
    ]
    # Running again changes nothing.
    assert check_agreement_expiry.call() == {"expired": [], "renewal_due": []}
    assert AuditEvent.objects.count() == before + 2
    # The program manager renews: a renewal goes through the full lifecycle and then runs a
    # new term from the day after the old end, replacing the old agreement.
    renewal = actions.start_amendment(manager, soon, kind="renewal", reason="Renewed for 3 years")
    renewal = advance(renewal, people)
    assert renewal.status == "active"
    assert renewal.effective_on == soon.expires_on + timedelta(days=1)
    assert renewal.expires_on == actions.add_months(renewal.effective_on, 36)
    assert Agreement.objects.get(pk=soon.pk).status == "superseded"


def test_add_months_clamps_to_the_end_of_the_month():
    from datetime import date

    assert actions.add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert actions.add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert actions.add_months(date(2025, 7, 3), 36) == date(2028, 7, 3)
