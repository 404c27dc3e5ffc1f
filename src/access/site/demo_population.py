"""The demo's synthetic population: generate, load, publish, train, seed inquiries, encounters
and CAP rosters.

``access seed_demo --persons N`` queues one ``DemoPopulationLoad`` (``queue_load``) and runs it
either in the command (small N) or on the job worker (``site.tasks.load_demo_population``),
which calls ``run``. Each stage writes its share of the progress (a short autocommit update of
the load's row) that the home page of staff roles shows.

SQLite with a web process beside the worker: every write transaction here is short. Records
are loaded ``CHUNK`` at a time (one ``records.load_table`` transaction and audit event each),
so a web request waits at most one chunk for the write lock (the busy timeout is 20 s).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from access.audit import events
from access.audit.events import audited
from access.cap.choices import RosterStatus
from access.cap.demo import seed_demo_rosters
from access.core.actors import SystemActor
from access.enforcement.demo import identify_demo_encounters
from access.records import online as records_online
from access.records import search as records_search
from access.records.actions import ModelRefused, load_table, prepare_first_model
from access.records.models import PersonRecord
from access.records.synthetic import generate
from access.site.choices import LoadStatus
from access.site.demo_inquiries import seed_inquiries
from access.site.events import Event
from access.site.models import DemoPopulationLoad

DEFAULT_PERSONS = 20_000
# Above this many persons seed_demo queues the load on the job worker instead of waiting:
# 1,000 persons load, publish and train in a few seconds on a laptop.
BACKGROUND_ABOVE = 1_000
CHUNK = 1_000  # records per load transaction (a few seconds of SQLite's write lock at most)
LOADER = SystemActor("demo population loader")
logger = logging.getLogger(__name__)

# (first percent, last percent) of each stage on the progress bar.
STAGES = {
    "generate": (0, 10),
    "load": (10, 75),
    "publish": (75, 85),
    "train": (85, 95),
    "inquiries": (95, 98),
    "cap": (98, 100),
}
STAGE_LABELS = {
    "generate": "Generating synthetic persons",
    "load": "Loading person records",
    "publish": "Publishing the online store",
    "train": "Training the matching model",
    "inquiries": "Seeding demo inquiries",
    "cap": "Sending and screening demo CAP rosters",
}

Say = Callable[[str], None]


def current() -> DemoPopulationLoad | None:
    """The latest load (for the home page and ``seed_demo``)."""
    return DemoPopulationLoad.objects.order_by("-created_at", "-pk").first()


def needed(persons: int) -> str:
    """Why no population is loaded now, or ``""`` when one should be."""
    if persons <= 0:
        return "No synthetic population asked for (--persons 0)."
    latest = current()
    if latest is not None and latest.in_progress:
        return f"A demo population load is already {latest.get_status_display().lower()}."
    if latest is not None and latest.stalled:
        return (
            f"A demo population load stopped at {latest.percent}% without finishing (its job "
            "worker was stopped); to start again, delete var/access.sqlite3 and "
            "var/online-store/ and run make run again."
        )
    if PersonRecord.objects.exists():
        return "The record store already holds person records; no synthetic population loaded."
    return ""


@audited
def queue_load(actor: Any, *, persons: int, seed: int = 0) -> DemoPopulationLoad:
    if persons < 1:
        raise ValueError(f"persons must be at least 1 (got {persons})")
    load = DemoPopulationLoad.objects.create(persons=persons, seed=seed)
    events.record(
        Event.DEMO_POPULATION_QUEUED,
        obj=load,
        object_repr=str(load),
        details={"persons": persons, "seed": seed},
    )
    return load


@audited
def _finish(actor: Any, load: DemoPopulationLoad, *, error: str = "") -> None:
    load.status = LoadStatus.FAILED if error else LoadStatus.DONE
    load.percent = load.percent if error else 100
    load.stage = load.stage if error else "Done"  # a failure keeps the stage it stopped in
    load.error = error
    load.finished_at = timezone.now()
    load.save()
    events.record(
        Event.DEMO_POPULATION_FAILED if error else Event.DEMO_POPULATION_LOADED,
        obj=load,
        object_repr=str(load),
        details={"persons": load.persons, "records": load.records, "error": error[:2000]},
    )


def _report(load: DemoPopulationLoad, stage: str, fraction: float, **fields: Any) -> None:
    """Move the bar to ``fraction`` of ``stage``: one short write, committed at once."""
    low, high = STAGES[stage]
    load.stage = STAGE_LABELS[stage]
    load.percent = int(low + (high - low) * min(max(fraction, 0.0), 1.0))
    for name, value in fields.items():
        setattr(load, name, value)
    with transaction.atomic():
        DemoPopulationLoad.objects.filter(pk=load.pk).update(
            stage=load.stage,
            percent=load.percent,
            updated_at=timezone.now(),
            **fields,
        )


def publish() -> dict[str, Any]:
    """``records.online.publish``, its long read not holding SQLite's write lock.

    Under ``transaction_mode: IMMEDIATE`` every transaction takes the write lock when it
    begins, so the publish's read of the whole store (seconds to a minute) would make each
    write of the web process wait, and fail after the 20 s busy timeout. Its first transaction
    only reads, so it begins DEFERRED (a WAL reader beside the writers); the first progress
    message, said inside that transaction once it has begun, restores IMMEDIATE for the
    second, which records the audit event and switches versions."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return records_online.publish(LOADER)
    connection.ensure_connection()
    mode = getattr(connection, "transaction_mode", None)

    def restore(_message: str) -> None:
        setattr(connection, "transaction_mode", mode)  # noqa: B010

    # None: a plain BEGIN, i.e. DEFERRED
    setattr(connection, "transaction_mode", None)  # noqa: B010
    try:
        return records_online.publish(LOADER, say=restore)
    finally:
        restore("")


def train_model() -> int:
    """Train, calibrate and activate a matching model version over the loaded store (the
    synthetic records are the labelled pairs), as ``access iaq train`` does; its number."""
    try:
        version = prepare_first_model(SystemActor("demo data"))
    except ModelRefused as error:
        raise ValueError(f"no matching model for the demo: {error}") from error
    records_search.reset()
    return version.version


def run(load_id: int, say: Say = lambda _m: None) -> DemoPopulationLoad:
    """Run a queued load to the end; a failure is recorded on the load and raised again."""
    load = DemoPopulationLoad.objects.get(pk=load_id)
    if load.status != LoadStatus.QUEUED:
        raise ValueError(f"demo population load {load.pk} is {load.status}, not queued")
    DemoPopulationLoad.objects.filter(pk=load.pk).update(status=LoadStatus.RUNNING)
    load.status = LoadStatus.RUNNING
    try:
        _stages(load, say)
    except Exception:
        logger.exception("demo population load %s failed", load.pk)
        _finish(LOADER, load, error=traceback.format_exc(limit=8))
        raise
    _finish(LOADER, load)
    return load


def _stages(load: DemoPopulationLoad, say: Say) -> None:
    _report(load, "generate", 0.0)
    population = generate(
        load.persons, load.seed, progress=lambda _stage, f: _report(load, "generate", f)
    )
    table = population.records
    say(f"Generated {table.num_rows:,} records of {load.persons:,} persons.")
    source = f"demo population persons={load.persons} seed={load.seed}"
    for start in range(0, table.num_rows, CHUNK):
        end = min(start + CHUNK, table.num_rows)
        load_table(
            LOADER, table.slice(start, end - start), source_name=f"{source} rows {start}-{end}"
        )
        _report(load, "load", end / table.num_rows, records=end)
    say(f"Loaded {table.num_rows:,} records.")
    _report(load, "publish", 0.0)
    manifest = publish()
    say(f"Published the online store {manifest['version']}.")
    _report(load, "train", 0.0)
    version = train_model()
    say(f"Trained, calibrated and activated matching model version {version}.")
    _report(load, "inquiries", 0.0)
    seeded = seed_inquiries()
    say(f"Seeded {len(seeded)} demo inquiries.")
    identified = identify_demo_encounters(LOADER)
    say(f"Searched the demo encounters; {len(identified)} more recorded and identified.")
    _report(load, "cap", 0.0)
    rosters = seed_demo_rosters()
    waiting = sum(1 for r in rosters if r.status == RosterStatus.QUEUED)
    say(f"Sent {len(rosters)} demo CAP rosters; {waiting} waiting to be screened.")
