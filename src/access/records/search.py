"""The one front door to the matching engine: candidates for a person, from the records store.

Every app that identifies people (inquiries, CAP screening, enforcement) calls this module and
nothing below it::

    from access.records import search

    answer = search.search(record, limit=10)  # record: a matching.schema.Record
    answer.note         # "" when searched; else why not (no model yet, empty store, ...)
    answer.candidates   # matching.search.Candidate, record_id = the PersonRecord pk as text

``Searcher`` owns the two things a search needs besides the query:

- the model: the active ``MatchModelVersion`` (its calibration and thresholds), loaded once per
  process and reloaded when another version is activated (one indexed query per search asks
  which version is active, so an activation on another host takes effect at the next search);
  ``settings.INQUIRIES_MODEL_PATH`` pins a model file instead (benchmarks, tests). Nothing
  here trains: with no active version the answer carries ``NO_MODEL_NOTE`` and the caller
  queues the work (``records.tasks`` trains, calibrates and activates in the background);
- the candidate source (``CandidateSource``): ``DatabaseSource`` (the ``CandidateKey`` and
  ``FeatureRow`` tables, one SQL statement per search), ``OnlineStoreSource`` (a published,
  memory-mapped ``OnlineStore``) or ``MergedSource`` (the online store plus the records
  loaded since it was published, read from the database). By default the searcher serves the
  online store merged with the database while ``records.online.check`` says it describes the
  database, and the database alone otherwise.

Every source hands the engine the same candidates in store (pk) order with the same posting
caps as the in-memory ``matching.keys.KeyIndex``; the engine scores them in-process
(``matching.search.Scorer``), so every source answers as ``matching.search.Matcher`` would.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.db import connection
from django.db.models import Count

from access.matching import model as trained_model
from access.matching import online as online_files
from access.matching.keys import MAX_POSTINGS, SHORT_CAP, SHORT_CAP_FAMILIES, query_keys
from access.matching.online import OnlineStore
from access.matching.schema import Record
from access.matching.search import Candidate, Scorer, rank
from access.records import online
from access.records.choices import ModelStatus
from access.records.engine import parsed_rows
from access.records.model_lifecycle import MIN_RECORDS_TO_TRAIN
from access.records.models import CandidateKey, FeatureRow, MatchModelVersion

__all__ = [
    "EMPTY_NOTE",
    "NO_INDEX_NOTE",
    "NO_MODEL_NOTE",
    "Answer",
    "CandidateSource",
    "DatabaseSource",
    "MergedSource",
    "OnlineStoreSource",
    "Searcher",
    "reset",
    "search",
    "searcher",
]

EMPTY_NOTE = "No candidate search: the record store is empty or too small for a model."
NO_MODEL_NOTE = (
    "No active matching model yet: the inquiry is queued, and is searched as soon as a model "
    "is trained, calibrated and activated (in the background)."
)
NO_INDEX_NOTE = (
    "No candidate search: the candidate index is empty (load records, or run "
    "`access records reindex`)."
)
RECHECK_SECONDS = 30.0
logger = logging.getLogger(__name__)
Fetched = list[tuple[int, dict[str, Any]]]  # (PersonRecord pk, feature row), in pk order


@dataclass(frozen=True)
class Answer:
    """The candidates of one search, most likely first (``record_id``: the ``PersonRecord`` pk
    as text), or a note saying why there was no search."""

    candidates: list[Candidate] = field(default_factory=list)
    note: str = ""


class IndexEmpty(Exception):
    """The source holds no records at all (``NO_INDEX_NOTE``)."""


class CandidateSource(Protocol):
    """Where one search's candidates come from."""

    def shortlist(
        self, scorer: Scorer, query: Record, keys: set[str], limit: int
    ) -> list[Candidate]:
        """The candidates of ``keys`` that can reach *possible*, best ``limit * 3`` of each
        part, parts concatenated in store order (for ``matching.search.rank``); candidates
        named by ``PersonRecord`` pk. Raises ``IndexEmpty`` when the source holds nothing."""
        ...


# --- the database -----------------------------------------------------------------------------


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


class DatabaseSource:
    """The ``CandidateKey`` postings and ``FeatureRow`` rows: one SQL statement per search."""

    def rows(self, keys: set[str], cap: int = MAX_POSTINGS) -> Fetched:
        """(record pk, feature row) of every record sharing a key with ``keys``, keys held by
        more records than ``keys.posting_cap`` allows skipped; in store order (pk), as
        ``Matcher.candidate_rows`` sorts rows."""
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

    def postings_since(self, keys: set[str], after: int) -> dict[str, int]:
        """How many records with a pk above ``after`` hold each of ``keys`` (those loaded since
        an online store was published; usually none)."""
        if not keys:
            return {}
        found = (
            CandidateKey.objects.filter(key__in=sorted(keys), record_id__gt=after)
            .values("key")
            .annotate(n=Count("record"))
            .values_list("key", "n")
        )
        return {key: int(n) for key, n in found}

    def rows_since(self, keys: set[str], after: int) -> Fetched:
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

    def shortlist(
        self, scorer: Scorer, query: Record, keys: set[str], limit: int
    ) -> list[Candidate]:
        fetched = self.rows(keys)
        if not fetched and not FeatureRow.objects.exists():
            raise IndexEmpty(NO_INDEX_NOTE)
        return _scored(scorer, query, fetched, limit)


def _scored(scorer: Scorer, query: Record, fetched: Fetched, limit: int) -> list[Candidate]:
    return scorer.shortlist(
        query, [row for _pk, row in fetched], limit, record_ids=[str(pk) for pk, _ in fetched]
    )


# --- the online store -------------------------------------------------------------------------


@dataclass
class OnlineStoreSource:
    """A published online store alone, read in place (candidates named by its record ids)."""

    store: OnlineStore

    def shortlist(
        self, scorer: Scorer, query: Record, keys: set[str], limit: int
    ) -> list[Candidate]:
        return scorer.shortlist_online(self.store, query, self.store.candidates(keys), limit)


@dataclass
class MergedSource:
    """A published online store and the records loaded since it was published (read from the
    database). A key's posting cap counts its records in both, so the two parts hold exactly
    the candidates of one search of the database index."""

    store: OnlineStore
    database: DatabaseSource = field(default_factory=DatabaseSource)

    def parts(self, keys: set[str]) -> tuple[Any, Fetched]:
        """(online-store rows, (pk, feature row) of the records loaded since)."""
        since = self.store.max_record_id
        grown = self.database.postings_since(keys, since)
        fetched = self.database.rows_since(self.store.within_cap(grown), since)
        return self.store.candidates(keys, grown), fetched

    def shortlist(
        self, scorer: Scorer, query: Record, keys: set[str], limit: int
    ) -> list[Candidate]:
        rows, fetched = self.parts(keys)
        found = scorer.shortlist_online(self.store, query, rows, limit)
        return found + _scored(scorer, query, fetched, limit)


# --- the searcher -----------------------------------------------------------------------------


def _pinned_model() -> Path | None:
    """A pinned model file (``settings.INQUIRIES_MODEL_PATH``; unset in production)."""
    value = getattr(settings, "INQUIRIES_MODEL_PATH", None)
    return Path(value) if value else None


def _file_stamp(path: Path) -> tuple[str, float] | None:
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


class Searcher:
    """Candidates for one person, with the process's model and the served source.

    ``source`` fixes the candidate source (tests, tools); by default it is chosen per search:
    the online store merged with the database while the store is served, else the database.
    Thread-safe; one instance per process (``searcher()``) keeps the loaded model and the
    mapped store between searches."""

    def __init__(self, source: CandidateSource | None = None) -> None:
        self.fixed_source = source
        self._lock = threading.Lock()
        self._model_stamp: tuple[Any, ...] | None = None
        self._scorer: Scorer | None = None
        self._directory: Path | None = None
        self._store: OnlineStore | None = None
        self._recheck_at = 0.0

    def reset(self) -> None:
        """Forget the loaded model and the mapped store (tests; after a publish in-process)."""
        with self._lock:
            self._model_stamp, self._scorer = None, None
            self._directory, self._store, self._recheck_at = None, None, 0.0

    def scorer(self) -> Scorer | None:
        """The scorer of the active model version (or of a pinned model file); ``None`` when
        there is neither. Never trains."""
        pinned = _pinned_model()
        stamp: tuple[Any, ...] | None = _file_stamp(pinned) if pinned else None
        if stamp is None:
            stamp = _active_stamp()
        with self._lock:
            if stamp is None:
                self._model_stamp, self._scorer = None, None
            elif stamp != self._model_stamp:
                if stamp[0] == "version":
                    loaded = MatchModelVersion.objects.get(pk=stamp[1]).model()
                else:
                    loaded = trained_model.Model.load(stamp[0])
                self._model_stamp, self._scorer = stamp, Scorer(loaded)
            return self._scorer

    def online_store(self) -> OnlineStore | None:
        """The published online store while it describes the database, else ``None``.

        Mapped once per process per version. Every call asks the database whether the records
        were reindexed since (one indexed query: a reindex on another host must stop this one
        at once); the whole ``records.online.check`` runs when the version changes and again
        every ``RECHECK_SECONDS``."""
        directory = online_files.current(online.root())
        now = time.monotonic()
        with self._lock:
            store = self._store
            if self._directory != directory or now >= self._recheck_at:
                mapped = store if self._directory == directory else None
                store = online.servable(directory, mapped)
                self._directory, self._store = directory, store
                self._recheck_at = now + RECHECK_SECONDS
            elif store is not None and online.reindexed_since(store):
                logger.warning(
                    "online store %s not served: the records were reindexed",
                    store.directory.name,
                )
                self._store = store = None
            return store

    def source(self) -> CandidateSource:
        """The source of the next search."""
        if self.fixed_source is not None:
            return self.fixed_source
        mapped = self.online_store()
        return DatabaseSource() if mapped is None else MergedSource(mapped)

    def search(self, query: Record, limit: int = 10) -> Answer:
        """The best ``limit`` candidates for ``query`` ("no match" left out), or a note."""
        scorer = self.scorer()
        if scorer is None:
            if FeatureRow.objects.count() < MIN_RECORDS_TO_TRAIN:
                return Answer(note=EMPTY_NOTE)
            return Answer(note=NO_MODEL_NOTE)
        try:
            found = self.source().shortlist(scorer, query, query_keys(query), limit)
        except IndexEmpty as empty:
            return Answer(note=str(empty))
        return Answer(candidates=rank(found, limit))


_searcher = Searcher()


def searcher() -> Searcher:
    """This process's searcher (its model and mapped store are kept between searches)."""
    return _searcher


def search(query: Record, limit: int = 10) -> Answer:
    """``searcher().search``: the front door's one call."""
    return _searcher.search(query, limit)


def reset() -> None:
    """``searcher().reset``."""
    _searcher.reset()
