"""Receiving a roster, and saving a facility's column mapping.

``receive_roster(actor, cap_facility, *, data=None, rows=None, filename="", source,
as_of=None) -> tuple[Roster, bool]``: all-or-nothing import of a CSV/XLSX file (``data``,
bytes) or of rows already read (``rows``: list of dicts keyed by the roster's column names,
the API's JSON), with the facility's saved column mapping. Refuses with ``RosterRefused``
(a ``ValidationError`` carrying ``row_errors``: list of ``{"row", "column", "message"}``)
and stores nothing. The same content sent twice returns ``(existing roster, False)`` and
queues nothing. On success stores the roster, its new and updated bookings, marks bookings
absent from it as released at ``as_of``, queues screening (``actions.screening``) and
returns ``(roster, True)``.

The facility row is locked for the length of the import, so two rosters of one facility are
received one after the other (each snapshot diff reads what the previous one left).
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from access.audit import events
from access.audit.events import audited
from access.cap import rosters
from access.cap.actions.encounters import start_clocks
from access.cap.actions.screening import queue_screening
from access.cap.choices import BookingStatus, RosterSource
from access.cap.events import Event
from access.cap.models import Booking, CapFacility, Roster
from access.cap.rosters import RosterRefused, RowError
from access.core.actors import SystemActor, require_actor

__all__ = ["RosterRefused", "RowError", "receive_roster", "save_mapping"]

# The booking columns a roster row sets; a later roster may change them.
ROW_FIELDS = (
    "given_name",
    "middle_name",
    "family_name",
    "date_of_birth",
    "sex",
    "place_of_birth",
    "identifiers",
    "fields",
    "booked_at",
    "release_date",
)
UPDATED_FIELDS = [
    "last_roster",
    "given_name",
    "middle_name",
    "family_name",
    "date_of_birth",
    "sex",
    "place_of_birth",
    "identifiers",
    "fields",
    "booked_at",
    "release_date",
    "status",
    "released_at",
    "updated_at",
]


def _require(actor: Any, facility: CapFacility, permission: str) -> None:
    """The grant, and for a team grant the facility among those the actor's team covers."""
    if isinstance(actor, SystemActor):
        return
    scope = actor.grant_scope(permission)
    if scope == "all":
        return
    if scope == "team" and CapFacility.objects.restrict(actor).filter(pk=facility.pk).exists():
        return
    raise PermissionDenied(f"{actor} may not do this for {facility}")


@audited
def save_mapping(actor: Any, cap_facility: CapFacility, mapping: dict[str, Any]) -> CapFacility:
    """Save which of the jail's columns holds each field (used for every later roster)."""
    _require(actor, cap_facility, "cap.change_capfacility")
    facility = CapFacility.objects.select_for_update().get(pk=cap_facility.pk)
    cleaned = rosters.clean_mapping(mapping)
    missing = rosters.missing_fields(cleaned)
    if missing:
        raise RosterRefused(
            "Choose a column for each required field.",
            [{"row": 0, "column": m, "message": "required field not mapped"} for m in missing],
        )
    before = {"column_mapping": facility.column_mapping}
    facility.column_mapping = cleaned
    facility.save()
    events.record(
        Event.CHANGE_FACILITY,
        actor=actor,
        obj=facility,
        before=before,
        after={"column_mapping": cleaned},
    )
    return facility


@audited
def receive_roster(
    actor: Any,
    cap_facility: CapFacility,
    *,
    data: bytes | None = None,
    rows: list[dict[str, Any]] | None = None,
    filename: str = "",
    source: str,
    as_of: datetime | None = None,
    queue: bool = True,
) -> tuple[Roster, bool]:
    """Store the roster and its bookings, or nothing (see the module docstring). ``queue=False``
    leaves screening to the caller (``access cap roster --screen-now`` screens in process)."""
    _require(actor, cap_facility, "cap.add_roster")
    if source not in RosterSource.values():
        raise RosterRefused(f"Unknown roster source {source!r}.")
    if (data is None) == (rows is None):
        raise RosterRefused("Send either a roster file or rows, not both.")
    # One roster at a time per facility: the snapshot diff reads the bookings the last one left.
    facility = (
        CapFacility.objects.select_for_update().select_related("facility").get(pk=cap_facility.pk)
    )
    content = data if data is not None else rosters.canonical_json(rows)
    if len(content) > rosters.MAX_BYTES:
        raise RosterRefused(f"The roster is larger than {rosters.MAX_BYTES // 1024 // 1024} MB.")
    content_hash = hashlib.sha256(content).hexdigest()
    existing = Roster.objects.filter(facility=facility, content_hash=content_hash).first()
    if existing is not None:
        return existing, False
    as_of = as_of or timezone.now()
    if timezone.is_naive(as_of):
        as_of = timezone.make_aware(as_of)
    latest = facility.rosters.order_by("-as_of").first()
    if latest is not None and as_of < latest.as_of:
        raise RosterRefused(
            f"This roster's time ({as_of:%Y-%m-%d %H:%M %Z}) is before the facility's latest "
            f"roster ({latest.as_of:%Y-%m-%d %H:%M %Z}); send rosters in order.",
            [{"row": 0, "column": "as_of", "message": "older than the latest roster"}],
        )
    table = rosters.read_table(data) if data is not None else rosters.table_from_json(rows)
    parsed, errors = rosters.validate(
        table,
        facility.column_mapping,
        tz=facility.facility.time_zone,
        date_format=facility.date_format,
    )
    rosters.refuse_if(errors)
    roster = Roster(
        facility=facility,
        as_of=as_of,
        source=source,
        filename=(filename or "")[:255],
        content_hash=content_hash,
        row_count=len(parsed),
        received_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    roster.save()
    booked_in, released = _apply(facility, roster, parsed, as_of)
    roster.booked_in, roster.released = booked_in, released
    roster.progress_total = len(parsed)
    roster.save(update_fields=["booked_in", "released", "progress_total", "updated_at"])
    clocks = start_clocks(actor, roster) if released else []
    events.record(
        Event.RECEIVE_ROSTER,
        actor=actor,
        obj=roster,
        details={
            "facility": facility.pk,
            "source": source,
            "filename": roster.filename,
            "as_of": as_of.isoformat(),
            "content_hash": content_hash,
            "rows": len(parsed),
            "booked_in": booked_in,
            "released": released,
            # Only when a release started a detainer's hold clock (detention records its own).
            **({"detainer_clocks_started": clocks} if clocks else {}),
        },
    )
    if queue:
        queue_screening(roster)
    return roster, True


def _apply(
    facility: CapFacility, roster: Roster, parsed: list[rosters.ParsedBooking], as_of: datetime
) -> tuple[int, int]:
    """Create and update the bookings of this snapshot; release those it no longer lists.
    Set-based writes: a roster of thousands must not cost thousands of round trips, and
    between two daily rosters most bookings change nothing but their last roster."""
    require_actor("save cap.Booking")  # bulk writes skip ProgramRecord.save
    bookings = Booking.objects.filter(facility=facility)
    known: dict[str, Booking | None] = {
        b.booking_number: b for b in bookings.filter(status=BookingStatus.IN_CUSTODY)
    }
    listed = [row.booking_number for row in parsed if row.booking_number not in known]
    for part in _chunks(listed):  # released earlier and listed again
        for found in bookings.filter(booking_number__in=part):
            known[found.booking_number] = found
    now = timezone.now()
    created: list[Booking] = []
    changed: list[Booking] = []
    seen: list[int] = []
    held_again = 0
    for row in parsed:
        booking = known.pop(row.booking_number, None)
        values = {name: getattr(row, name) for name in ROW_FIELDS}
        if booking is None:
            created.append(
                Booking(
                    facility=facility,
                    booking_number=row.booking_number,
                    first_roster=roster,
                    last_roster=roster,
                    **values,
                )
            )
            continue
        seen.append(booking.pk)
        differs = any(getattr(booking, name) != value for name, value in values.items())
        if booking.status == BookingStatus.RELEASED:
            # Listed again after a release: held again, a new stay for the queue.
            booking.status, booking.released_at = BookingStatus.IN_CUSTODY, None
            held_again += 1
            differs = True
        if differs:
            for name, value in values.items():
                setattr(booking, name, value)
            booking.last_roster, booking.updated_at = roster, now
            changed.append(booking)
    Booking.objects.bulk_create(created, batch_size=500)
    Booking.objects.bulk_update(changed, UPDATED_FIELDS, batch_size=100)
    for part in _chunks(seen):
        Booking.objects.filter(pk__in=part).update(last_roster=roster, updated_at=now)
    gone = [b.pk for b in known.values() if b and b.status == BookingStatus.IN_CUSTODY]
    released = 0
    for part in _chunks(gone):
        released += Booking.objects.filter(pk__in=part).update(
            status=BookingStatus.RELEASED, released_at=as_of, updated_at=now
        )
    return len(created) + held_again, released


def _chunks(items: list[Any], size: int = 1000) -> list[list[Any]]:
    return [items[start : start + size] for start in range(0, len(items), size)]
