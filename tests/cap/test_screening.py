"""The screening job: a roster's booked people screened through the records front door."""

# The fixtures come from tests.cap.screening_support (imported: the CAP parts keep no shared
# conftest), so each test's arguments shadow the imported names.
# ruff: noqa: F811

from __future__ import annotations

from typing import Any

import pytest
from tests.cap.screening_support import (  # noqa: F401
    _engine,
    cap_facility,
    cap_officer,
    make_roster,
    model_file,
    population,
    store,
)

from access.audit.models import AuditEvent
from access.cap import screening
from access.cap.choices import BookingStatus, ReviewStatus, RosterStatus
from access.cap.models import Booking, Roster, ScreeningCandidate
from access.cap.tasks import screen_roster
from access.records import search

pytestmark = pytest.mark.django_db


def test_screening_stores_the_best_candidates_of_each_booked_person(
    store, cap_facility, make_roster
):
    roster = make_roster(cap_facility, present=6, absent=3)
    calls: list[tuple[int, int]] = []

    done = screening.screen(roster.pk, progress=lambda d, t: calls.append((d, t)))

    assert done.status == RosterStatus.SCREENED
    assert (done.progress_done, done.progress_total) == (9, 9)
    assert done.screening_started_at and done.screening_finished_at
    assert done.model_version.startswith("model file")
    assert calls[0] == (0, 9) and calls[-1] == (9, 9)
    bookings = Booking.objects.filter(last_roster=roster).order_by("pk")
    assert all(b.screened_at for b in bookings)
    present, absent = list(bookings[:6]), list(bookings[6:])
    assert all(b.candidate_count >= 1 for b in present)
    assert [b.candidate_count for b in absent] == [0, 0, 0]
    for booking in present:
        rows = list(ScreeningCandidate.objects.filter(booking=booking).order_by("rank"))
        assert [c.rank for c in rows] == list(range(1, len(rows) + 1)) and len(rows) <= 3
        assert all(c.band in ("possible", "probable") for c in rows)
        assert all(0 < c.probability <= 1 for c in rows)
        assert set(rows[0].explanation) == {"fields", "notes", "conflict"}
        assert "date_of_birth" in rows[0].explanation["fields"]
        assert booking.candidate_count == len(rows)
    assert ScreeningCandidate.objects.filter(roster=roster).count() == sum(
        b.candidate_count for b in bookings
    )


def test_screening_keeps_what_the_front_door_answers_for_each_person(
    store, cap_facility, make_roster
):
    roster = make_roster(cap_facility, present=5, absent=1)
    screening.screen(roster.pk)
    for booking in Booking.objects.filter(last_roster=roster):
        answer = search.search(screening.booking_record(booking), limit=3)
        stored = ScreeningCandidate.objects.filter(booking=booking).order_by("rank")
        assert [(int(c.record_id), c.band) for c in answer.candidates] == [
            (c.record_id, c.band) for c in stored
        ]


def test_the_screening_is_audited_with_its_counts(store, cap_facility, make_roster):
    roster = make_roster(cap_facility, present=4, absent=2)
    screening.screen(roster.pk)
    event = AuditEvent.objects.get(action="cap.screen_roster", object_id=str(roster.pk))
    assert event.actor_name == "system: screening job"
    assert event.outcome == "success"
    assert event.details["status"] == "screened"
    assert event.details["screened"] == 6
    assert event.details["with_candidates"] == 4
    assert event.details["candidates"] == ScreeningCandidate.objects.filter(roster=roster).count()


def test_a_roster_is_screened_once(store, cap_facility, make_roster):
    roster = make_roster(cap_facility, present=3, absent=1)
    screening.screen(roster.pk)
    count = ScreeningCandidate.objects.count()
    events = AuditEvent.objects.count()
    again = screening.screen(roster.pk)
    assert again.status == RosterStatus.SCREENED
    assert ScreeningCandidate.objects.count() == count
    assert AuditEvent.objects.count() == events


def test_released_bookings_are_not_screened(store, cap_facility, make_roster):
    roster = make_roster(cap_facility, present=3, absent=1)
    gone = Booking.objects.filter(last_roster=roster).first()
    Booking.objects.filter(pk=gone.pk).update(status=BookingStatus.RELEASED)
    done = screening.screen(roster.pk)
    assert done.progress_total == 3
    assert Booking.objects.get(pk=gone.pk).screened_at is None
    assert not ScreeningCandidate.objects.filter(booking=gone).exists()


def test_the_task_is_the_workers_entry_point(store, cap_facility, make_roster):
    roster = make_roster(cap_facility, present=2, absent=1)
    result = screen_roster.enqueue(roster.pk)  # ImmediateBackend: runs now
    assert result.return_value == 3
    assert Roster.objects.get(pk=roster.pk).status == RosterStatus.SCREENED


def test_chunks_save_progress_as_they_go(store, cap_facility, make_roster, monkeypatch):
    roster = make_roster(cap_facility, present=6, absent=3)
    monkeypatch.setattr(screening, "FIRST_CHUNK", 2)
    monkeypatch.setattr(screening, "MIN_CHUNK", 2)
    monkeypatch.setattr(screening, "MAX_CHUNK", 2)
    seen: list[int] = []
    original = screening._store

    def spy(roster_: Roster, *args: Any) -> None:
        original(roster_, *args)
        seen.append(Roster.objects.get(pk=roster_.pk).progress_done)

    monkeypatch.setattr(screening, "_store", spy)
    screening.screen(roster.pk)
    assert seen == [2, 4, 6, 8, 9]
    event = AuditEvent.objects.get(action="cap.screen_roster", object_id=str(roster.pk))
    assert event.details["chunks"] == 5


def test_a_cancel_asked_for_stops_before_the_next_chunk(
    store, cap_facility, make_roster, monkeypatch
):
    roster = make_roster(cap_facility, present=6, absent=3)
    monkeypatch.setattr(screening, "FIRST_CHUNK", 3)
    monkeypatch.setattr(screening, "MIN_CHUNK", 3)
    monkeypatch.setattr(screening, "MAX_CHUNK", 3)
    original = screening._store

    def cancel_after_first(roster_: Roster, *args: Any) -> None:
        original(roster_, *args)
        Roster.objects.filter(pk=roster_.pk).update(cancel_requested=True)

    monkeypatch.setattr(screening, "_store", cancel_after_first)
    done = screening.screen(roster.pk)
    assert done.status == RosterStatus.CANCELLED
    assert done.progress_done == 3
    assert Booking.objects.filter(last_roster=roster, screened_at__isnull=False).count() == 3
    event = AuditEvent.objects.get(action="cap.screen_roster", object_id=str(roster.pk))
    assert event.details["status"] == "cancelled"


def test_a_failure_fails_the_roster_with_the_error(store, cap_facility, make_roster, monkeypatch):
    roster = make_roster(cap_facility, present=3, absent=1)

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the online store could not be read")

    monkeypatch.setattr(screening.records_screening, "screen", broken)
    done = screening.screen(roster.pk)
    assert done.status == RosterStatus.FAILED
    assert done.error == "the online store could not be read"
    assert not ScreeningCandidate.objects.filter(roster=roster).exists()
    assert not Booking.objects.filter(last_roster=roster, screened_at__isnull=False).exists()
    event = AuditEvent.objects.get(action="cap.screen_roster", object_id=str(roster.pk))
    assert event.outcome == "failure"


def test_with_no_model_the_roster_fails_with_a_note(
    db, cap_facility, make_roster, store, settings, tmp_path
):
    settings.INQUIRIES_MODEL_PATH = tmp_path / "none.json"
    search.reset()
    roster = make_roster(cap_facility, present=2, absent=1)
    done = screening.screen(roster.pk)
    assert done.status == RosterStatus.FAILED
    assert done.error == screening.NO_MODEL_ERROR
    assert not ScreeningCandidate.objects.exists()


def test_a_candidate_record_of_a_us_citizen_stops_that_candidate(store, cap_facility, make_roster):
    roster = make_roster(cap_facility, present=12, absent=0)
    screening.screen(roster.pk)
    rows = ScreeningCandidate.objects.filter(roster=roster).select_related("record")
    citizens = [
        c
        for c in rows
        if c.record.citizenship in ("us_born", "naturalized")
        or c.record.country_of_birth.upper() == "US"
    ]
    assert citizens, "the synthetic store has U.S. citizens among the candidates"
    for candidate in rows:
        if candidate in citizens:
            assert candidate.status == ReviewStatus.STOPPED
            assert candidate.stop_reasons
        elif not candidate.stop_reasons:
            assert candidate.status == ReviewStatus.PENDING
    listed = [
        c["candidate"]
        for event in AuditEvent.objects.filter(action="cap.stop", object_id=str(roster.pk))
        for c in event.details["candidates"]
    ]
    assert sorted(listed) == sorted(c.pk for c in rows if c.status == ReviewStatus.STOPPED)


def test_a_cancelled_queued_roster_is_not_started(store, cap_facility, make_roster):
    roster = make_roster(cap_facility, present=2, absent=0)
    Roster.objects.filter(pk=roster.pk).update(cancel_requested=True)
    done = screening.screen(roster.pk)
    assert done.status == RosterStatus.CANCELLED
    assert not Booking.objects.filter(screened_at__isnull=False).exists()
