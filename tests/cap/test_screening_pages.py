"""The roster page (progress, cancel, screen again, results) and the screening API, within the
CAP officer's team."""

# The fixtures come from tests.cap.screening_support (imported: the CAP parts keep no shared
# conftest), so each test's arguments shadow the imported names.
# ruff: noqa: F811

from __future__ import annotations

import pytest
from tests.cap.screening_support import (  # noqa: F401
    _engine,
    cap_facility,
    cap_officer,
    make_roster,
    model_file,
    other_facility,
    population,
    store,
)

from access.audit.models import AuditEvent
from access.cap import screening
from access.cap.choices import RosterStatus
from access.cap.models import Booking, Roster, ScreeningCandidate

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _state(roster: Roster) -> tuple:
    fresh = Roster.objects.get(pk=roster.pk)
    return (fresh.status, fresh.cancel_requested, fresh.progress_done, fresh.error)


def test_the_roster_page_shows_progress_that_polls_while_queued(
    client_as, cap_officer, cap_facility, make_roster
):
    roster = make_roster(cap_facility, present=0, absent=3)
    page = client_as(cap_officer).get(f"/cap/rosters/{roster.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<progress" in html and 'max="3"' in html and 'value="0"' in html
    assert "0 of 3 bookings screened (0%)" in html
    assert f'hx-get="/cap/rosters/{roster.pk}/progress/"' in html
    assert 'hx-trigger="every 1s"' in html
    assert 'aria-live="polite"' in html
    assert "Cancel screening" in html


def test_a_roster_received_without_queueing_offers_screen_now_and_does_not_poll(
    client_as, cap_officer, cap_facility, make_roster
):
    roster = make_roster(cap_facility, present=0, absent=3, job_id="")
    html = client_as(cap_officer).get(f"/cap/rosters/{roster.pk}/").content.decode()
    assert "Received; screening not started" in html
    assert "Screen now" in html and "Cancel screening" not in html
    assert 'hx-trigger="every 1s"' not in html


def test_the_progress_region_answers_286_when_done_so_polling_stops(
    client_as, cap_officer, cap_facility, make_roster, store
):
    roster = make_roster(cap_facility, present=2, absent=1)
    client = client_as(cap_officer)
    waiting = client.get(f"/cap/rosters/{roster.pk}/progress/", **HTMX)
    assert waiting.status_code == 200
    assert "0 of 3 bookings screened" in waiting.content.decode()
    screening.screen(roster.pk)
    done = client.get(f"/cap/rosters/{roster.pk}/progress/", **HTMX)
    assert done.status_code == 286
    assert "3 of 3 bookings screened (100%)" in done.content.decode()
    assert "See the results" in done.content.decode()
    plain = client.get(f"/cap/rosters/{roster.pk}/progress/")
    assert plain.status_code == 302 and plain["Location"] == f"/cap/rosters/{roster.pk}/"


def test_the_screened_page_lists_candidates_and_people_with_no_result(
    client_as, cap_officer, cap_facility, make_roster, store
):
    roster = make_roster(cap_facility, present=3, absent=2)
    screening.screen(roster.pk)
    html = client_as(cap_officer).get(f"/cap/rosters/{roster.pk}/").content.decode()
    assert "hx-get" not in html
    assert "Results per booked person" in html
    assert "Screened, no result (2)" in html
    assert "ZZYZX" in html and "XOBLOTNIK" in html
    first = ScreeningCandidate.objects.filter(roster=roster, rank=1).first()
    assert f'href="/cap/candidates/{first.pk}/"' in html
    assert "People with candidates (3)" in html


def test_another_teams_roster_is_not_found_and_nothing_changes(
    client_as, cap_officer, other_facility, make_roster
):
    roster = make_roster(other_facility, present=0, absent=2)
    client = client_as(cap_officer)
    before = _state(roster)
    events = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    assert client.get(f"/cap/rosters/{roster.pk}/").status_code == 404
    assert client.get(f"/cap/rosters/{roster.pk}/progress/", **HTMX).status_code == 404
    assert client.post(f"/cap/rosters/{roster.pk}/cancel/", {"reason": "x"}).status_code == 404
    assert client.post(f"/cap/rosters/{roster.pk}/screen-again/").status_code == 404
    assert client.get(f"/api/cap/rosters/{roster.pk}/progress/").status_code == 404
    cancel = client.post(
        f"/api/cap/rosters/{roster.pk}/cancel/", {"reason": "x"}, content_type="application/json"
    )
    assert cancel.status_code == 404
    assert client.get(f"/api/cap/rosters/{roster.pk}/results/").status_code == 404
    assert _state(roster) == before
    assert not AuditEvent.objects.filter(action__startswith="cap.", pk__gt=events).exists()


def test_a_role_without_cap_grants_gets_404(client_as, cap_facility, make_roster):
    roster = make_roster(cap_facility, present=0, absent=1)
    client = client_as("lesc_analyst")
    assert client.get(f"/cap/rosters/{roster.pk}/").status_code == 404
    assert client.get(f"/api/cap/rosters/{roster.pk}/progress/").status_code == 404


def test_cancelling_a_queued_roster_cancels_it_at_once(
    client_as, cap_officer, cap_facility, make_roster
):
    roster = make_roster(cap_facility, present=0, absent=2)
    response = client_as(cap_officer).post(
        f"/cap/rosters/{roster.pk}/cancel/", {"reason": "Wrong facility's file"}
    )
    assert response.status_code == 302
    fresh = Roster.objects.get(pk=roster.pk)
    assert fresh.status == RosterStatus.CANCELLED and fresh.cancel_requested
    event = AuditEvent.objects.get(action="cap.cancel_screening")
    assert event.actor_id == cap_officer.pk
    assert event.details["reason"] == "Wrong facility's file"
    assert event.details["status_before"] == "queued"


def test_cancelling_needs_a_reason(client_as, cap_officer, cap_facility, make_roster):
    roster = make_roster(cap_facility, present=0, absent=2)
    before, events = _state(roster), AuditEvent.objects.count()
    client_as(cap_officer).post(f"/cap/rosters/{roster.pk}/cancel/", {"reason": "  "})
    assert _state(roster) == before
    assert AuditEvent.objects.count() == events


def test_cancelling_a_screening_roster_asks_the_job_to_stop(cap_officer, cap_facility, make_roster):
    from access.cap.actions.screening import cancel_screening
    from access.core.actors import bound_actor

    roster = make_roster(cap_facility, present=0, absent=2)
    with bound_actor(screening.ACTOR):
        running = Roster.objects.get(pk=roster.pk)
        running.start()
        running.save()
    cancel_screening(cap_officer, running, "Roster resent with corrections")
    fresh = Roster.objects.get(pk=roster.pk)
    assert fresh.status == RosterStatus.SCREENING and fresh.cancel_requested


def test_screen_again_requeues_a_failed_roster_and_the_worker_runs_it(
    client_as,
    cap_officer,
    cap_facility,
    make_roster,
    store,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    roster = make_roster(cap_facility, present=2, absent=1)
    monkeypatch.setattr(screening.records_screening, "screen", lambda *a, **k: 1 / 0)
    assert screening.screen(roster.pk).status == RosterStatus.FAILED
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(cap_officer).post(f"/cap/rosters/{roster.pk}/screen-again/")
    assert response.status_code == 302
    fresh = Roster.objects.get(pk=roster.pk)
    assert fresh.status == RosterStatus.SCREENED and fresh.error == ""
    assert AuditEvent.objects.filter(action="cap.requeue_screening").count() == 1
    assert Booking.objects.filter(last_roster=roster, screened_at__isnull=True).count() == 0


def test_screen_again_refuses_a_screened_roster(
    client_as, cap_officer, cap_facility, make_roster, store
):
    roster = make_roster(cap_facility, present=1, absent=1)
    screening.screen(roster.pk)
    before, events = _state(roster), AuditEvent.objects.count()
    client_as(cap_officer).post(f"/cap/rosters/{roster.pk}/screen-again/")
    assert _state(roster) == before
    assert AuditEvent.objects.count() == events


def test_the_api_reports_progress_cancels_and_gives_results(
    client_as, cap_officer, cap_facility, make_roster, store
):
    client = client_as(cap_officer)
    roster = make_roster(cap_facility, present=2, absent=1)
    progress = client.get(f"/api/cap/rosters/{roster.pk}/progress/").json()
    assert (progress["status"], progress["done"], progress["total"], progress["percent"]) == (
        "queued", 0, 3, 0,
    )  # fmt: skip
    screening.screen(roster.pk)
    progress = client.get(f"/api/cap/rosters/{roster.pk}/progress/").json()
    assert (progress["status"], progress["done"], progress["total"], progress["percent"]) == (
        "screened", 3, 3, 100,
    )  # fmt: skip
    results = client.get(f"/api/cap/rosters/{roster.pk}/results/").json()
    rows = results["results"]
    assert results["count"] == 3
    none = [r for r in rows if r["result"] == "screened, no result"]
    assert [r["family_name"] for r in none] == ["ZZYZX"] and none[0]["candidates"] == []
    found = [r for r in rows if r["candidates"]]
    assert len(found) == 2
    assert found[0]["candidates"][0]["rank"] == 1
    assert set(found[0]["candidates"][0]) >= {"probability", "band", "explanation", "record"}
    export = AuditEvent.objects.get(action="cap.export")
    assert export.details["rows"] == 3 and export.actor_id == cap_officer.pk
    refused = client.post(
        f"/api/cap/rosters/{roster.pk}/cancel/", {"reason": "late"}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert Roster.objects.get(pk=roster.pk).status == RosterStatus.SCREENED


def test_the_api_cancels_a_queued_roster(client_as, cap_officer, cap_facility, make_roster):
    roster = make_roster(cap_facility, present=0, absent=1)
    client = client_as(cap_officer)
    missing = client.post(
        f"/api/cap/rosters/{roster.pk}/cancel/", {}, content_type="application/json"
    )
    assert missing.status_code == 400
    assert Roster.objects.get(pk=roster.pk).status == RosterStatus.QUEUED
    done = client.post(
        f"/api/cap/rosters/{roster.pk}/cancel/",
        {"reason": "duplicate file"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["status"] == "cancelled"
