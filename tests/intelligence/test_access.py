"""Who sees intelligence: the people serving on the record's task force, and ICE program and
oversight roles. Anyone else gets 404 on every page and API route, and nothing changes; every
view of a record is audited with the viewer as its recipient."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from tests.intelligence.conftest import SUSPICION, add_member

from access.audit.models import AuditEvent
from access.intelligence.events import Event
from access.intelligence.models import IntelligenceRecord, Release
from access.taskforces.choices import MemberRole


def _urls(record):
    return [
        reverse("intelligence:list"),
        reverse("intelligence:new"),
        reverse("intelligence:review"),
        reverse("intelligence:releases"),
        reverse("intelligence:detail", args=[record.pk]),
        reverse("intelligence:validate", args=[record.pk]),
        reverse("intelligence:release", args=[record.pk]),
        "/api/intelligence/records/",
        f"/api/intelligence/records/{record.pk}/",
        "/api/intelligence/releases/",
    ]


def test_a_liaison_of_another_agency_gets_404_everywhere(client_as, record, outside_liaison):
    client = client_as(outside_liaison)
    for url in _urls(record):
        assert client.get(url).status_code == 404, url
    posts = [
        (reverse("intelligence:release", args=[record.pk]), {"recipient_name": "x"}),
        (reverse("intelligence:validate", args=[record.pk]), {"reason": "x" * 30}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404
    api = client.post(
        f"/api/intelligence/records/{record.pk}/release/",
        {"recipient_name": "A", "recipient_agency": "B", "reason": "x" * 30},
        content_type="application/json",
    )
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"
    assert not AuditEvent.objects.filter(action=Event.VIEW).exists()
    assert Release.objects.count() == 0
    record.refresh_from_db()
    assert record.validated_on is None


def test_a_participating_agencys_liaison_who_is_not_a_member_gets_404(
    client_as, make_user, record, agency_a
):
    liaison = make_user("agency_liaison", agency_a)
    client = client_as(liaison)
    assert client.get(reverse("intelligence:detail", args=[record.pk])).status_code == 404
    assert client.get(reverse("intelligence:list")).status_code == 404
    assert "Criminal intelligence" not in client.get(reverse("site:home")).content.decode()


def test_a_member_of_another_task_force_gets_404_on_this_ones_record(
    client_as, make_user, record, other_task_force
):
    other = make_user("ice_field_agent")
    add_member(other_task_force, other, MemberRole.ICE_AGENT)
    client = client_as(other)
    assert client.get(reverse("intelligence:list")).status_code == 200
    assert client.get(reverse("intelligence:detail", args=[record.pk])).status_code == 404
    assert client.get(f"/api/intelligence/records/{record.pk}/").status_code == 404


def test_a_member_whose_membership_ended_gets_404(client_as, make_user, record, task_force):
    former = make_user("ice_field_agent")
    add_member(task_force, former, MemberRole.ICE_AGENT, ends_on=dt.date(2025, 6, 30))
    assert client_as(former).get(reverse("intelligence:detail", args=[record.pk])).status_code == (
        404
    )


def test_every_view_is_audited_with_the_viewer_as_recipient(client_as, record, tf_officer):
    client = client_as(tf_officer)
    page = client.get(reverse("intelligence:detail", args=[record.pk]))
    assert page.status_code == 200 and "fentanyl" in page.content.decode()
    api = client.get(f"/api/intelligence/records/{record.pk}/")
    assert api.status_code == 200 and api.json()["reasonable_suspicion"] == SUSPICION
    views = AuditEvent.objects.filter(action=Event.VIEW, object_id=str(record.pk))
    assert [v.details["form"] for v in views.order_by("pk")] == ["web", "api"]
    assert all(v.actor_id == tf_officer.pk for v in views)
    assert views.first().details["recipient"] == str(tf_officer)


def test_the_list_shows_no_subject_and_is_not_a_view(client_as, record, agent):
    page = client_as(agent).get(reverse("intelligence:list"))
    text = page.content.decode()
    assert page.status_code == 200 and f"#{record.pk}" in text
    assert "Test Subject" not in text and SUSPICION not in text
    api = client_as(agent).get("/api/intelligence/records/")
    assert "subject_name" not in api.json()["results"][0]
    assert not AuditEvent.objects.filter(action=Event.VIEW).exists()


@pytest.mark.parametrize("role", ["oversight_auditor", "ice_program_manager"])
def test_program_and_oversight_roles_read_every_record_but_do_not_enter(client_as, record, role):
    client = client_as(role)
    assert client.get(reverse("intelligence:detail", args=[record.pk])).status_code == 200
    assert client.get(reverse("intelligence:new")).status_code == 404
    assert client.get(reverse("intelligence:validate", args=[record.pk])).status_code == 404
    assert IntelligenceRecord.objects.restrict(client.user).count() == 1


def test_the_menu_shows_intelligence_to_members_only(client_as, agent, outside_liaison):
    assert "Criminal intelligence" in client_as(agent).get(reverse("site:home")).content.decode()
    outside = client_as(outside_liaison).get(reverse("site:home")).content.decode()
    assert "Criminal intelligence" not in outside


def test_the_filters_select_by_case_and_activity(client_as, record, agent):
    client = client_as(agent)
    hit = client.get(reverse("intelligence:list"), {"case_number": "ccgtf-2026-0001"})
    miss = client.get(reverse("intelligence:list"), {"criminal_activity": "extortion"})
    assert f"#{record.pk}" in hit.content.decode()
    assert f"#{record.pk}" not in miss.content.decode()


def test_an_officer_serves_through_the_officer_record_linked_to_their_account(
    client_as, make_user, record, task_force, agency_a
):
    from tests.conftest import FIXTURE_ACTOR
    from tests.officers.conftest import make_agreement, nomination

    from access.core.actors import bound_actor
    from access.officers.models import Officer
    from access.taskforces.models import Member

    account = make_user("agency_officer", agency_a)
    fields = {**nomination(), "nominated_on": dt.date(2025, 1, 1)}
    with bound_actor(FIXTURE_ACTOR):
        officer = Officer(
            agency=agency_a, agreement=make_agreement(agency_a), user=account, **fields
        )
        officer.save()
        Member(
            task_force=task_force,
            officer=officer,
            role=MemberRole.TASK_FORCE_OFFICER,
            starts_on=dt.date(2025, 1, 1),
        ).save()
    client = client_as(account)
    assert client.get(reverse("intelligence:detail", args=[record.pk])).status_code == 200


def test_a_purged_record_shows_no_content(client_as, record, agent):
    from tests.intelligence.conftest import backdate

    from access.core.actors import SystemActor
    from access.intelligence.actions import run_review

    backdate(record, dt.date(2030, 1, 1))
    run_review(SystemActor("test"), today=dt.date(2030, 1, 2))
    page = client_as(agent).get(reverse("intelligence:detail", args=[record.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "Purged on 2030-01-02" in text
    assert "fentanyl" not in text and "Test Subject" not in text
    assert "Record a release" not in text and "Validate again" not in text
