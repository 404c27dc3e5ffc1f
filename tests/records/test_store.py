"""Loading records into the store, and who may see them (every view is audited)."""

from __future__ import annotations

from collections import Counter

import pytest
from tests.records.conftest import LOADER

from access.audit.models import AuditEvent
from access.core.actors import MissingActorError
from access.records.actions import LoadRefused, load_table
from access.records.engine import basic_keys, date_parts
from access.records.models import (
    Arrest,
    BirthDate,
    CandidateKey,
    Charge,
    Identifier,
    ImmigrationEvent,
    PersonRecord,
)


def _expected_counts(table):
    rows = table.to_pylist()
    id_columns = [c for c in table.schema.names if c.startswith("id.")]
    return {
        "records": len(rows),
        "identifiers": sum(1 for r in rows for c in id_columns if r[c]),
        "birth_dates": sum(len([d for d in r["dates_of_birth"].split("|") if d]) for r in rows),
        "arrests": sum(1 for r in rows if r["ncic_offense"]),
    }


@pytest.mark.django_db
def test_load_stores_every_record_with_its_parts_and_one_audit_event(small_population):
    table = small_population.records
    before = AuditEvent.objects.count()
    report = load_table(LOADER, table, source_name="test population", key_function=basic_keys)
    expected = _expected_counts(table)
    assert report.records == PersonRecord.objects.count() == expected["records"]
    assert report.identifiers == Identifier.objects.count() == expected["identifiers"]
    assert report.birth_dates == BirthDate.objects.count() == expected["birth_dates"]
    assert report.arrests == Arrest.objects.count() == Charge.objects.count() == expected["arrests"]
    assert report.candidate_keys == CandidateKey.objects.count() > report.records
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("pk")
    assert event.action == "records.loaded"
    assert event.details["records"] == expected["records"]
    assert event.details["key_function"] == "access.records.engine.basic_keys"


@pytest.mark.django_db
def test_a_numbers_are_normalised_to_nine_digits(loaded):
    a_numbers = Identifier.objects.filter(kind="a_number")
    assert a_numbers.count() > 50
    forms = Counter(
        "A8" if v.startswith("A") and len(v) == 9 else "dashed" if "-" in v else "other"
        for v in a_numbers.values_list("value", flat=True)
    )
    assert forms["A8"] > 0 and forms["dashed"] > 0
    for value, normalized in a_numbers.values_list("value", "normalized"):
        assert len(normalized) == 9 and normalized.isdigit()
        assert normalized == "".join(ch for ch in value if ch.isdigit()).zfill(9)
    ssn = Identifier.objects.filter(kind="ssn", value__contains="-").first()
    assert ssn is not None and ssn.normalized == ssn.value.replace("-", "")


@pytest.mark.django_db
def test_partial_dates_keep_their_text_and_known_parts(loaded):
    assert date_parts("1985") == (1985, None, None)
    assert date_parts("1985-03") == (1985, 3, None)
    assert date_parts("1985-03-12") == (1985, 3, 12)
    assert date_parts("") == (None, None, None)
    partial = BirthDate.objects.filter(day__isnull=True, year__isnull=False)
    assert partial.exists()
    for d in partial:
        assert d.recorded.startswith(str(d.year)) and len(d.recorded) in (4, 7)


@pytest.mark.django_db
def test_citizenship_is_stated_only_by_immigration_files(loaded, small_population):
    stated = PersonRecord.objects.exclude(citizenship="unknown")
    assert set(stated.values_list("source", flat=True)) == {"immigration"}
    assert PersonRecord.objects.filter(citizenship="naturalized").exists()
    naturalized = ImmigrationEvent.objects.filter(kind="naturalization").count()
    assert naturalized == PersonRecord.objects.filter(citizenship="naturalized").count()


@pytest.mark.django_db
def test_loading_the_same_records_twice_is_refused_and_changes_nothing(loaded, small_population):
    records, events = PersonRecord.objects.count(), AuditEvent.objects.count()
    with pytest.raises(LoadRefused, match="already in the store"):
        load_table(LOADER, small_population.records, source_name="again", key_function=basic_keys)
    assert PersonRecord.objects.count() == records
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_loading_needs_an_actor(small_population):
    with pytest.raises(MissingActorError):
        load_table(None, small_population.records, source_name="x", key_function=basic_keys)
    assert PersonRecord.objects.count() == 0


@pytest.mark.django_db
def test_viewing_a_record_writes_exactly_one_audit_event(loaded, records_grant, client_as):
    record = PersonRecord.objects.filter(identifiers__kind="a_number").first()
    client = client_as("lesc_analyst")
    before = AuditEvent.objects.count()
    response = client.post(
        f"/records/{record.pk}/", {"purpose": "inquiry", "reason": "IAQ", "case_number": "C-1"}
    )
    assert response.status_code == 200
    assert record.record_id in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("pk")
    assert event.action == "record.viewed"
    assert event.object_id == str(record.pk)
    assert event.object_repr == f"person record {record.record_id}"
    assert event.actor_id == client.user.pk
    assert event.details == {
        "purpose": "inquiry",
        "reason": "IAQ",
        "case_number": "C-1",
        "misuse_flags": [],
    }


@pytest.mark.django_db
def test_a_user_without_the_grant_gets_404_and_nothing_is_written(loaded, client_as):
    record = PersonRecord.objects.first()
    before = AuditEvent.objects.count()
    for role in (
        "agency_officer",
        "agency_liaison",
        "ice_field_agent",
        "ice_program_manager",
        "system_administrator",
    ):
        response = client_as(role).get(f"/records/{record.pk}/")
        assert response.status_code == 404
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_a_missing_record_is_404_and_nothing_is_written(records_grant, client_as):
    before = AuditEvent.objects.count()
    assert client_as("lesc_analyst").get("/records/999999/").status_code == 404
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(loaded, client):
    record = PersonRecord.objects.first()
    before = AuditEvent.objects.count()
    response = client.get(f"/records/{record.pk}/")
    assert response.status_code == 302
    assert "/accounts/login" in response["Location"]
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_the_record_page_shows_criminal_history_and_a_citizenship_warning(
    loaded, records_grant, client_as
):
    client = client_as("lesc_analyst")
    charge = Charge.objects.select_related("arrest__record").first()
    purpose = {"purpose": "oversight", "reason": "Record page check", "case_number": "T-1"}
    page = client.post(f"/records/{charge.arrest.record.pk}/", purpose).content.decode()
    assert charge.ncic_code in page and charge.description in page
    citizen = PersonRecord.objects.filter(citizenship="naturalized").first()
    page = client.post(f"/records/{citizen.pk}/", purpose).content.decode()
    assert "This record states U.S. citizenship" in page
    assert "Naturalization" in page
