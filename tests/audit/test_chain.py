"""The audit trail is append-only and hash-chained; tampering is found and named."""

from __future__ import annotations

import itertools

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from access.agencies.models import Agency
from access.audit import events
from access.audit.models import AppendOnlyError, AuditEvent
from access.audit.registry import EventSet, UndeclaredEvent
from access.audit.triggers import install
from access.audit.verify import verify_chain
from access.core.actors import MissingActorError, SystemActor


class ChainTestEvent(EventSet):
    """Events these tests write (every event name must be declared)."""

    CHOICES = [
        *[(f"test.event{i}", f"Test event {i}", "") for i in range(5)],
        ("test.no_actor", "Test event without an actor", ""),
    ]


ACTOR = SystemActor("test")
TABLE = AuditEvent._meta.db_table


@pytest.fixture
def five_events(db):
    return [events.record(f"test.event{i}", actor=ACTOR, details={"i": i}) for i in range(5)]


def test_each_event_links_to_the_one_before(five_events):
    for previous, event in itertools.pairwise(five_events):
        assert event.prev_hash == previous.hash
    assert verify_chain() == (5, None)


def test_verify_command_reports_an_intact_chain(five_events, capsys):
    call_command("audit", "verify")
    assert "audit chain intact: 5 events verified" in capsys.readouterr().out


def _raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_a_changed_row_is_found_and_named(five_events):
    _raw(f"UPDATE {TABLE} SET actor_name = %s WHERE id = %s", ["someone else", five_events[2].pk])
    _checked, broken = verify_chain()
    assert broken is not None and broken.event_id == five_events[2].pk
    assert "changed" in broken.reason


def test_a_deleted_row_is_found_at_the_next_event(five_events):
    _raw(f"DELETE FROM {TABLE} WHERE id = %s", [five_events[1].pk])
    _, broken = verify_chain()
    assert broken is not None and broken.event_id == five_events[2].pk
    assert "removed or inserted" in broken.reason


def test_an_inserted_row_is_found(five_events):
    forged = {
        f.attname: getattr(five_events[3], f.attname) for f in AuditEvent._meta.concrete_fields
    }
    forged.update(id=five_events[3].pk * 1000, hash="f" * 64, action="forged")
    columns = ", ".join(forged)
    placeholders = ", ".join(["%s"] * len(forged))
    values = [str(v) if isinstance(v, dict) else v for v in forged.values()]
    import json

    values = [json.dumps(v) if isinstance(v, dict | list) else v for v in forged.values()]
    _raw(f"INSERT INTO {TABLE} ({columns}) VALUES ({placeholders})", values)
    _, broken = verify_chain()
    assert broken is not None and broken.event_id == five_events[3].pk * 1000


def test_a_removed_tail_is_found_against_the_head(five_events):
    _raw(f"DELETE FROM {TABLE} WHERE id = %s", [five_events[-1].pk])
    _, broken = verify_chain()
    assert broken is not None and "removed from the end" in broken.reason


def test_verify_command_exits_1_naming_the_first_broken_event(five_events, capsys):
    _raw(f"UPDATE {TABLE} SET outcome = 'failure' WHERE id = %s", [five_events[0].pk])
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify")
    assert exit_info.value.code == 1
    assert f"event #{five_events[0].pk}" in capsys.readouterr().err


def test_the_orm_refuses_to_change_or_delete_events(five_events):
    event = five_events[0]
    event.action = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="changed")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event0"


def test_database_triggers_refuse_update_and_delete(five_events):
    install(connection)
    for sql in (f"UPDATE {TABLE} SET action = 'x'", f"DELETE FROM {TABLE}"):
        with pytest.raises(DatabaseError), transaction.atomic():
            _raw(sql, [])
    assert AuditEvent.objects.count() == 5


def test_a_program_record_cannot_be_written_without_an_actor(db):
    with pytest.raises(MissingActorError):
        Agency.objects.create(name="No actor", kind="other", state="FL")
    assert Agency.objects.count() == 0


def test_an_event_without_an_actor_is_refused(db):
    with pytest.raises(MissingActorError):
        events.record("test.no_actor")
    assert AuditEvent.objects.count() == 0


def test_the_request_id_is_returned_and_recorded(client_as, agency_a):
    client = client_as("ice_program_manager")
    response = client.post(
        f"/agencies/{agency_a.pk}/edit/",
        {
            "name": "Alpha County Sheriff's Office",
            "kind": "sheriff",
            "state": "FL",
            "county_fips": "12086",
            "ori": "FL0000001",
            "county_name": "Miami-Dade",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="agency.update").get()
    assert event.request_id == response["X-Request-ID"]
    assert event.source_ip == "127.0.0.1"
    assert event.actor == client.user and event.agency_name == str(client.user.agency)


def test_an_undeclared_event_is_refused_and_nothing_is_written(db):
    before = AuditEvent.objects.count()
    with pytest.raises(UndeclaredEvent, match="not declared"):
        events.record("agreement.aproved", actor=ACTOR)  # a typo of a real name
    assert AuditEvent.objects.count() == before


def test_every_declared_event_has_a_readable_label():
    from access.audit.registry import DECLARED

    assert len(DECLARED) > 80
    for name, label in DECLARED.items():
        assert label and label != name and "_" not in label, name


def test_text_longer_than_its_column_is_cut_and_the_chain_still_verifies(db):
    # PostgreSQL refuses a value longer than a varchar column; SQLite keeps it whole. Either
    # way the audit write must not fail because an object's text or a name is long.
    actor = SystemActor("x" * 250)
    event = events.record(
        "access.denied",
        actor=actor,
        object_type="route",
        object_repr="Inquiry #1 (" + "2026-CR-0000123456789 " * 20 + ")",
        outcome="denied",
    )
    event.refresh_from_db()
    assert len(event.object_repr) == 300
    assert event.object_repr.startswith("Inquiry #1 (2026-CR-")
    assert len(event.actor_name) == 200
    assert verify_chain() == (1, None)
