"""Screening a roster on the job worker: its booked people against the person records.

``screen(roster_id, progress=None)`` runs synchronously (the worker's ``tasks.screen_roster``
calls it; a CLI may call it with a progress bar). It

1. starts the roster (``queued`` -> ``screening``; a roster in any other state is returned as
   it is, so a job that runs twice does nothing the second time), or cancels it at once when a
   cancel was asked for while it waited;
2. screens the roster's bookings still in custody and not yet screened, in chunks, through the
   records front door (``records.screening.screen``: the online store's batch path, or one
   search per person), keeping each person's best three candidates at or above *possible*;
3. after each chunk, in one short transaction (SQLite has the web process beside the worker),
   stores the candidates, marks the chunk's bookings screened (with their candidate count: a
   person with none is screened with no result) and saves the roster's progress. Chunks are
   sized to take about a second each, so the page's progress moves at least every 2 seconds;
4. checks ``cancel_requested`` between chunks (-> ``cancelled``, what was screened is kept);
5. ends ``screened``, or ``failed`` with the error text on any exception, and records
   ``cap.screen_roster`` (actor: the system "screening job") with the counts either way.

A candidate record indicating U.S. citizenship (born in the U.S., naturalized) stops that
candidate for a supervisor as soon as it is found (``inquiries.citizenship``, as inquiries
and encounters stop at their search): it is stored ``stopped`` with its reasons, and each
chunk's ``cap.stop`` event lists the candidates it stopped.

With no active matching model the roster fails with a note saying so; it can be screened
again (``actions.screening.screen_again``) once a model is active.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from access.audit import events
from access.audit.choices import Outcome
from access.cap.choices import BookingStatus, ReviewStatus
from access.cap.choices import RosterStatus as R
from access.cap.events import Event
from access.cap.models import Booking, Roster, ScreeningCandidate
from access.core.actors import SystemActor, bound_actor
from access.inquiries import engine
from access.inquiries.citizenship import stop_reasons
from access.matching.normalize import record_from_mapping
from access.matching.schema import Record
from access.records import screening as records_screening
from access.records.models import PersonRecord
from access.records.search import EMPTY_NOTE, NO_INDEX_NOTE

__all__ = [
    "ACTOR",
    "KEEP",
    "NO_MODEL_ERROR",
    "Progress",
    "booking_record",
    "progress_of",
    "screen",
]

Progress = Callable[[int, int], None]  # (done, total)
ACTOR = SystemActor("screening job")
KEEP = 3  # candidates kept per booked person
FIRST_CHUNK = 100  # small, so the first progress shows quickly
MIN_CHUNK, MAX_CHUNK = 20, 500
CHUNK_SECONDS = 1.0  # aimed-for work per chunk: progress is saved after each
NO_MODEL_ERROR = (
    "No active matching model: screening needs a trained, calibrated and activated model "
    "version (access matching train, calibrate, activate). Screen again once one is active."
)
logger = logging.getLogger(__name__)


class ScreeningRefused(Exception):
    """The records front door could not screen (no model, no records): the note says why."""


def booking_record(booking: Booking) -> Record:
    """A booked person as the engine reads them: the mapped fields the roster gave (canonical
    names, ``id.KIND`` identifiers), over the booking's own columns."""
    row: dict[str, Any] = {
        "given_name": booking.given_name,
        "middle_name": booking.middle_name,
        "family_name": booking.family_name,
        "date_of_birth": booking.date_of_birth,
        "sex": booking.sex,
        **{f"id.{kind}": value for kind, value in (booking.identifiers or {}).items()},
    }
    place = booking.place_of_birth.strip()
    row["country_of_birth" if len(place) == 2 else "place_of_birth"] = place
    for name, value in (booking.fields or {}).items():
        if value not in (None, "") and name not in ("booking_number", "booked_at", "release_date"):
            row[name] = value
    # several family names are one list to the engine (compound and maternal surnames)
    row["family_name"] = "|".join(str(row.get("family_name") or "").replace("|", " ").split())
    return record_from_mapping(row, str(booking.pk))


def _pending(roster: Roster) -> Any:
    """The roster's bookings still in custody and not yet screened, in a stable order."""
    return Booking.objects.filter(
        last_roster=roster, status=BookingStatus.IN_CUSTODY, screened_at__isnull=True
    ).order_by("pk")


def _in_scope(roster: Roster) -> Any:
    return Booking.objects.filter(last_roster=roster, status=BookingStatus.IN_CUSTODY)


def progress_of(roster: Roster) -> tuple[int, int, int]:
    """(done, total, percent) of a roster's screening; for a roster still waiting, counted
    from its bookings (the job fixes the total when it starts)."""
    if roster.status == R.QUEUED and not roster.progress_total:
        in_scope = _in_scope(roster)
        done, total = in_scope.filter(screened_at__isnull=False).count(), in_scope.count()
        return done, total, int(100 * done / total) if total else 0
    return roster.progress_done, roster.progress_total, roster.percent


def _begin(roster_id: int) -> Roster:
    with transaction.atomic(), bound_actor(ACTOR):
        roster = Roster.objects.select_for_update().get(pk=roster_id)
        if roster.status != R.QUEUED:
            return roster
        if roster.cancel_requested:
            roster.cancel()
            roster.screening_finished_at = timezone.now()
            roster.save()
            _record(roster, {"screened": 0}, "cancelled before it started")
            return roster
        roster.start()
        roster.screening_started_at = timezone.now()
        roster.screening_finished_at = None
        roster.error = ""
        roster.model_version = records_screening.model_in_use()[:64]
        in_scope = _in_scope(roster)
        roster.progress_total = in_scope.count()
        roster.progress_done = in_scope.filter(screened_at__isnull=False).count()
        roster.save()
        return roster


def _cancel_requested(roster: Roster) -> bool:
    return bool(
        Roster.objects.filter(pk=roster.pk).values_list("cancel_requested", flat=True).first()
    )


def _store(
    roster: Roster,
    batch: Sequence[Booking],
    answer: records_screening.BatchAnswer,
    counts: dict[str, int],
) -> None:
    """One chunk's candidates, its bookings marked screened and the roster's progress, in one
    short transaction."""
    found = {b.pk: answer.candidates.get(str(b.pk), []) for b in batch}
    pks = {int(c.record_id) for hits in found.values() for c in hits}
    people = {p.pk: p for p in engine.with_naturalization(PersonRecord.objects.filter(pk__in=pks))}
    now = timezone.now()
    rows: list[ScreeningCandidate] = []
    for booking in batch:
        hits = found[booking.pk]
        for rank, hit in enumerate(hits, start=1):
            reasons = stop_reasons(
                claimed=False,
                indicators=[engine.citizenship_indicator(people[int(hit.record_id)])],
            )
            rows.append(
                ScreeningCandidate(
                    booking=booking,
                    roster=roster,
                    record_id=int(hit.record_id),
                    rank=rank,
                    probability=round(hit.match_probability, 6),
                    band=hit.band,
                    explanation=engine.explanation_json(hit.explanation),
                    stop_reasons=reasons,
                    status=ReviewStatus.STOPPED if reasons else ReviewStatus.PENDING,
                )
            )
        booking.screened_at = booking.updated_at = now
        booking.candidate_count = len(hits)
    with transaction.atomic(), bound_actor(ACTOR):
        ScreeningCandidate.objects.bulk_create(rows)
        Booking.objects.bulk_update(batch, ["screened_at", "candidate_count", "updated_at"])
        stopped = [row for row in rows if row.stop_reasons]
        if stopped:
            # one event per chunk names every stopped candidate (an event each cost a tenth
            # of a roster's screening time: the audit chain is appended one event at a time)
            events.record(
                Event.STOP,
                obj=roster,
                details={
                    "found_by": "screening",
                    "candidates": [
                        {"candidate": r.pk, "booking": r.booking_id, "stop_reasons": r.stop_reasons}
                        for r in stopped
                    ],
                },
            )
        roster.progress_done = min(roster.progress_done + len(batch), roster.progress_total)
        roster.save(update_fields=["progress_done", "updated_at"])
    counts["screened"] += len(batch)
    counts["with_candidates"] += sum(1 for hits in found.values() if hits)
    counts["candidates"] += len(rows)
    counts["stopped"] += sum(1 for r in rows if r.stop_reasons)
    counts["chunks"] += 1


def _record(roster: Roster, counts: dict[str, Any], note: str = "") -> None:
    events.record(
        Event.SCREEN_ROSTER,
        actor=ACTOR,
        obj=roster,
        outcome=Outcome.FAILURE if roster.status == R.FAILED else Outcome.SUCCESS,
        details={
            "status": roster.status,
            "bookings": roster.progress_total,
            "done": roster.progress_done,
            **counts,
            "model_version": roster.model_version,
            **({"note": note} if note else {}),
        },
    )


def _end(roster: Roster, counts: dict[str, Any], *, cancelled: bool) -> Roster:
    with transaction.atomic(), bound_actor(ACTOR):
        fresh = Roster.objects.select_for_update().get(pk=roster.pk)
        if cancelled:
            fresh.cancel()
        else:
            fresh.finish()
        fresh.screening_finished_at = timezone.now()
        fresh.save()
        _record(fresh, counts)
    return fresh


def _fail(roster_id: int, error: BaseException, counts: dict[str, Any]) -> Roster:
    text = str(error) or type(error).__name__
    with transaction.atomic(), bound_actor(ACTOR):
        fresh = Roster.objects.select_for_update().get(pk=roster_id)
        if fresh.status in (R.QUEUED, R.SCREENING):
            fresh.fail()
            fresh.error = text[:2000]
            fresh.screening_finished_at = timezone.now()
            fresh.save()
            _record(fresh, counts, text[:500])
    return fresh


def _next_size(size: int, seconds: float) -> int:
    """The next chunk's size, aimed at ``CHUNK_SECONDS`` of work."""
    if seconds <= 0:
        return MAX_CHUNK
    aimed = int(size * CHUNK_SECONDS / seconds)
    return max(MIN_CHUNK, min(MAX_CHUNK, aimed, size * 2))


def _why_not(note: str) -> str:
    return note if note in (EMPTY_NOTE, NO_INDEX_NOTE) else NO_MODEL_ERROR


def screen(roster_id: int, *, progress: Progress | None = None) -> Roster:
    """Screen one roster (see the module's docstring); returns it as it ended."""
    waiting = Roster.objects.filter(pk=roster_id, status=R.QUEUED, cancel_requested=False)
    if waiting.exists():
        # set-up before the roster starts, so the page's progress moves once it does
        try:
            records_screening.prepare()
        except Exception:  # the run itself fails the roster with the error, if it recurs
            logger.exception("preparing to screen roster %s", roster_id)
    roster = _begin(roster_id)
    if roster.status != R.SCREENING:
        return roster
    counts: dict[str, Any] = {"screened": 0, "with_candidates": 0, "candidates": 0}
    counts.update(stopped=0, chunks=0, path="")
    size = FIRST_CHUNK
    try:
        if progress:
            progress(roster.progress_done, roster.progress_total)
        while True:
            if _cancel_requested(roster):
                return _end(roster, counts, cancelled=True)
            batch = list(_pending(roster)[:size])
            if not batch:
                break
            started = time.monotonic()
            answer = records_screening.screen([booking_record(b) for b in batch], limit=KEEP)
            if answer.note:
                raise ScreeningRefused(_why_not(answer.note))
            counts["path"] = answer.path
            _store(roster, batch, answer, counts)
            size = _next_size(len(batch), time.monotonic() - started)
            if progress:
                progress(roster.progress_done, roster.progress_total)
        return _end(roster, counts, cancelled=False)
    except Exception as error:  # any failure ends the job as failed, with the error text
        logger.exception("screening roster %s failed", roster_id)
        return _fail(roster_id, error, counts)
