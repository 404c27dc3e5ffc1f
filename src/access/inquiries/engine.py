"""The inquiries app's service over the matching engine: candidates from the database index.

One inquiry reads two things from the records store, in one SQL statement:

- the postings of its candidate keys (``matching.keys.query_keys``) in ``CandidateKey``,
  skipping keys held by more records than ``matching.keys.posting_cap`` allows (as the
  in-memory ``KeyIndex`` does);
- the denormalised feature row (``FeatureRow``) of each remaining candidate,

and scores them in-process with ``matching.rows.RowMatcher``, which orders, bands and explains
exactly as ``matching.search.Matcher`` does. Nothing of the store is held in memory, so a
worker answers a 1,000,000-record PostgreSQL store as it answers a test store.

The model is the active ``records.MatchModelVersion`` (its calibration and thresholds; see
``access matching``), kept per process until another version is activated. Nothing here
trains: with no active version ``search`` answers ``NO_MODEL_NOTE`` and the inquiry waits for
``tasks.prepare_matching_model``. Keys and feature rows are written by the records loader and rebuilt by
``access records reindex``.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, Exists, OuterRef, QuerySet

from access.inquiries.message import InquiryData
from access.matching import model as trained_model
from access.matching import online
from access.matching.explain import Explanation
from access.matching.keys import MAX_POSTINGS, SHORT_CAP, SHORT_CAP_FAMILIES, query_keys
from access.matching.online import OnlineStore
from access.matching.rows import RowMatcher
from access.matching.schema import Record
from access.matching.search import Candidate, best_online, finish
from access.records import engine as records_engine
from access.records import online as records_online
from access.records.choices import Citizenship, ImmigrationEventKind, ModelStatus
from access.records.engine import parsed_rows
from access.records.model_lifecycle import MIN_RECORDS_TO_TRAIN
from access.records.models import (
    CandidateKey,
    FeatureRow,
    ImmigrationEvent,
    MatchModelVersion,
    PersonRecord,
)

EMPTY_NOTE = "No candidate search: the record store is empty or too small for a model."
NO_MODEL_NOTE = (
    "No active matching model yet: the inquiry is queued, and is searched as soon as a model "
    "is trained, calibrated and activated (in the background)."
)
NO_INDEX_NOTE = (
    "No candidate search: the candidate index is empty (load records, or run "
    "`access records reindex`)."
)
_lock = threading.Lock()
_cache: dict[str, Any] = {"stamp": None, "matcher": None}
_online: dict[str, Any] = {"directory": None, "store": None, "recheck_at": 0.0}
RECHECK_SECONDS = 30.0
logger = logging.getLogger(__name__)


@dataclass
class Found:
    record_pk: int
    band: str
    probability: float
    match_weight: float
    explanation: dict[str, Any]


@dataclass
class StoreSize:
    """How many records the model was trained over (``len``), for ``access iaq train``."""

    records: int

    def __len__(self) -> int:
        return self.records


def inquiry_record(data: InquiryData, record_id: str = "inquiry") -> Record:
    identifiers = {
        kind: value
        for kind, value in (
            ("a_number", data.a_number),
            ("fbi_number", data.fbi_number),
            ("state_id", data.state_id),
            ("driver_licence", data.operator_license),
        )
        if value
    }
    return Record(
        record_id=record_id,
        given_name=data.given_name,
        middle_name=data.middle_name,
        family_names=tuple(data.family_name.split()) if data.family_name else (),
        dates_of_birth=(data.date_of_birth,) if data.date_of_birth else (),
        sex=data.sex if data.sex in ("M", "F") else "",
        country_of_birth=data.place_of_birth,
        identifiers=identifiers,
    )


def stored_record(person: PersonRecord) -> Record:
    """The engine's record of a stored person (what its keys and feature row are made of)."""
    return records_engine.stored_record(person)


def with_naturalization(people: QuerySet[PersonRecord]) -> QuerySet[PersonRecord]:
    """``people`` annotated with ``naturalized`` (a naturalization event), in the same query."""
    return people.annotate(
        naturalized=Exists(
            ImmigrationEvent.objects.filter(
                record=OuterRef("pk"), kind=ImmigrationEventKind.NATURALIZATION
            )
        )
    )


def citizenship_indicator(person: PersonRecord) -> str:
    """``record_us_birth`` / ``record_naturalized`` when the record indicates U.S. citizenship.

    A ``person`` from ``with_naturalization`` answers without another query."""
    naturalized = getattr(person, "naturalized", None)
    if naturalized is None:
        naturalized = person.immigration_events.filter(
            kind=ImmigrationEventKind.NATURALIZATION
        ).exists()
    if person.citizenship == Citizenship.NATURALIZED or naturalized:
        return "record_naturalized"
    if person.citizenship == Citizenship.US_BORN or person.country_of_birth.upper() == "US":
        return "record_us_birth"
    return ""


# --- the model ------------------------------------------------------------------------------


def model_path() -> Path | None:
    """A pinned model file (``settings.INQUIRIES_MODEL_PATH``; unset in production): the
    inquiry benchmark and tests pin one trained file instead of the active version."""
    value = getattr(settings, "INQUIRIES_MODEL_PATH", None)
    return Path(value) if value else None


def _stamp(path: Path) -> tuple[str, float] | None:
    try:
        return (str(path), path.stat().st_mtime)
    except OSError:
        return None


def _active_stamp() -> tuple[str, int, str] | None:
    found = (
        MatchModelVersion.objects.filter(status=ModelStatus.ACTIVE)
        .values_list("pk", "updated_at")
        .first()
    )
    return ("version", found[0], found[1].isoformat()) if found else None


def matcher() -> tuple[RowMatcher | None, StoreSize]:
    """The matcher of the active model version (``access matching activate``), or of a pinned
    model file; ``None`` when there is neither. Never trains: with no active version the
    caller queues the inquiry and ``tasks.prepare_matching_model`` trains one.

    One indexed query per call asks which version is active, so an activation on another host
    takes effect at the next inquiry. The size counts the stored feature rows when the model
    is (re)loaded, and is 0 while the cached model is current (no count per inquiry)."""
    pinned = model_path()
    stamp: tuple[Any, ...] | None = _stamp(pinned) if pinned else None
    if stamp is None:
        stamp = _active_stamp()
    with _lock:
        if stamp is not None and _cache["stamp"] == stamp:
            return _cache["matcher"], StoreSize(0)
        size = StoreSize(FeatureRow.objects.count())
        if stamp is None:
            _cache.update(stamp=None, matcher=None)
            return None, size
        if stamp[0] == "version":
            loaded = MatchModelVersion.objects.get(pk=stamp[1]).model()
        else:
            loaded = trained_model.Model.load(stamp[0])
        _cache.update(stamp=stamp, matcher=RowMatcher(loaded))
        return _cache["matcher"], size


def reset() -> None:
    with _lock:
        _cache.update(stamp=None, matcher=None)
        _online.update(directory=None, store=None, recheck_at=0.0)


# --- candidates -----------------------------------------------------------------------------


def _tables() -> tuple[str, str, str, str, str]:
    """The index and feature tables and their key, record and row columns, quoted (from model
    metadata, never from input)."""
    quote = connection.ops.quote_name
    return (
        quote(CandidateKey._meta.db_table),
        quote(FeatureRow._meta.db_table),
        quote("key"),
        quote("record_id"),
        quote("row"),
    )


def candidate_rows(keys: set[str], cap: int = MAX_POSTINGS) -> list[tuple[int, dict[str, Any]]]:
    """(record pk, feature row) of every record sharing a key with ``keys``, keys held by more
    records than ``keys.posting_cap`` allows skipped; in store order (pk), as
    ``Matcher.candidates`` sorts rows."""
    if not keys:
        return []
    index, features, key, record, row = _tables()
    marks = ", ".join(["%s"] * len(keys))
    families = ", ".join(["%s"] * len(SHORT_CAP_FAMILIES))
    sql = (
        f"WITH hits AS (SELECT {key}, {record} FROM {index} WHERE {key} IN ({marks})), "  # noqa: S608  # nosec B608
        f"kept AS (SELECT {key} FROM hits GROUP BY {key} HAVING COUNT(*) <= "
        f"CASE WHEN SUBSTR({key}, 1, 3) IN ({families}) THEN %s ELSE %s END) "
        f"SELECT f.{record}, f.{row} FROM {features} f WHERE f.{record} IN "
        f"(SELECT h.{record} FROM hits h JOIN kept k ON k.{key} = h.{key}) "
        f"ORDER BY f.{record}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*sorted(keys), *SHORT_CAP_FAMILIES, min(cap, SHORT_CAP), cap])
        return parsed_rows(cursor.fetchall())


def postings_since(keys: set[str], after: int) -> dict[str, int]:
    """How many records with a pk above ``after`` hold each of ``keys`` (those loaded since the
    online store was published; usually none)."""
    if not keys:
        return {}
    found = (
        CandidateKey.objects.filter(key__in=sorted(keys), record_id__gt=after)
        .values("key")
        .annotate(n=Count("record"))
        .values_list("key", "n")
    )
    return {key: int(n) for key, n in found}


def rows_since(keys: set[str], after: int) -> list[tuple[int, dict[str, Any]]]:
    """(record pk, feature row) of the records with a pk above ``after`` holding any of
    ``keys`` (the caller has applied the posting caps), in pk order."""
    if not keys:
        return []
    index, features, key, record, row = _tables()
    marks = ", ".join(["%s"] * len(keys))
    sql = (
        f"SELECT f.{record}, f.{row} FROM {features} f WHERE f.{record} IN "  # noqa: S608  # nosec B608
        f"(SELECT {record} FROM {index} WHERE {key} IN ({marks}) AND {record} > %s) "
        f"ORDER BY f.{record}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*sorted(keys), after])
        return parsed_rows(cursor.fetchall())


def explanation_json(why: Explanation) -> dict[str, Any]:
    return {
        "fields": {
            name: {"level": str(v["level"]), "weight": round(float(v["weight"]), 4)}  # type: ignore[arg-type]
            for name, v in why.fields.items()
        },
        "notes": list(why.notes),
        "conflict": why.conflict,
    }


def search(data: InquiryData, limit: int = 10) -> tuple[list[Found], str]:
    """Candidates for one inquiry and a note (empty, or why there was no search).

    With a served online store (``records.online``), its records are read from the mapped
    files and only records loaded since it was published from the database index; the two
    shortlists are merged as one search over all the rows would rank them."""
    current, size = matcher()
    if current is None:
        if len(size) < MIN_RECORDS_TO_TRAIN:
            return [], EMPTY_NOTE
        return [], NO_MODEL_NOTE
    query = inquiry_record(data)
    keys = query_keys(query)
    mapped = online_store()
    shortlist: list[Candidate] = []
    if mapped is not None:
        rows, fetched = online_candidates(mapped, keys)
        shortlist = best_online(current.model, current.compiled, mapped, query, rows, limit)
    else:
        fetched = candidate_rows(keys)
        if not fetched and not FeatureRow.objects.exists():
            return [], NO_INDEX_NOTE
    shortlist += current.shortlist(
        query, [row for _pk, row in fetched], limit, record_ids=[str(pk) for pk, _ in fetched]
    )
    found = []
    for candidate in finish(shortlist, limit, include_no_match=False):
        found.append(
            Found(
                record_pk=int(candidate.record_id),
                band=candidate.band,
                probability=round(candidate.match_probability, 6),
                match_weight=round(candidate.match_weight, 4),
                explanation=explanation_json(candidate.explanation),
            )
        )
    return found, ""


# --- the online store -----------------------------------------------------------------------


def online_candidates(
    mapped: OnlineStore, keys: set[str]
) -> tuple[Any, list[tuple[int, dict[str, Any]]]]:
    """The candidates of ``keys``: rows of the online store, and (pk, feature row) of the
    records loaded since it was published. A key's posting cap counts its records in both,
    so the two parts hold exactly the candidates of one search of the database index."""
    since = mapped.max_record_id
    grown = postings_since(keys, since)
    return mapped.candidates(keys, grown), rows_since(mapped.within_cap(grown), since)


def online_store() -> OnlineStore | None:
    """The published online store while it describes the database, else ``None``.

    Mapped once per process per version. Every call asks the database whether the records were
    reindexed since (one indexed query: a reindex on another host must stop this one at once);
    the whole ``records.online.check`` runs when the version changes and again every
    ``RECHECK_SECONDS``."""
    directory = online.current(records_online.root())
    now = time.monotonic()
    with _lock:
        store: OnlineStore | None = _online["store"]
        if _online["directory"] != directory or now >= _online["recheck_at"]:
            mapped = store if _online["directory"] == directory else None
            store = _checked(directory, mapped)
            _online.update(directory=directory, store=store, recheck_at=now + RECHECK_SECONDS)
        elif store is not None and records_online.reindexed_since(store):
            logger.warning(
                "online store %s not served: the records were reindexed", store.directory.name
            )
            _online.update(store=None)
            store = None
        return store


def _checked(directory: Path | None, mapped: OnlineStore | None) -> OnlineStore | None:
    """The version in ``directory`` (``mapped`` when this process has it open already) if
    ``records.online.check`` passes; else ``None``, with a warning saying why."""
    if directory is None:
        return None
    try:
        store = mapped or OnlineStore(directory)
        why = records_online.check(store)
    except online.OnlineStoreError as error:
        why = str(error)
    if why:
        logger.warning("online store %s not served: %s", directory.name, why)
        return None
    return store
