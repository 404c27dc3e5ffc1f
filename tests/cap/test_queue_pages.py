"""The queue's pages and API: order, filters without person data, the logged candidate view,
the export (audited), review through forms and the API, the stops page, the home queue."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.cap.queue_fixtures import make_candidate, make_record

from access.audit.models import AuditEvent
from access.cap.actions import queue as actions
from access.cap.events import Event
from access.cap.models import Booking, Interview, ScreeningCandidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def q_three(q_facility):
    """Three pending candidates: released in 5 days (level 1), in 1 day (level 3), in 5 days
    (level 2); and one of a person already released (not in the queue)."""
    late_1 = make_candidate(
        q_facility, "B-11", make_record("R-11"), release_in_days=5, priority_level=1
    )
    soon = make_candidate(
        q_facility, "B-12", make_record("R-12"), release_in_days=1, priority_level=3
    )
    late_2 = make_candidate(
        q_facility,
        "B-13",
        make_record("R-13"),
        release_in_days=5,
        priority_level=2,
        band="possible",
    )
    gone = make_candidate(q_facility, "B-14", make_record("R-14"))
    Booking.objects.filter(pk=gone.booking_id).update(status="released", released_at=timezone.now())
    return soon, late_1, late_2


def test_the_queue_orders_by_release_then_priority(client_as, q_three, q_officer) -> None:
    client = client_as(q_officer)
    page = client.get(reverse("cap:queue"))
    assert page.status_code == 200
    text = page.content.decode()
    order = [text.index(n) for n in ("B-12", "B-11", "B-13")]
    assert order == sorted(order)
    assert "B-14" not in text
    assert "GARCIA" not in text  # no names in the list


def test_the_queue_filters_by_band_and_facility(client_as, q_three, q_officer, q_facility):
    client = client_as(q_officer)
    text = client.get(reverse("cap:queue"), {"band": "possible"}).content.decode()
    assert "B-13" in text and "B-12" not in text
    text = client.get(reverse("cap:queue"), {"facility": q_facility.pk}).content.decode()
    assert "B-12" in text


def test_the_export_is_audited_and_has_no_names(client_as, q_three, q_officer) -> None:
    client = client_as(q_officer)
    response = client.get(reverse("cap:queue"), {"export": "csv", "band": "probable"})
    assert response.status_code == 200
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(response.streaming_content).decode()
                if response.streaming
                else response.content.decode()
            )
        )
    )
    assert rows[0][:2] == ["Candidate", "Booking number"]
    assert [r[1] for r in rows[1:]] == ["B-12", "B-11"]
    assert "GARCIA" not in str(rows)
    event = AuditEvent.objects.get(action=Event.EXPORT)
    assert event.actor_id == q_officer.pk
    assert event.details == {"format": "csv", "filters": {"band": "probable"}, "rows": 2}


def test_another_team_sees_an_empty_queue_and_404s(client_as, q_candidate, q_other_officer):
    client = client_as(q_other_officer)
    assert b"B-1001" not in client.get(reverse("cap:queue")).content
    before = AuditEvent.objects.filter(action__startswith="cap.").count()
    for name in ("cap:candidate", "cap:booking"):
        pk = q_candidate.pk if name == "cap:candidate" else q_candidate.booking_id
        assert client.get(reverse(name, args=[pk])).status_code == 404
    for step, data in (
        ("cap:candidate_verify", {"verify-fields_checked": ["date_of_birth"]}),
        ("cap:candidate_reject", {"reject-reason": "no"}),
        ("cap:candidate_refer", {}),
    ):
        assert client.post(reverse(step, args=[q_candidate.pk]), data).status_code == 404
    assert ScreeningCandidate.objects.get(pk=q_candidate.pk).status == "pending"
    assert AuditEvent.objects.filter(action__startswith="cap.").count() == before
    api = client.get(f"/api/cap/candidates/{q_candidate.pk}/")
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"


def test_the_candidate_page_is_logged_and_verifies(client_as, q_candidate, q_officer) -> None:
    client = client_as(q_officer)
    url = reverse("cap:candidate", args=[q_candidate.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert b"R-1001" in page.content and b"This view is logged" in page.content
    assert AuditEvent.objects.filter(action=Event.VIEW_CANDIDATE).count() == 1
    refused = client.post(
        reverse("cap:candidate_verify", args=[q_candidate.pk]), {"verify-fields_checked": ["name"]}
    )
    assert refused.status_code == 400
    assert b"beyond the name" in refused.content
    assert ScreeningCandidate.objects.get(pk=q_candidate.pk).status == "pending"
    done = client.post(
        reverse("cap:candidate_verify", args=[q_candidate.pk]),
        {"verify-fields_checked": ["name", "date_of_birth"], "verify-notes": ""},
    )
    assert done.status_code == 302
    assert ScreeningCandidate.objects.get(pk=q_candidate.pk).status == "verified"
    assert client.post(reverse("cap:candidate_refer", args=[q_candidate.pk])).status_code == 302
    soon = (timezone.now() + timezone.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    video = client.post(
        reverse("cap:candidate_schedule", args=[q_candidate.pk]),
        {"interview-mode": "video", "interview-scheduled_for": soon},
    )
    assert video.status_code == 400  # the facility allows in person or by phone only
    assert not Interview.objects.exists()
    phone = client.post(
        reverse("cap:candidate_schedule", args=[q_candidate.pk]),
        {"interview-mode": "phone", "interview-scheduled_for": soon},
    )
    assert phone.status_code == 302
    interview = Interview.objects.get()
    page = client.get(reverse("cap:interview", args=[interview.pk]))
    assert page.status_code == 200 and b"Record the outcome" in page.content
    bad = client.post(reverse("cap:interview", args=[interview.pk]), {"outcome": "removable"})
    assert bad.status_code == 400
    assert Interview.objects.get().status == "scheduled"
    held = timezone.now().strftime("%Y-%m-%dT%H:%M")
    ok = client.post(
        reverse("cap:interview", args=[interview.pk]), {"outcome": "removable", "held_at": held}
    )
    assert ok.status_code == 302
    assert Interview.objects.get().outcome == "removable"


def test_the_booking_page_lists_its_candidates(client_as, q_candidate, q_officer) -> None:
    page = client_as(q_officer).get(reverse("cap:booking", args=[q_candidate.booking_id]))
    assert page.status_code == 200
    assert b"B-1001" in page.content and f"#{q_candidate.pk}".encode() in page.content


def test_stops_page_and_decision(client_as, q_citizen_candidate, q_officer, q_supervisor):
    actions.view_candidate(q_officer, q_citizen_candidate)
    actions.verify(q_officer, q_citizen_candidate, fields_checked=["date_of_birth"])
    supervisor = client_as(q_supervisor)
    page = supervisor.get(reverse("cap:stops"))
    assert page.status_code == 200
    assert f"Decide candidate #{q_citizen_candidate.pk}".encode() in page.content
    home = supervisor.get("/")
    assert f"CAP candidate #{q_citizen_candidate.pk}".encode() in home.content
    refused = supervisor.post(
        reverse("cap:candidate_decide", args=[q_citizen_candidate.pk]),
        {"decide-decision": "citizen", "decide-reason": ""},
    )
    assert refused.status_code == 400
    assert ScreeningCandidate.objects.get(pk=q_citizen_candidate.pk).supervisor_decision == ""
    officer = client_as(q_officer)
    assert officer.post(
        reverse("cap:candidate_decide", args=[q_citizen_candidate.pk]),
        {"decide-decision": "not_established", "decide-reason": "mine"},
    ).status_code in (400, 404)
    assert ScreeningCandidate.objects.get(pk=q_citizen_candidate.pk).supervisor_decision == ""
    done = supervisor.post(
        reverse("cap:candidate_decide", args=[q_citizen_candidate.pk]),
        {"decide-decision": "citizen", "decide-reason": "U.S. passport verified."},
    )
    assert done.status_code == 302
    decided = ScreeningCandidate.objects.get(pk=q_citizen_candidate.pk)
    assert (decided.status, decided.supervisor_decision) == ("stopped", "citizen")


def test_the_home_page_shows_the_cap_queue(client_as, q_three, q_officer) -> None:
    home = client_as(q_officer).get("/").content.decode()
    assert "Jail screening referrals, soonest release first" in home
    assert home.index("Booking B-12") < home.index("Booking B-11")


def test_the_api_queue_and_review(client_as, q_three, q_officer) -> None:
    client = client_as(q_officer)
    listed = client.get("/api/cap/candidates/").json()["results"]
    assert [row["booking_number"] for row in listed] == ["B-12", "B-11", "B-13"]
    assert "record" not in listed[0]
    possible = client.get("/api/cap/candidates/", {"band": "possible"}).json()["results"]
    assert [row["booking_number"] for row in possible] == ["B-13"]
    soon = q_three[0]
    url = f"/api/cap/candidates/{soon.pk}/"
    early = client.post(
        url + "verify/", {"fields_checked": ["date_of_birth"]}, content_type="application/json"
    )
    assert early.status_code == 400
    assert "comparison" in early.json()["error"]["fields"]["non_field_errors"][0]
    assert ScreeningCandidate.objects.get(pk=soon.pk).status == "pending"
    detail = client.get(url).json()
    assert detail["record"]["record_id"] == "R-12"
    assert detail["name_only"] is False and detail["date_of_birth_agrees"] is True
    assert AuditEvent.objects.get(action=Event.VIEW_CANDIDATE).details["form"] == "api"
    verified = client.post(
        url + "verify/",
        {"fields_checked": ["name", "date_of_birth"]},
        content_type="application/json",
    )
    assert verified.status_code == 200 and verified.json()["status"] == "verified"
    assert client.post(url + "refer/").json()["status"] == "referred"
    when = (timezone.now() + timezone.timedelta(days=1)).isoformat()
    bad = client.post(
        "/api/cap/interviews/",
        {"candidate": soon.pk, "mode": "video", "scheduled_for": when},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "mode" in bad.json()["error"]["fields"]
    made = client.post(
        "/api/cap/interviews/",
        {
            "candidate": soon.pk,
            "mode": "phone",
            "scheduled_for": when,
            "interpreter_language": "Spanish",
        },
        content_type="application/json",
    )
    assert made.status_code == 201
    interview = made.json()
    outcome = client.post(
        f"/api/cap/interviews/{interview['id']}/outcome/",
        {"outcome": "citizenship_claim", "held_at": timezone.now().isoformat()},
        content_type="application/json",
    )
    assert outcome.status_code == 200 and outcome.json()["status"] == "held"
    assert ScreeningCandidate.objects.get(pk=soon.pk).status == "stopped"
    rejected = client.post(
        f"/api/cap/candidates/{q_three[1].pk}/reject/",
        {"reason": "Twin."},
        content_type="application/json",
    )
    assert rejected.json()["status"] == "rejected"


def test_the_api_decide_is_for_supervisors(client_as, q_citizen_candidate, q_officer, q_supervisor):
    actions.view_candidate(q_officer, q_citizen_candidate)
    actions.verify(q_officer, q_citizen_candidate, fields_checked=["date_of_birth"])
    url = f"/api/cap/candidates/{q_citizen_candidate.pk}/decide/"
    body = {"decision": "not_established", "reason": "Another person."}
    assert client_as(q_officer).post(url, body, content_type="application/json").status_code == 404
    assert ScreeningCandidate.objects.get(pk=q_citizen_candidate.pk).status == "stopped"
    done = client_as(q_supervisor).post(url, body, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "cleared"


def test_roles_without_cap_grants_get_404(client_as, q_candidate, agency_a) -> None:
    client = client_as("agency_liaison", agency_a)
    for url in (
        reverse("cap:queue"),
        reverse("cap:queue") + "?export=csv",
        reverse("cap:stops"),
        reverse("cap:facilities"),
        "/api/cap/candidates/",
        "/api/cap/facilities/",
    ):
        assert client.get(url).status_code == 404, url
    assert not AuditEvent.objects.filter(action__startswith="cap.").exists()


def test_a_name_only_candidate_has_no_verify_form(client_as, q_name_only, q_officer) -> None:
    page = client_as(q_officer).get(reverse("cap:candidate", args=[q_name_only.pk]))
    assert b"Name-only match" in page.content
    assert b'name="verify-fields_checked"' not in page.content
    assert b'name="reject-reason"' in page.content


def test_another_teams_interview_is_404_and_unchanged(
    client_as, q_candidate, q_officer, q_other_officer
) -> None:
    actions.view_candidate(q_officer, q_candidate)
    actions.verify(q_officer, q_candidate, fields_checked=["date_of_birth"])
    candidate = actions.refer(q_officer, ScreeningCandidate.objects.get(pk=q_candidate.pk))
    interview = actions.schedule_interview(
        q_officer,
        candidate,
        mode="in_person",
        scheduled_for=timezone.now() + timezone.timedelta(hours=3),
    )
    other = client_as(q_other_officer)
    url = reverse("cap:interview", args=[interview.pk])
    assert other.get(url).status_code == 404
    held = timezone.now().strftime("%Y-%m-%dT%H:%M")
    assert other.post(url, {"outcome": "declined", "held_at": held}).status_code == 404
    api = other.post(
        f"/api/cap/interviews/{interview.pk}/outcome/",
        {"outcome": "declined", "held_at": timezone.now().isoformat()},
        content_type="application/json",
    )
    assert api.status_code == 404
    scheduled = other.post(
        "/api/cap/interviews/",
        {
            "candidate": candidate.pk,
            "mode": "in_person",
            "scheduled_for": timezone.now().isoformat(),
        },
        content_type="application/json",
    )
    assert scheduled.status_code == 404  # not a candidate the caller can see
    assert Interview.objects.get().status == "scheduled"
    assert Interview.objects.count() == 1


def test_cap_itself_leads_to_the_queue(client_as, q_officer) -> None:
    response = client_as(q_officer).get("/cap/")
    assert (response.status_code, response["Location"]) == (302, "/cap/queue/")
