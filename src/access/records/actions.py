"""Operations on person records, each an audited action writing its event."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

import pyarrow as pa
from django.db import IntegrityError, connection, models
from django.utils import timezone

from access.audit import events
from access.audit.events import audited
from access.audit.models import AuditEvent
from access.records.choices import (
    Citizenship,
    Disposition,
    ImmigrationEventKind,
    RecordSource,
    Sex,
)
from access.records.engine import (
    KeyFunction,
    date_parts,
    default_key_function,
    key_function_name,
    normalize_identifier,
)
from access.records.models import (
    Address,
    Arrest,
    BirthDate,
    CandidateKey,
    Charge,
    Identifier,
    ImmigrationEvent,
    PersonRecord,
)
from access.records.synthetic.data_names import NCIC_OFFENSES
from access.records.synthetic.io import records_from_table

BATCH = 5_000
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
) -> LoadReport:
    """Store every row of a records table (``access.records.synthetic.COLUMNS`` or a subset),
    with its identifiers normalised and its candidate keys; one summary audit event.
    """
    keys_of = key_function or default_key_function()
    report = LoadReport()
    started = time.perf_counter()
    pending: list[tuple[Any, dict]] = []
    try:
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
        "records.loaded",
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
    for person, (record, row) in zip(people, rows, strict=True):
        pk = person.pk
        for position, recorded in enumerate(record.dates_of_birth):
            year, month, day = date_parts(recorded)
            dobs.append((now, now, pk, position, recorded[:40], year, month, day))
        for kind, value in record.identifiers.items():
            normalized = normalize_identifier(kind, value)[:64]
            ids.append((now, now, pk, kind[:40], value[:64], normalized))
        if record.street or record.city or record.postcode:
            address = (
                record.street[:200],
                record.city[:100],
                record.postcode[:20],
                record.state[:2],
            )
            addresses.append((now, now, pk, *address))
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
        keys.extend((key[:200], pk) for key in sorted(keys_of(record)))
    stamps = ["created_at", "updated_at", "record"]
    _insert(BirthDate, [*stamps, "position", "recorded", "year", "month", "day"], dobs)
    _insert(Identifier, [*stamps, "kind", "value", "normalized"], ids)
    _insert(Address, [*stamps, "street", "city", "postcode", "state"], addresses)
    _insert(ImmigrationEvent, [*stamps, "kind", "occurred_on", "details"], immigration)
    _insert(CandidateKey, ["key", "record"], keys)
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


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.column:
        raise TypeError(f"{model.__name__}.{name} is not a concrete column")
    return field.column


def _insert(model: type[models.Model], fields: list[str], rows: list[tuple]) -> None:
    """Many rows in one ``executemany``: the child rows of a load, without model instances.

    Callers run inside the audited load (the same transaction as its audit event).
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(_column(model, f)) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Table and column names come from model metadata, values are parameters.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@audited
def view_record(
    actor: Any,
    record: PersonRecord,
    *,
    purpose: str = "",
    reason: str = "",
    case_number: str = "",
) -> AuditEvent:
    """Opening a person's record is itself recorded (DOMAIN.md section 6, safeguard 5).

    The event names the record by id only, so the audit trail does not copy the person's name.
    """
    return events.record(
        "record.viewed",
        actor=actor,
        obj=record,
        object_repr=f"person record {record.record_id}",
        details={
            "purpose": purpose[:50],
            "reason": reason[:500],
            "case_number": case_number[:50],
        },
    )
