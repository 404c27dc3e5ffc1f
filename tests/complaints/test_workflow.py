"""OPR's side: assign, suspend the officer while pending, resolve with a notice; the 90-day
clock; who may do what (others get 404 and nothing changes)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from access.complaints import actions
from access.complaints.choices import Finding
from access.complaints.models import Complaint
from access.core.actors import SystemActor, bound_actor
from access.messaging.models import Notification
from access.officers import authority
from access.site.schedule import RECURRING

ACTOR = SystemActor("complaint tests")


@pytest.fixture
def complaint(agreement: Any, opr: Any) -> Complaint:
    return actions.file_by_staff(
        opr,
        agency=agreement.agency,
        narrative="Excessive force during transport.",
        complainant_contact="person@example.org",
    )


def test_opr_assigns_identifies_the_officer_suspends_and_resolves(
    complaint, opr, walk, director, client_as, django_capture_on_commit_callbacks
):
    officer = walk("authorized")
    client = client_as(opr)
    response = client.post(
        reverse("complaints:assign", args=[complaint.pk]),
        {"investigator": opr.pk, "officer": officer.pk},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "investigating" and complaint.officer == officer

    response = client.post(
        reverse("complaints:suspend", args=[complaint.pk]), {"reason": "Allegation of force"}
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    complaint.refresh_from_db()
    assert officer.status == "suspended" and complaint.suspension is not None
    decision = authority.check(officer, "interview")
    assert not decision.allowed and any("suspended" in r.lower() for r in decision.reasons)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("complaints:resolve", args=[complaint.pk]),
            {
                "finding": Finding.SUBSTANTIATED,
                "resolution": "Video confirms the account.",
                "notice": "Your complaint was substantiated; the officer's authority is suspended.",
            },
        )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "resolved" and complaint.resolved_at is not None
    assert [m.to for m in mail.outbox] == [["person@example.org"]]
    # the suspension is the field office director's to lift: they are told
    assert Notification.objects.filter(
        recipient=director, link=complaint.get_absolute_url()
    ).exists()
    officer.refresh_from_db()
    assert officer.status == "suspended"


@pytest.mark.parametrize("role", ["agency_liaison", "ice_field_agent", "oversight_auditor"])
def test_others_cannot_act_on_a_complaint_and_nothing_changes(
    complaint, opr, role, client_as, agreement, audit_count
):
    client = client_as(role, agreement.agency)
    before = audit_count()
    for name, data in [
        ("complaints:assign", {"investigator": opr.pk}),
        ("complaints:resolve", {"finding": "unfounded", "resolution": "x", "notice": "y"}),
    ]:
        assert client.post(reverse(name, args=[complaint.pk]), data).status_code == 404
    complaint.refresh_from_db()
    assert complaint.status == "referred" and complaint.assigned_to is None
    assert audit_count() == before


def test_agencies_do_not_see_complaints_and_the_auditor_reads_them(complaint, client_as, agreement):
    liaison = client_as("agency_liaison", agreement.agency)
    assert liaison.get(reverse("complaints:detail", args=[complaint.pk])).status_code == 404
    assert liaison.get(reverse("complaints:list")).status_code == 404
    auditor = client_as("oversight_auditor")
    page = auditor.get(reverse("complaints:detail", args=[complaint.pk]))
    assert page.status_code == 200 and "Resolve" not in page.content.decode()


def test_suspending_needs_an_identified_authorized_officer(complaint, opr, walk):
    with pytest.raises(actions.ComplaintRefused, match="Identify the officer"):
        actions.suspend_officer(opr, complaint, reason="x")
    certified = walk("certified")
    actions.assign(opr, complaint, investigator=opr, officer=certified)
    with pytest.raises(actions.ComplaintRefused, match="Only an authorized officer"):
        actions.suspend_officer(opr, complaint, reason="x")
    certified.refresh_from_db()
    assert certified.status == "certified"


def test_an_officer_of_another_agency_cannot_be_named(complaint, opr, agency_b, walk, agreement):
    from tests.officers.conftest import make_agreement

    other = walk("authorized", on=make_agreement(agency_b))
    with pytest.raises(actions.ComplaintRefused, match="not an officer of that agency"):
        actions.assign(opr, complaint, investigator=opr, officer=other)
    complaint.refresh_from_db()
    assert complaint.officer is None and complaint.status == "referred"


def test_only_opr_investigators_can_be_assigned(complaint, opr, manager):
    with pytest.raises(actions.ComplaintRefused, match="OPR investigator"):
        actions.assign(opr, complaint, investigator=manager)


def test_a_resolved_complaint_is_not_resolved_twice(complaint, opr):
    actions.resolve(opr, complaint, finding="unfounded", resolution="r", notice="n")
    with pytest.raises(actions.ComplaintRefused, match="already resolved"):
        actions.resolve(opr, complaint, finding="exonerated", resolution="r2", notice="n2")
    complaint.refresh_from_db()
    assert complaint.finding == "unfounded"


def test_a_resolution_needs_a_notice_for_the_complainant(complaint, opr):
    with pytest.raises(actions.ComplaintRefused):
        actions.resolve(opr, complaint, finding="unfounded", resolution="r", notice=" ")
    complaint.refresh_from_db()
    assert complaint.status == "referred"


def test_the_program_manager_may_not_file_for_opr(manager, agreement):
    with pytest.raises(PermissionDenied):
        actions.file_by_staff(manager, agency=agreement.agency, narrative="x")
    assert not Complaint.objects.exists()


def _age(complaint: Complaint, days: int) -> None:
    with bound_actor(ACTOR):
        complaint.due_on = timezone.localdate() + timedelta(days=days)
        complaint.save()


def test_the_clock_alerts_once_per_threshold_then_daily_when_overdue(complaint, opr):
    today = timezone.localdate()
    alerts = lambda: Notification.objects.filter(  # noqa: E731
        recipient=opr, subject__contains=complaint.display_code
    ).count()
    start = alerts()  # the referral notice
    _age(complaint, 45)
    assert actions.check_clocks(ACTOR, today)["alerted"] == []
    _age(complaint, 30)
    assert actions.check_clocks(ACTOR, today)["alerted"] == [complaint.pk]
    assert actions.check_clocks(ACTOR, today)["alerted"] == []  # once
    _age(complaint, 9)
    assert actions.check_clocks(ACTOR, today)["alerted"] == [complaint.pk]
    _age(complaint, 0)
    assert actions.check_clocks(ACTOR, today)["alerted"] == [complaint.pk]
    _age(complaint, -1)
    result = actions.check_clocks(ACTOR, today)
    assert result == {"alerted": [complaint.pk], "overdue": [complaint.pk]}
    assert alerts() - start == 4
    kinds = Notification.objects.filter(recipient=opr, subject__contains=complaint.display_code)
    assert sorted(kinds.values_list("kind", flat=True)) == [
        "awaiting_action",  # the referral: a new complaint waits for OPR
        *["complaint_clock"] * 4,  # the clock's own kind
    ]
    # a resolved complaint has no clock
    actions.resolve(opr, complaint, finding="unfounded", resolution="r", notice="n")
    assert actions.check_clocks(ACTOR, today) == {"alerted": [], "overdue": []}


def test_the_clock_job_is_on_the_schedule():
    job = next(j for j in RECURRING if j.id == "complaints.clock")
    assert job.period() == timedelta(days=1)


def test_the_opr_home_queue_lists_open_complaints_soonest_first(complaint, opr, client_as):
    _age(complaint, -3)
    page = client_as(opr).get(reverse("site:home")).content.decode()
    assert complaint.display_code in page and "3 days past the 90-day clock" in page
