"""Every view of a booking (its page, a roster's results naming booked people) and every
export of bookings (the queue's download, the results API) is an audit event; another
team's booking is a 404 and records nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from access.audit.models import AuditEvent
from access.cap.events import Event
from access.cap.models import Booking

pytestmark = pytest.mark.django_db


def test_each_view_of_a_booking_page_is_recorded(client_as, q_candidate, q_officer) -> None:
    client = client_as(q_officer)
    url = reverse("cap:booking", args=[q_candidate.booking_id])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    events = AuditEvent.objects.filter(action=Event.VIEW_BOOKING)
    assert events.count() == 2
    event = events.first()
    assert event is not None
    assert event.actor_id == q_officer.pk
    assert event.object_type == "cap.booking" and event.object_id == str(q_candidate.booking_id)
    assert event.details["form"] == "web"


def test_another_teams_booking_is_404_and_not_recorded(
    client_as, q_candidate, q_other_officer
) -> None:
    answer = client_as(q_other_officer).get(reverse("cap:booking", args=[q_candidate.booking_id]))
    assert answer.status_code == 404
    assert not AuditEvent.objects.filter(action=Event.VIEW_BOOKING).exists()


def test_a_roster_page_records_the_bookings_it_shows(client_as, q_candidate, q_officer) -> None:
    Booking.objects.filter(pk=q_candidate.booking_id).update(screened_at=timezone.now())
    roster = q_candidate.roster
    assert client_as(q_officer).get(reverse("cap:roster", args=[roster.pk])).status_code == 200
    event = AuditEvent.objects.get(action=Event.VIEW_RESULTS)
    assert event.actor_id == q_officer.pk and event.object_id == str(roster.pk)
    assert event.details["bookings"] == [q_candidate.booking_id]


def test_exports_of_bookings_are_recorded(client_as, q_candidate, q_officer) -> None:
    Booking.objects.filter(pk=q_candidate.booking_id).update(screened_at=timezone.now())
    client = client_as(q_officer)
    download = client.get(reverse("cap:queue"), {"export": "csv"})
    assert download.status_code == 200 and b"B-1001" in download.content
    api = client.get(f"/api/cap/rosters/{q_candidate.roster_id}/results/")
    assert api.status_code == 200
    exports = AuditEvent.objects.filter(action=Event.EXPORT, actor_id=q_officer.pk)
    assert exports.count() == 2
    assert {e.details.get("format") for e in exports} == {"csv", "api"}
