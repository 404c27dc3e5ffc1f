"""Operations on person records, each an audited action writing its event."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

import pyarrow as pa
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.dispatch import Signal
from django.http import Http404
from django.utils import timezone

from access.audit import events
from access.audit.events import audited, jsonable
from access.audit.models import AuditEvent
from access.matching import online as online_files
from access.matching.model import Model
from access.messaging.choices import NotificationKind
from access.messaging.models import Notification
from access.records import model_lifecycle, online
from access.records.choices import (
    Citizenship,
    Disposition,
    ImmigrationEventKind,
    ModelStatus,
    RecordSource,
    Sex,
    ViewPurpose,
)
from access.records.engine import (
    KeyFunction,
    date_parts,
    default_key_function,
    feature_row,
    key_function_name,
    normalize_identifier,
    record_of,
    stored_record,
)
from access.records.events import Event
from access.records.models import (
    Address,
    Arrest,
    BirthDate,
    CandidateKey,
    Charge,
    FeatureRow,
    Identifier,
    ImmigrationEvent,
    MatchModelVersion,
    PersonRecord,
)
from access.records.synthetic.data_names import NCIC_OFFENSES
from access.records.synthetic.io import records_from_table

BATCH = 5_000
REASON_LENGTH, CASE_NUMBER_LENGTH = 500, 50  # as an inquiry's (inquiries/message.py)
_OFFENSES = {code: description for code, description, _ in NCIC_OFFENSES}
_CITIZENSHIP_EVENT = {
    Citizenship.NATURALIZED: (ImmigrationEventKind.NATURALIZATION, "Naturalized"),
    Citizenship.LPR: (ImmigrationEventKind.STATUS_GRANT, "Lawful permanent residence granted"),
    Citizenship.NONCITIZEN: (ImmigrationEventKind.ENTRY, "Entry recorded"),
}


class LoadRefused(Exception):
    """Nothing was loaded (the whole load is one transaction)."""


@dataclass
class LoadReport:
    records: int = 0
    birth_dates: int = 0
    identifiers: int = 0
    addresses: int = 0
    immigration_events: int = 0
    arrests: int = 0
    charges: int = 0
    candidate_keys: int = 0
    feature_rows: int = 0
    seconds: float = 0.0


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


@audited
def load_table(
    actor: Any,
    table: pa.Table,
    *,
    source_name: str,
    key_function: KeyFunction | None = None,
    progress: Callable[[int, int], None] | None = None,
    rebuild_indexes: bool = False,
) -> LoadReport:
    """Store every row of a records table (``access.records.synthetic.COLUMNS`` or a subset),
    with its identifiers normalised, its candidate keys and its feature row; one summary audit
    event.

    ``rebuild_indexes`` (PostgreSQL; for a large load into a small store): the candidate
    index's database indexes and foreign keys are dropped for the load and rebuilt after it,
    in the same transaction (building an index once is far cheaper than tens of millions of
    random inserts and deferred foreign-key checks).
    """
    keys_of = key_function or default_key_function()
    report = LoadReport()
    started = time.perf_counter()
    pending: list[tuple[Any, dict]] = []
    try:
        with _indexes_rebuilt(rebuild_indexes):
            for record, row in records_from_table(table, batch_size=BATCH):
                pending.append((record, row))
                if len(pending) == BATCH:
                    _store(pending, keys_of, report)
                    pending = []
                    if progress:
                        progress(report.records, table.num_rows)
            if pending:
                _store(pending, keys_of, report)
    except IntegrityError as error:
        raise LoadRefused(
            f"nothing was loaded: a record id is already in the store ({error})"
        ) from error
    if progress:
        progress(report.records, table.num_rows)
    report.seconds = round(time.perf_counter() - started, 3)
    events.record(
        Event.LOADED,
        actor=actor,
        object_type=PersonRecord._meta.label_lower,
        object_repr=f"{report.records} person records from {source_name}"[:300],
        details={
            "source": source_name,
            "key_function": key_function_name(keys_of),
            **asdict(report),
        },
    )
    return report


@contextmanager
def _indexes_rebuilt(enabled: bool) -> Iterator[None]:
    """Drop the indexes and constraints (but the primary key) of the derived tables, and
    create them again from their own definitions afterwards. PostgreSQL only; DDL there is
    transactional, so a failed load restores them with everything else."""
    if not enabled or connection.vendor != "postgresql":
        yield
        return
    tables = [CandidateKey._meta.db_table, FeatureRow._meta.db_table]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE conrelid::regclass::text = ANY(%s) AND contype <> 'p'",
            [tables],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = ANY(%s) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            [tables],
        )
        indexes = cursor.fetchall()
        quote = connection.ops.quote_name
        for table, name, _definition in constraints:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in constraints:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")


def _store(rows: list[tuple[Any, dict]], keys_of: KeyFunction, report: LoadReport) -> None:
    people = []
    for record, row in rows:
        source = row.get("record_source") or RecordSource.OTHER
        citizenship = row.get("citizenship") or Citizenship.UNKNOWN
        if source != RecordSource.IMMIGRATION or citizenship not in Citizenship.values():
            citizenship = Citizenship.UNKNOWN  # only DHS files state status
        people.append(
            PersonRecord(
                record_id=record.record_id,
                source=source if source in RecordSource.values() else RecordSource.OTHER,
                given_name=record.given_name[:100],
                middle_name=record.middle_name[:100],
                family_names=list(record.family_names),
                full_name=record.full_name[:300],
                aliases=list(record.aliases),
                sex=record.sex if record.sex in Sex.values() else "",
                country_of_birth=record.country_of_birth[:2],
                place_of_birth=record.place_of_birth[:200],
                citizenship=citizenship,
                synthetic_person_id=str(row.get("person_id") or "")[:20],
            )
        )
    PersonRecord.objects.bulk_create(people)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    dobs: list[tuple] = []
    ids: list[tuple] = []
    addresses: list[tuple] = []
    immigration: list[tuple] = []
    keys: list[tuple[str, int]] = []
    arrests: list[Arrest] = []
    offenses: list[str] = []
    features: list[tuple[int, str]] = []
    for person, (record, row) in zip(people, rows, strict=True):
        pk = person.pk
        recorded_dates = [recorded[:40] for recorded in record.dates_of_birth]
        for position, recorded in enumerate(recorded_dates):
            year, month, day = date_parts(recorded)
            dobs.append((now, now, pk, position, recorded, year, month, day))
        recorded_ids: dict[str, str] = {}
        for kind, value in record.identifiers.items():
            normalized = normalize_identifier(kind, value)[:64]
            ids.append((now, now, pk, kind[:40], value[:64], normalized))
            recorded_ids.setdefault(kind[:40], value[:64])
        address = None
        if record.street or record.city or record.postcode:
            address = (
                record.street[:200],
                record.city[:100],
                record.postcode[:20],
                record.state[:2],
            )
            addresses.append((now, now, pk, *address))
        # Keys and features of the record as stored (truncated, filtered), as reindex sees it.
        stored = record_of(person, recorded_dates, recorded_ids, address)
        keys.extend((key[:200], pk) for key in sorted(keys_of(stored)))
        features.append((pk, json.dumps(feature_row(stored), separators=(",", ":"))))
        event_date = _date(str(row.get("event_date") or ""))
        if person.citizenship in _CITIZENSHIP_EVENT:
            kind, details = _CITIZENSHIP_EVENT[person.citizenship]
            on = connection.ops.adapt_datefield_value(event_date)
            immigration.append((now, now, pk, kind, on, details))
        offense = str(row.get("ncic_offense") or "")
        if offense:
            arrests.append(
                Arrest(
                    record=person, arrested_on=event_date, booking_number=f"B-{record.record_id}"
                )
            )
            offenses.append(offense)
    stamps = ["created_at", "updated_at", "record"]
    _insert(BirthDate, [*stamps, "position", "recorded", "year", "month", "day"], dobs)
    _insert(Identifier, [*stamps, "kind", "value", "normalized"], ids)
    _insert(Address, [*stamps, "street", "city", "postcode", "state"], addresses)
    _insert(ImmigrationEvent, [*stamps, "kind", "occurred_on", "details"], immigration)
    _insert(CandidateKey, ["key", "record"], keys, plain=True)
    _insert(FeatureRow, ["record", "row"], features)
    Arrest.objects.bulk_create(arrests)
    charges = [
        Charge(
            arrest=arrest,
            ncic_code=code[:4],
            description=_OFFENSES.get(code, ""),
            disposition=Disposition.PENDING,
        )
        for arrest, code in zip(arrests, offenses, strict=True)
    ]
    Charge.objects.bulk_create(charges)
    report.records += len(people)
    report.birth_dates += len(dobs)
    report.identifiers += len(ids)
    report.addresses += len(addresses)
    report.immigration_events += len(immigration)
    report.arrests += len(arrests)
    report.charges += len(charges)
    report.candidate_keys += len(keys)
    report.feature_rows += len(features)


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.column:
        raise TypeError(f"{model.__name__}.{name} is not a concrete column")
    return field.column


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(value: Any) -> str:
    """One value in PostgreSQL's COPY text format (``\\N`` for NULL, escaped separators)."""
    if value is None:
        return "\\N"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value).translate(_COPY_ESCAPES)


def _copy_text(rows: list[tuple], plain: bool = False) -> str:
    """Rows as COPY text, built in one string: far faster than a ``write_row`` per row.

    ``plain``: the caller knows every value is a non-null str or int; then values are only
    checked, as a whole, for separators that would need escaping (candidate keys: tens of
    millions of rows at a million records)."""
    if plain:
        text = "".join(["\t".join(map(str, row)) + "\n" for row in rows])
        columns = len(rows[0])
        if (
            text.count("\t") == len(rows) * (columns - 1)
            and text.count("\n") == len(rows)
            and "\\" not in text
            and "\r" not in text
        ):
            return text
    return "".join(["\t".join(map(_copy_value, row)) + "\n" for row in rows])


def _insert(
    model: type[models.Model], fields: list[str], rows: list[tuple], plain: bool = False
) -> None:
    """Many rows at once: the child rows of a load, without model instances. PostgreSQL
    takes them by ``COPY`` (several times faster than ``executemany`` at a million records),
    other databases by one ``executemany``.

    Callers run inside the audited load (the same transaction as its audit event).
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(_column(model, f)) for f in fields)
    if connection.vendor == "postgresql":
        # Table and column names come from model metadata; values travel as COPY data.
        copy_sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
            for start in range(0, len(rows), 50_000):
                copy.write(_copy_text(rows[start : start + 50_000], plain))
        return
    placeholders = ", ".join(["%s"] * len(fields))
    # Table and column names come from model metadata, values are parameters.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


class ReadRefused(ValidationError):
    """A person record opened without its purpose, reason or case number; nothing shown."""


# Sent by ``view_record`` before its event is written, inside its transaction, with ``actor``
# and ``record``. Receivers return a list of what they raised (``{"flag": id, "rule": kind}``):
# the misuse rules of ``inquiries`` count reads of person records outside an inquiry this way
# (``records`` sits below ``inquiries`` and never imports it).
record_viewed = Signal()

# Sent after an activation commits, with ``version``: work that waited for an active model
# (inquiries stored while there was none) is picked up by the apps above ``records``, which
# connect here rather than being imported.
model_activated = Signal()


@audited
def view_record(
    actor: Any,
    record: PersonRecord,
    *,
    purpose: str,
    reason: str,
    case_number: str,
) -> AuditEvent:
    """Open a person's record outside an inquiry: like every inquiry it needs a purpose, a
    reason and a case number (DOMAIN.md section 6, safeguard 5), all recorded with the read;
    ``ReadRefused`` (keyed by field) without them. The misuse rules see the read.

    The event names the record by id only, so the audit trail does not copy the person's name.
    """
    if actor.grant_scope("records.view_personrecord") is None:
        raise Http404("Not found")
    reason, case_number = " ".join(reason.split()), " ".join(case_number.split())
    errors: dict[str, list[str]] = {}
    if purpose not in ViewPurpose.values():
        errors["purpose"] = ["Choose the purpose of opening this record."]
    if not reason:
        errors["reason"] = ["Give the reason for opening this record."]
    if not case_number:
        errors["case_number"] = ["Give the case number this record is opened for."]
    if len(reason) > REASON_LENGTH or len(case_number) > CASE_NUMBER_LENGTH:
        errors.setdefault("reason", []).append(
            f"The reason has at most {REASON_LENGTH} characters and the case number at most "
            f"{CASE_NUMBER_LENGTH}."
        )
    if errors:
        raise ReadRefused(errors)
    flags = [
        flag
        for _, raised in record_viewed.send(sender=PersonRecord, actor=actor, record=record)
        for flag in raised or []
    ]
    return events.record(
        Event.RECORD_VIEWED,
        actor=actor,
        obj=record,
        object_repr=f"person record {record.record_id}",
        details={
            "purpose": purpose,
            "reason": reason,
            "case_number": case_number,
            "misuse_flags": flags,
        },
    )


@dataclass
class ReindexReport:
    records: int = 0
    candidate_keys: int = 0
    feature_rows: int = 0
    seconds: float = 0.0


@audited
def reindex(
    actor: Any,
    *,
    key_function: KeyFunction | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ReindexReport:
    """Rebuild the derived data of every stored record (candidate keys and feature rows)
    from the records themselves, after the engine's key or feature rules changed. One
    transaction and one audit event: a failure leaves the previous index in place."""
    keys_of = key_function or default_key_function()
    report = ReindexReport()
    started = time.perf_counter()
    total = PersonRecord.objects.count()
    CandidateKey.objects.all().delete()
    FeatureRow.objects.all().delete()
    people = PersonRecord.objects.order_by("pk").prefetch_related(
        "birth_dates", "identifiers", "addresses"
    )
    keys: list[tuple[str, int]] = []
    features: list[tuple[int, str]] = []

    def flush() -> None:
        _insert(CandidateKey, ["key", "record"], keys, plain=True)
        _insert(FeatureRow, ["record", "row"], features)
        report.candidate_keys += len(keys)
        report.feature_rows += len(features)
        keys.clear()
        features.clear()
        if progress:
            progress(report.records, total)

    for person in people.iterator(chunk_size=BATCH):
        stored = stored_record(person)
        keys.extend((key[:200], person.pk) for key in sorted(keys_of(stored)))
        features.append((person.pk, json.dumps(feature_row(stored), separators=(",", ":"))))
        report.records += 1
        if len(features) == BATCH:
            flush()
    flush()
    report.seconds = round(time.perf_counter() - started, 3)
    # The published online store describes the old index: this host stops serving it at once
    # (other hosts see the reindex in ``records.online.check``). Republish to serve again.
    withdrawn = online_files.withdraw(online.root())
    events.record(
        Event.REINDEXED,
        actor=actor,
        object_type=PersonRecord._meta.label_lower,
        object_repr=f"candidate keys and feature rows of {report.records} person records",
        details={
            "key_function": key_function_name(keys_of),
            "online_store_withdrawn": withdrawn,
            **asdict(report),
        },
    )
    return report


# --- matching model versions ----------------------------------------------------------------
# The heavy work (EM, scoring labelled pairs) runs first, outside any transaction; the audited
# action that stores its result is short. docs/records.md, "Model versions".


class ModelRefused(Exception):
    """A model lifecycle step that cannot be done; the message says why and what to do."""


def _version_details(version: MatchModelVersion) -> dict[str, Any]:
    return {"version": version.version, "status": version.status}


@audited
def store_trained(actor: Any, trained: model_lifecycle.Trained) -> MatchModelVersion:
    """Store a trained model as the next version (status "trained")."""
    last = MatchModelVersion.objects.aggregate(last=models.Max("version"))["last"] or 0
    version = MatchModelVersion(
        version=last + 1,
        store_size=trained.store_size,
        sample_size=trained.sample_size,
        sample_description=trained.description[:300],
        model_json=trained.model.to_json(),
        thresholds=dict(trained.model.thresholds),
    )
    version.save()
    events.record(
        Event.MODEL_TRAINED,
        actor=actor,
        obj=version,
        details={
            **_version_details(version),
            "store_size": version.store_size,
            "sample_size": version.sample_size,
        },
    )
    return version


def train_model(actor: Any, *, sample: int = model_lifecycle.TRAIN_SAMPLE) -> MatchModelVersion:
    """EM on a bounded sample of the store, then ``store_trained``."""
    if sample < model_lifecycle.MIN_RECORDS_TO_TRAIN:
        raise ModelRefused(
            f"--sample must be at least {model_lifecycle.MIN_RECORDS_TO_TRAIN} (got {sample})."
        )
    trained = model_lifecycle.train(sample)
    if trained is None:
        raise ModelRefused(
            f"The store holds fewer than {model_lifecycle.MIN_RECORDS_TO_TRAIN} indexed "
            "records: load records first (`access records load` or `access records synthesize "
            "--load`)."
        )
    return store_trained(actor, trained)


@audited
def store_calibration(
    actor: Any,
    version: MatchModelVersion,
    *,
    calibration: dict[str, list[float]],
    thresholds: dict[str, float],
    pairs: dict[str, Any],
) -> MatchModelVersion:
    """Store a calibration and thresholds; an active version keeps serving with them."""
    version = MatchModelVersion.objects.select_for_update().get(pk=version.pk)
    before = {"thresholds": version.thresholds, "status": version.status}
    version.calibration, version.thresholds = calibration, thresholds
    version.calibration_pairs = pairs
    version.evaluation = {}  # an evaluation describes the calibration it was made with
    if version.status != ModelStatus.ACTIVE:
        version.mark_calibrated()
    version.save()
    events.record(
        Event.MODEL_CALIBRATED,
        actor=actor,
        obj=version,
        before=before,
        after={"thresholds": thresholds, "status": version.status},
        details={**_version_details(version), "pairs": pairs},
    )
    return version


def calibrate_model(
    actor: Any, version: MatchModelVersion, *, probes: int = model_lifecycle.PROBES
) -> MatchModelVersion:
    """Fit the calibration on labelled pairs (``model_lifecycle.labelled_pairs``), store it,
    and evaluate on the held-out pairs."""
    trained = Model.from_json(version.model_json)
    fit, check = model_lifecycle.labelled_pairs(trained, probes)
    try:
        calibration, thresholds = model_lifecycle.calibration(trained, fit)
    except model_lifecycle.NotEnoughLabels as error:
        raise ModelRefused(str(error)) from error
    version = store_calibration(
        actor, version, calibration=calibration, thresholds=thresholds, pairs=fit.summary()
    )
    if check.groups:
        version = store_evaluation(
            actor, version, evaluation=model_lifecycle.evaluation(version.model(), check)
        )
    return version


@audited
def store_evaluation(
    actor: Any, version: MatchModelVersion, *, evaluation: dict[str, Any]
) -> MatchModelVersion:
    version = MatchModelVersion.objects.select_for_update().get(pk=version.pk)
    version.evaluation = evaluation
    version.save()
    metrics = {k: v for k, v in evaluation.items() if k != "reliability"}
    events.record(
        Event.MODEL_EVALUATED,
        actor=actor,
        obj=version,
        details={**_version_details(version), **metrics},
    )
    return version


def evaluate_model(
    actor: Any, version: MatchModelVersion, *, probes: int = model_lifecycle.PROBES
) -> MatchModelVersion:
    """Precision and recall per band and the reliability table on the evaluation pairs."""
    _fit, check = model_lifecycle.labelled_pairs(version.model(), probes)
    if not check.groups:
        raise ModelRefused(
            "No labelled pairs to evaluate on: load a synthetic population or record "
            "analysts' decisions first."
        )
    return store_evaluation(
        actor, version, evaluation=model_lifecycle.evaluation(version.model(), check)
    )


@audited
def activate_model(actor: Any, version: MatchModelVersion) -> MatchModelVersion:
    """Make ``version`` the one model every identification uses; the active one is retired.
    A version without a calibration is refused: its bands would not mean what the docs say."""
    version = MatchModelVersion.objects.select_for_update().get(pk=version.pk)
    if not version.calibration:
        raise ModelRefused(
            f"Version {version.version} has no calibration: run `access matching calibrate "
            f"{version.version}` first (an uncalibrated model cannot be used for "
            "identification)."
        )
    if version.status == ModelStatus.ACTIVE:
        raise ModelRefused(f"Version {version.version} is already active.")
    for current in MatchModelVersion.objects.select_for_update().filter(status=ModelStatus.ACTIVE):
        current.mark_retired()
        current.save()
        events.record(
            Event.MODEL_RETIRED,
            actor=actor,
            obj=current,
            details={**_version_details(current), "replaced_by": version.version},
        )
    version.mark_active()
    version.activated_at = timezone.now()
    version.activated_by = actor if getattr(actor, "is_authenticated", False) else None
    version.activated_by_name = str(actor)[:200]
    version.save()
    events.record(
        Event.MODEL_ACTIVATED,
        actor=actor,
        obj=version,
        details={**_version_details(version), "thresholds": version.thresholds},
    )
    activated = version
    transaction.on_commit(lambda: model_activated.send(sender=MatchModelVersion, version=activated))
    return version


def prepare_first_model(
    actor: Any,
    *,
    sample: int = model_lifecycle.TRAIN_SAMPLE,
    probes: int = model_lifecycle.PROBES,
) -> MatchModelVersion:
    """Train, calibrate and activate a version (the background job's step when inquiries wait
    for a first model; ``access iaq train``). Refused as each step refuses."""
    version = train_model(actor, sample=sample)
    version = calibrate_model(actor, version, probes=probes)
    return activate_model(actor, version)


@audited
def alert_drift(
    actor: Any, version: MatchModelVersion, rows: list[dict[str, Any]], recipients: list[Any]
) -> list[Notification]:
    """Tell program managers that the active model's bands and the analysts' decisions have
    drifted apart (``model_drift.compare``); one unread notice per person and version."""
    drifted = [row for row in rows if row["drifted"]]
    subject = f"Matching model version {version.version}: bands differ from analysts' decisions"
    waiting = set(
        Notification.objects.filter(
            kind=NotificationKind.MODEL_DRIFT, subject=subject, read_at__isnull=True
        ).values_list("recipient_id", flat=True)
    )
    lines = [
        f'"{row["band"]}": analysts verified {row["observed"]:.1%} of {row["decided"]} pairs, '
        f"the calibration expects {row['expected']:.1%} (margin {row['margin']:.1%})."
        for row in drifted
    ]
    body = (
        " ".join(lines)
        + " Recalibrate (`access matching calibrate`) or train a new version, then activate it."
    )
    created = []
    for user in recipients:
        if user.pk in waiting:
            continue
        notice = Notification(
            recipient=user,
            kind=NotificationKind.MODEL_DRIFT,
            subject=subject,
            body=body,
            link=version.get_absolute_url(),
            emailed_to=user.email,
        )
        notice.save()
        created.append(notice)
    if created:
        events.record(
            Event.MODEL_DRIFT_ALERTED,
            actor=actor,
            obj=version,
            details={
                **_version_details(version),
                "bands": jsonable(drifted),
                "recipients": [notice.recipient.get_username() for notice in created],
            },
        )
    return created
