"""Opening a person record outside an inquiry needs a purpose, a reason and a case number
(safeguard 5): the page asks for them first and shows no person data; the read is recorded
with them; the misuse rules count these reads per user."""

from __future__ import annotations

import pytest

from access.audit.models import AuditEvent
from access.inquiries import misuse
from access.inquiries.models import MisuseFlag
from access.records.models import PersonRecord

PURPOSE = {"purpose": "oversight", "reason": "Quarterly audit sample", "case_number": "OA-2026-4"}


@pytest.fixture
def record(loaded, records_grant) -> PersonRecord:
    return next(
        r for r in PersonRecord.objects.exclude(given_name="").order_by("pk") if r.family_names
    )


def _person_data(record: PersonRecord) -> list[str]:
    """Text that only the record itself shows (its id and names)."""
    return [record.record_id, record.given_name, *record.family_names]


@pytest.mark.django_db
def test_without_a_purpose_the_page_asks_for_one_and_shows_no_data(record, client_as):
    client = client_as("lesc_analyst")
    before = AuditEvent.objects.count()
    page = client.get(f"/records/{record.pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'name="purpose"' in text and 'name="reason"' in text and 'name="case_number"' in text
    assert not [value for value in _person_data(record) if value in text]
    # Query parameters are not a purpose: the values travel only in the form's POST body.
    tried = client.get(f"/records/{record.pk}/", PURPOSE).content.decode()
    assert not [value for value in _person_data(record) if value in tried]
    for missing in ("purpose", "reason", "case_number"):
        refused = client.post(f"/records/{record.pk}/", {**PURPOSE, missing: " "})
        assert refused.status_code == 400
        shown = refused.content.decode()
        assert not [value for value in _person_data(record) if value in shown]
        assert 'class="usa-error-message"' in shown
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_with_a_purpose_the_record_is_shown_and_the_read_recorded(record, client_as):
    client = client_as("lesc_analyst")
    before = AuditEvent.objects.count()
    response = client.post(f"/records/{record.pk}/", PURPOSE)
    assert response.status_code == 200
    text = response.content.decode()
    assert record.record_id in text and record.given_name in text
    assert "Oversight / audit" in text and "OA-2026-4" in text
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("pk")
    assert (event.action, event.object_id, event.actor_id) == (
        "record.viewed",
        str(record.pk),
        client.user.pk,
    )
    assert event.details == {**PURPOSE, "misuse_flags": []}
    assert record.given_name not in event.object_repr  # the trail names the record by id


@pytest.mark.django_db
def test_a_user_without_the_grant_is_refused_with_a_purpose_too(record, client_as):
    before = AuditEvent.objects.count()
    response = client_as("agency_officer").post(f"/records/{record.pk}/", PURPOSE)
    assert response.status_code == 404
    assert AuditEvent.objects.count() == before


@pytest.mark.django_db
def test_the_misuse_rule_counts_reads_outside_an_inquiry_per_user(
    loaded, records_grant, client_as, make_user
):
    oversight = make_user("oversight_auditor")
    misuse.add_rule(oversight, kind="record_reads", threshold=2, window_minutes=60)
    reader, other = client_as("lesc_analyst"), client_as("lesc_analyst")
    records = list(PersonRecord.objects.order_by("pk")[:4])
    for one in records[:2]:
        assert reader.post(f"/records/{one.pk}/", PURPOSE).status_code == 200
    assert other.post(f"/records/{records[0].pk}/", PURPOSE).status_code == 200
    assert MisuseFlag.objects.count() == 0  # two reads each: not above the threshold
    assert reader.post(f"/records/{records[2].pk}/", PURPOSE).status_code == 200
    flag = MisuseFlag.objects.get()
    assert flag.inquiry is None and flag.rule.kind == "record_reads"
    assert flag.evidence["user"] == reader.user.get_username()
    assert flag.evidence["count"] == 3
    assert flag.evidence["records"] == sorted(r.pk for r in records[:3])
    third = AuditEvent.objects.filter(action="record.viewed").latest("pk")
    assert third.details["misuse_flags"] == [{"flag": flag.pk, "rule": "record_reads"}]
    # One flag per user and window: a fourth read adds none; oversight sees the flag.
    assert reader.post(f"/records/{records[3].pk}/", PURPOSE).status_code == 200
    assert MisuseFlag.objects.count() == 1
    auditor = client_as(oversight)
    page = auditor.get("/inquiries/misuse/flags/").content.decode()
    assert f"Record reads by {reader.user.get_username()}" in page
    detail = auditor.get(f"/inquiries/misuse/flags/{flag.pk}/")
    assert detail.status_code == 200 and "outside an inquiry" in detail.content.decode()
    (row,) = auditor.get("/api/misuse/flags/?kind=record_reads").json()["results"]
    assert (row["id"], row["inquiry"], row["agency"], row["submitted_by"]) == (
        flag.pk,
        None,
        None,
        None,
    )
    assert row["evidence"]["user"] == reader.user.get_username()
