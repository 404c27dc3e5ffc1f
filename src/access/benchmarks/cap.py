"""``access bench cap --bookings B --records N``: a jail roster screened end to end.

From a roster file to stored candidates, in the configured database (which must be a
benchmark database: its name contains ``bench``), timing each phase:

1. the store: ``N`` synthetic records (``records.synthetic.generate``) loaded with the records
   loader, a model trained on a sample of them (pinned as a file, as the inquiry benchmark
   does) and the online store published, unless the same population is there already
   (``benchmarks.inquiries.bench``'s steps, reused);
2. the roster file: ``B`` bookings as a jail's CSV (its own column names) from
   ``synthetic.probes``: 70% people in the store written afresh with errors, 30% absent;
3. receive: ``cap.actions.rosters.receive_roster`` when the rosters part is installed in this
   build; otherwise the benchmark reads the CSV itself and stores the roster and its bookings
   directly (``"receive": "bench reader"`` in the JSON says which ran);
4. screen: ``cap.screening.screen`` in this process, as the job worker runs it, with every
   progress update timed (the interval between two is what the roster page's progress shows).

The figure that counts is ``end_to_end_seconds`` (receive + screen): the store's set-up is
done once per store, not per roster.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import os
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from access.benchmarks.inquiries import bench as inquiries_bench
from access.core.actors import SystemActor, bound_actor

ACTOR = SystemActor("access bench cap")
FACILITY = "Benchmark County Jail"
COLUMNS = ["BOOKING_NO", "LAST", "FIRST", "MIDDLE", "DOB", "SEX", "POB", "A_NUMBER", "FBI_NO"]
MAPPING = {
    "booking_number": "BOOKING_NO",
    "family_name": "LAST",
    "given_name": "FIRST",
    "middle_name": "MIDDLE",
    "date_of_birth": "DOB",
    "sex": "SEX",
    "place_of_birth": "POB",
    "id.a_number": "A_NUMBER",
    "id.fbi_number": "FBI_NO",
}
Progress = Callable[[str], None]


def _full_date(value: Any) -> bool:
    try:
        date.fromisoformat(str(value or ""))
    except ValueError:
        return False
    return True


def roster_csv(population: Any, bookings: int, seed: int) -> bytes:
    """A jail's roster of ``bookings`` people: present people written afresh with errors, and
    absent people (``synthetic.probes``), under the jail's own column names."""
    from access.records.synthetic import probes, records_from_table

    # Drawn with a margin: a booking desk always records a name and a full date of birth, so
    # probes written without one (an inquiry may lack them; about 2.6% at 1,000,000 records)
    # are not bookings and are left out, as the roster check would refuse them.
    table = probes(population, bookings + bookings // 5 + 10, seed + 2, absent_share=0.3)
    table = table.rename_columns(["record_id", *table.schema.names[1:]])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    booked = (
        record
        for record, _row in records_from_table(table)
        if record.family_names and record.given_name and _full_date(record.date_of_birth)
    )
    for i, record in enumerate(itertools.islice(booked, bookings)):
        writer.writerow(
            [
                f"BK{seed:02d}{i:07d}",
                " ".join(record.family_names),
                record.given_name,
                record.middle_name,
                record.date_of_birth,
                record.sex,
                record.country_of_birth,
                record.identifiers.get("a_number", ""),
                record.identifiers.get("fbi_number", ""),
            ]
        )
    return out.getvalue().encode("utf-8")


def cap_facility() -> Any:
    from access.agencies.models import Agency, Facility
    from access.cap.models import CapFacility, CapTeam

    with transaction.atomic(), bound_actor(ACTOR):
        agency = Agency.objects.filter(ori=inquiries_bench.ORI).first()
        if agency is None:
            from access.agencies import actions as agency_actions

            agency = agency_actions.create_agency(
                ACTOR,
                name="Benchmark County Sheriff's Office",
                kind="sheriff",
                state="FL",
                county_fips="12086",
                county_name="Miami-Dade",
                ori=inquiries_bench.ORI,
            )
        jail, _ = Facility.objects.get_or_create(
            agency=agency, name=FACILITY, defaults={"time_zone": "America/New_York"}
        )
        team, _ = CapTeam.objects.get_or_create(name="Benchmark CAP team")
        facility, _ = CapFacility.objects.get_or_create(
            facility=jail, defaults={"team": team, "column_mapping": MAPPING}
        )
    return facility


def store_directly(facility: Any, data: bytes, filename: str) -> Any:
    """The roster and its bookings stored from the CSV by the benchmark itself (the rosters
    part's importer is not in this build): one transaction, bulk inserts."""
    from access.cap.models import Booking, Roster

    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    now = timezone.now()
    with transaction.atomic(), bound_actor(ACTOR):
        roster = Roster.objects.create(
            facility=facility,
            as_of=now,
            source="cli",
            filename=filename,
            content_hash=hashlib.sha256(data).hexdigest(),
            row_count=len(rows),
            booked_in=len(rows),
        )
        bookings = []
        for i, row in enumerate(rows):
            fields = {field: row[column] for field, column in MAPPING.items() if row[column]}
            identifiers = {
                field[3:]: value for field, value in fields.items() if field.startswith("id.")
            }
            bookings.append(
                Booking(
                    facility=facility,
                    booking_number=row["BOOKING_NO"],
                    first_roster=roster,
                    last_roster=roster,
                    family_name=row["LAST"],
                    given_name=row["FIRST"],
                    middle_name=row["MIDDLE"],
                    date_of_birth=row["DOB"],
                    sex=row["SEX"][:1],
                    place_of_birth=row["POB"],
                    identifiers=identifiers,
                    fields=fields,
                    booked_at=now,
                    release_date=now + timedelta(days=1 + i % 30),
                )
            )
        Booking.objects.bulk_create(bookings, batch_size=2000)
    return roster


def receive(facility: Any, data: bytes, filename: str) -> tuple[Any, str]:
    """The roster stored: by the rosters part's ``receive_roster`` when it exists here."""
    from access.cap.actions import rosters

    receive_roster = getattr(rosters, "receive_roster", None)
    if receive_roster is None:
        return store_directly(facility, data, filename), "bench reader"
    roster, _created = receive_roster(ACTOR, facility, data=data, filename=filename, source="cli")
    return roster, "receive_roster"


def _stats(values: list[float]) -> dict[str, float]:
    if not values:
        return {"count": 0, "max": 0.0, "p95": 0.0, "mean": 0.0}
    ordered = sorted(values)
    return {
        "count": len(values),
        "max": round(ordered[-1], 3),
        "p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 3),
        "mean": round(sum(values) / len(values), 3),
    }


def run(
    *, records: int, bookings: int, seed: int = 0, fresh: bool = False, say: Progress
) -> dict[str, Any]:
    from access.cap import screening
    from access.cap.models import Booking, ScreeningCandidate

    load_before = [round(x, 2) for x in os.getloadavg()]
    started = time.perf_counter()
    say("database")
    inquiries_bench.ensure_database(fresh)
    var_dir = Path(settings.VAR_DIR) / "bench" / Path(str(connection.settings_dict["NAME"])).stem
    var_dir.mkdir(parents=True, exist_ok=True)
    population, store = inquiries_bench.load_store(records, seed, say)
    say("model")
    model = inquiries_bench.prepare_model(var_dir, retrain=bool(store.get("loaded_now")))
    served = inquiries_bench.prepare_online_store(var_dir, True, say)
    setup_seconds = round(time.perf_counter() - started, 1)

    say(f"roster file: {bookings:,} bookings")
    facility = cap_facility()
    made = time.perf_counter()
    # a new roster each run: the same file would be recognised and not screened twice
    run_seed = facility.rosters.count()
    data = roster_csv(population, bookings, run_seed)
    path = var_dir / f"roster-{run_seed:02d}.csv"
    path.write_bytes(data)
    file_seconds = round(time.perf_counter() - made, 2)

    say("receive")
    t0 = time.perf_counter()
    roster, how = receive(facility, data, path.name)
    receive_seconds = time.perf_counter() - t0

    say("screen")
    ticks: list[float] = []
    t1, cpu = time.perf_counter(), time.process_time()
    done = screening.screen(roster.pk, progress=lambda _d, _t: ticks.append(time.perf_counter()))
    screen_seconds = time.perf_counter() - t1
    screen_cpu = time.process_time() - cpu
    ended = time.perf_counter()
    # The page's progress: from the roster's start (its first update, 0 of N) to its end. The
    # time before that is the job's set-up (model, store, kernel), while the roster waits.
    intervals = [b - a for a, b in zip(ticks, [*ticks[1:], ended], strict=False)]
    setup_before_start = (ticks[0] - t1) if ticks else 0.0

    booked = Booking.objects.filter(last_roster=roster)
    candidates = ScreeningCandidate.objects.filter(roster=roster)
    end_to_end = receive_seconds + screen_seconds
    from access.audit.models import AuditEvent

    event = AuditEvent.objects.filter(action="cap.screen_roster", object_id=str(roster.pk)).last()
    return {
        "benchmark": "cap",
        "records": population.records.num_rows,
        "bookings": booked.count(),
        "roster_file": str(path),
        "roster_bytes": len(data),
        "receive": how,
        "status": done.status,
        "error": done.error,
        "screening_path": (event.details.get("path") if event else ""),
        "bookings_screened": booked.filter(screened_at__isnull=False).count(),
        "bookings_with_candidates": booked.filter(candidate_count__gt=0).count(),
        "candidates_stored": candidates.count(),
        "candidates_probable": candidates.filter(band="probable").count(),
        "candidates_stopped_for_citizenship": candidates.filter(status="stopped").count(),
        "chunks": (event.details.get("chunks") if event else None),
        "seconds": {
            "setup_store_model_online_store": setup_seconds,
            "roster_file": file_seconds,
            "receive": round(receive_seconds, 2),
            "screen": round(screen_seconds, 2),
            "screen_setup_before_the_roster_starts": round(setup_before_start, 2),
            "screen_cpu_of_this_process": round(screen_cpu, 2),
        },
        "end_to_end_seconds": round(end_to_end, 2),
        "end_to_end_target_seconds": 30,
        "end_to_end_met": end_to_end <= 30,
        "progress_interval_seconds": _stats(intervals),
        "progress_interval_target_seconds": 2,
        "progress_interval_met": bool(intervals) and max(intervals) <= 2,
        **store,
        **model,
        **served,
        "load_average_before_run": load_before,
        "total_seconds": round(time.perf_counter() - started, 1),
        "machine": inquiries_bench.machine(),
    }
