"""Facilities: the ones a CAP officer's team covers, their settings (changes audited with
before and after), the team scope of ``restrict()``, pages and API."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse

from access.audit.models import AuditEvent
from access.cap.actions import facilities as actions
from access.cap.events import Event
from access.cap.models import CapFacility

pytestmark = pytest.mark.django_db


def settings_of(facility: CapFacility) -> tuple[str, ...]:
    f = CapFacility.objects.get(pk=facility.pk)
    return (f.access_hours, f.remote_interviews, f.roster_delivery, f.roster_frequency, f.contacts)


def test_restrict_with_the_team_scope_shows_only_covered_rows(
    q_facility, q_other_facility, q_officer, q_other_officer, q_supervisor, q_team
) -> None:
    """The first test of ``RestrictedQuerySet.restrict``'s "team" scope: a grant with scope
    team filters on the model's ``team_scope`` (the covering team's members), once per row
    even for a member of two teams; scope all sees everything; no grant sees nothing."""
    assert q_officer.grant_scope("cap.view_capfacility") == "team"
    assert list(CapFacility.objects.restrict(q_officer)) == [q_facility]
    assert list(CapFacility.objects.restrict(q_other_officer)) == [q_other_facility]
    assert set(CapFacility.objects.restrict(q_supervisor)) == {q_facility, q_other_facility}
    # Two teams covering one facility (a second team added): the row appears once.
    from tests.cap.queue_fixtures import Q_ACTOR

    from access.cap.models import CapTeam
    from access.core.actors import bound_actor

    with bound_actor(Q_ACTOR):
        night = CapTeam.objects.create(name="Night shift")
    night.members.add(q_officer)
    assert CapFacility.objects.restrict(q_officer).count() == 1
    # The action needs its own grant: supervisors read facilities but do not change them.
    assert CapFacility.objects.restrict(q_supervisor, "change").count() == 0
    assert list(CapFacility.objects.restrict(q_officer, "change")) == [q_facility]


def test_change_facility_is_audited_with_before_and_after(q_facility, q_officer) -> None:
    actions.change_facility(
        q_officer, q_facility, remote_interviews="phone_and_video", access_hours="Daily 07:00-19:00"
    )
    assert settings_of(q_facility)[:2] == ("Daily 07:00-19:00", "phone_and_video")
    event = AuditEvent.objects.get(action=Event.CHANGE_FACILITY)
    assert event.before == {"access_hours": "Mon-Fri 08:00-17:00", "remote_interviews": "phone"}
    assert event.after == {
        "access_hours": "Daily 07:00-19:00",
        "remote_interviews": "phone_and_video",
    }
    # Nothing changed: no event.
    actions.change_facility(q_officer, q_facility, remote_interviews="phone_and_video")
    assert AuditEvent.objects.filter(action=Event.CHANGE_FACILITY).count() == 1


def test_change_facility_refusals_change_nothing(q_facility, q_officer, q_other_officer) -> None:
    before = settings_of(q_facility)
    with pytest.raises(actions.Refused) as refused:
        actions.change_facility(
            q_officer, q_facility, remote_interviews="carrier pigeon", team="other"
        )
    assert set(refused.value.message_dict) == {"remote_interviews", "team"}
    with pytest.raises(Http404):
        actions.change_facility(q_other_officer, q_facility, access_hours="never")
    assert settings_of(q_facility) == before
    assert not AuditEvent.objects.filter(action=Event.CHANGE_FACILITY).exists()


def test_program_staff_assign_the_team(q_facility, q_other_team, q_officer, make_user) -> None:
    manager = make_user("ice_program_manager", username="pm.cap")
    with pytest.raises(Http404):
        actions.assign_team(q_officer, q_facility, q_other_team)
    assert CapFacility.objects.get(pk=q_facility.pk).team_id != q_other_team.pk
    actions.assign_team(manager, q_facility, q_other_team)
    assert CapFacility.objects.get(pk=q_facility.pk).team_id == q_other_team.pk
    event = AuditEvent.objects.get(action=Event.CHANGE_FACILITY)
    assert event.after == {"team_id": q_other_team.pk}


def test_facility_pages(client_as, q_facility, q_other_facility, q_officer) -> None:
    client = client_as(q_officer)
    page = client.get(reverse("cap:facilities"))
    assert page.status_code == 200
    assert b"Alpha County Jail" in page.content and b"Bravo City Jail" not in page.content
    detail = client.get(reverse("cap:facility", args=[q_facility.pk]))
    assert detail.status_code == 200
    assert b"BOOKING_NO" in detail.content  # the saved mapping, read-only
    assert b"Mon-Fri 08:00-17:00" in detail.content
    assert client.get(reverse("cap:facility", args=[q_other_facility.pk])).status_code == 404


def test_facility_edit_page(client_as, q_facility, q_other_facility, q_officer) -> None:
    client = client_as(q_officer)
    url = reverse("cap:facility_edit", args=[q_facility.pk])
    assert client.get(url).status_code == 200
    form = {
        "access_hours": "Mon-Sun 06:00-22:00",
        "remote_interviews": "video",
        "roster_delivery": "email",
        "roster_frequency": "twice_daily",
        "contacts": "Sgt. Lee, booking desk",
    }
    response = client.post(url, form)
    assert response.status_code == 302
    assert settings_of(q_facility) == (
        "Mon-Sun 06:00-22:00",
        "video",
        "email",
        "twice_daily",
        "Sgt. Lee, booking desk",
    )
    before = settings_of(q_other_facility)
    refused = client.post(reverse("cap:facility_edit", args=[q_other_facility.pk]), form)
    assert refused.status_code == 404
    assert settings_of(q_other_facility) == before
    bad = client.post(url, {**form, "remote_interviews": "telepathy"})
    assert bad.status_code == 400
    assert settings_of(q_facility)[1] == "video"


def test_facility_api(client_as, q_facility, q_other_facility, q_officer) -> None:
    client = client_as(q_officer)
    listed = client.get("/api/cap/facilities/").json()
    assert [row["id"] for row in listed["results"]] == [q_facility.pk]
    assert listed["results"][0]["remote_modes"] == ["in_person", "phone"]
    url = f"/api/cap/facilities/{q_facility.pk}/"
    changed = client.patch(url, {"remote_interviews": "none"}, content_type="application/json")
    assert changed.status_code == 200
    assert changed.json()["remote_modes"] == ["in_person"]
    bad = client.patch(url, {"remote_interviews": "smoke"}, content_type="application/json")
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"]["remote_interviews"]
    before = settings_of(q_other_facility)
    other = client.patch(
        f"/api/cap/facilities/{q_other_facility.pk}/",
        {"access_hours": "x"},
        content_type="application/json",
    )
    assert other.status_code == 404
    assert other.json()["error"]["code"] == "not_found"
    assert settings_of(q_other_facility) == before
