"""Publishing the records store as an online store (``access.matching.online``) for inquiries.

``publish`` reads the stored feature rows and candidate keys in one consistent read, writes a
new memory-mapped version under ``settings.ONLINE_STORE_DIR`` and makes it current. What it
covers is stamped in the manifest: the highest record id, the number of records, the key
function, the posting caps and the audit event of the latest load or reindex. ``check``
compares that stamp with the database; a version that no longer describes the store (a
reindex since, records missing, another database) is not served, and records loaded after it
are read from the database index (``records.search.MergedSource``).
"""

from __future__ import annotations

import json
import logging
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max

from access.audit import events
from access.audit.models import AuditEvent
from access.matching import online
from access.matching.keys import MAX_POSTINGS, SHORT_CAP, SHORT_CAP_FAMILIES
from access.matching.online import OnlineStoreError
from access.records.engine import default_key_function, key_function_name, parsed_rows
from access.records.events import Event
from access.records.models import CandidateKey, FeatureRow, PersonRecord

__all__ = [
    "OnlineStoreError",
    "check",
    "publish",
    "root",
    "servable",
    "stamp",
    "status",
    "withdraw",
]
BATCH = 50_000
Progress = Callable[[str], None]
logger = logging.getLogger(__name__)


def root() -> Path:
    return Path(settings.ONLINE_STORE_DIR)


INDEX_EVENTS = (Event.LOADED, Event.REINDEXED)


def _latest_index_event() -> dict[str, Any]:
    """The audit event (id and chain hash) of the latest load or reindex: it names this
    database's history, which a record count alone would not (a recreated database)."""
    latest = (
        AuditEvent.objects.filter(action__in=INDEX_EVENTS)
        .order_by("-pk")
        .values("pk", "hash")
        .first()
    )
    return {"id": int(latest["pk"]), "hash": latest["hash"]} if latest else {"id": 0, "hash": ""}


def stamp() -> dict[str, Any]:
    """What the store holds now, as a version's manifest records it."""
    mark = FeatureRow.objects.aggregate(top=Max("record_id"))["top"] or 0
    return {
        "max_record_id": int(mark),
        "records": FeatureRow.objects.filter(record_id__lte=mark).count(),
        "key_function": key_function_name(default_key_function()),
        "index_event": _latest_index_event(),
    }


def reindexed_since(store: online.OnlineStore) -> bool:
    """Whether the records were reindexed after ``store`` was published (one indexed query)."""
    event = store.manifest.get("stamp", {}).get("index_event") or {}
    return AuditEvent.objects.filter(
        action=Event.REINDEXED, pk__gt=int(event.get("id", 0))
    ).exists()


def check(store: online.OnlineStore) -> str:
    """Empty when ``store`` still describes the database up to its highest record id; else why
    it must not be served."""
    built = store.manifest.get("stamp", {})
    mark = int(built.get("max_record_id", -1))
    if built.get("key_function") != key_function_name(default_key_function()):
        return "the key function changed since it was published"
    caps = (store.manifest.get("short_cap"), store.manifest.get("short_cap_families"))
    if caps != (SHORT_CAP, list(SHORT_CAP_FAMILIES)):
        return "the posting caps changed since it was published"
    if "index_event" not in built:
        return "its manifest does not say what it was published from"
    event = built["index_event"]
    if event.get("id"):
        same = AuditEvent.objects.filter(pk=event["id"], hash=event.get("hash")).exists()
        if not same:
            return "it was published from another database (its load event is not in this one)"
    if reindexed_since(store):
        return "the records were reindexed since it was published"
    held = FeatureRow.objects.filter(record_id__lte=mark).count()
    if held != built.get("records") or held != len(store):
        return f"it holds {len(store):,} records; the database holds {held:,} up to id {mark}"
    return ""


def servable(
    directory: Path | None, mapped: online.OnlineStore | None = None
) -> online.OnlineStore | None:
    """The version in ``directory`` (``mapped`` when the caller has it open already) if
    ``check`` passes; else ``None``, with a warning saying why."""
    if directory is None:
        return None
    try:
        store = mapped or online.OnlineStore(directory)
        why = check(store)
    except online.OnlineStoreError as error:
        why = str(error)
    if why:
        logger.warning("online store %s not served: %s", directory.name, why)
        return None
    return store


def _feature_batches(mark: int) -> Iterator[tuple[np.ndarray, list[dict[str, Any]]]]:
    table = connection.ops.quote_name(FeatureRow._meta.db_table)
    sql = f"SELECT record_id, row FROM {table} WHERE record_id <= %s ORDER BY record_id"  # noqa: S608  # nosec B608
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, [mark])
        while batch := cursor.fetchmany(BATCH):
            ids = np.fromiter((pk for pk, _row in batch), dtype=np.int64, count=len(batch))
            yield ids, [row for _pk, row in parsed_rows(batch)]


def _postings(mark: int, scratch: Path) -> pa.Table:
    """Every (key, record) of records up to ``mark``: COPY and Arrow's CSV reader on
    PostgreSQL (tens of millions of rows), a cursor elsewhere."""
    table = connection.ops.quote_name(CandidateKey._meta.db_table)
    select = f"SELECT key, record_id FROM {table} WHERE record_id <= {int(mark)}"  # noqa: S608  # nosec B608
    schema = pa.schema([("key", pa.string()), ("record", pa.int64())])
    if connection.vendor == "postgresql":
        path = scratch / "postings.csv"
        with (
            connection.cursor() as cursor,
            path.open("wb") as out,
            cursor.copy(f"COPY ({select}) TO STDOUT (FORMAT csv)") as copy,
        ):
            for block in copy:
                out.write(block)
        if not path.stat().st_size:  # Arrow's reader refuses an empty file
            return schema.empty_table()
        return pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=["key", "record"], block_size=1 << 26),
            convert_options=pacsv.ConvertOptions(
                column_types={"key": pa.string(), "record": pa.int64()},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    keys: list[str] = []
    records: list[int] = []
    with connection.chunked_cursor() as cursor:
        cursor.execute(select)
        while batch := cursor.fetchmany(BATCH):
            keys += [k for k, _r in batch]
            records += [r for _k, r in batch]
    return pa.table([pa.array(keys, pa.string()), pa.array(records, pa.int64())], schema=schema)


def publish(
    actor: Any, say: Progress = lambda _m: None, max_postings: int = MAX_POSTINGS
) -> dict[str, Any]:
    """Build and publish a new version of the online store; returns its manifest.

    The features and keys are read in one consistent (read-only) transaction; the audit event
    ``records.online_published`` and the switch to the new version then commit together, so a
    version is never served unrecorded. ``max_postings`` is the posting cap inquiries apply
    (``keys.posting_cap``); tests lower it."""
    with online.new_version(root()) as directory:
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                # one consistent view of features and keys, however long the read takes
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            now = stamp()
            mark = now["max_record_id"]
            say(f"reading {now['records']:,} records (ids up to {mark})")
            with tempfile.TemporaryDirectory(prefix="access-publish-") as scratch:
                postings = _postings(mark, Path(scratch))
                say(f"encoding features, {postings.num_rows:,} candidate keys")
                online.build(
                    directory,
                    _feature_batches(mark),
                    postings,
                    max_postings=max_postings,
                    stamp=now,
                )
        manifest: dict[str, Any] = json.loads((directory / online.MANIFEST).read_text("utf-8"))
        with transaction.atomic():
            events.record(
                Event.ONLINE_PUBLISHED,
                actor=actor,
                object_type=PersonRecord._meta.label_lower,
                object_repr=f"online store of {manifest['records']} person records",
                details={
                    "version": directory.name,
                    **{k: v for k, v in manifest.items() if k != "format"},
                },
            )
            online.make_current(root(), directory)
    return {"version": directory.name, **manifest}


def withdraw(actor: Any) -> bool:
    """Stop serving the online store (inquiries read the database index); audited."""
    withdrawn = online.withdraw(root())
    if withdrawn:
        events.record(
            Event.ONLINE_WITHDRAWN,
            actor=actor,
            object_type=PersonRecord._meta.label_lower,
            object_repr="online store",
        )
    return withdrawn


def status() -> dict[str, Any]:
    """The current version and whether it is served (for ``access records publish --status``)."""
    directory = online.current(root())
    if directory is None:
        return {"published": False, "root": str(root())}
    try:
        store = online.OnlineStore(directory)
    except online.OnlineStoreError as error:
        return {"published": True, "version": directory.name, "served": False, "why": str(error)}
    why = check(store)
    newer = FeatureRow.objects.filter(record_id__gt=store.max_record_id).count()
    return {
        "published": True,
        "version": directory.name,
        "served": not why,
        "why": why,
        "records": len(store),
        "records_loaded_since": newer,
        "manifest": store.manifest,
    }
