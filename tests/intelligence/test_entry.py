"""Entry under 28 CFR 23.20(a), (b): reasonable suspicion, a definable criminal activity, a
source and the attestation, or nothing is stored (action, page and API alike)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse
from tests.intelligence.conftest import SUSPICION, entry, today

from access.audit.models import AuditEvent
from access.intelligence import actions, rules
from access.intelligence.events import Event
from access.intelligence.filtersets import RecordFilterSet, ReleaseFilterSet
from access.intelligence.models import IntelligenceRecord, Release

PROTECTED = ("race", "ethnic", "national", "origin", "language", "religio", "nationality")


def test_an_entry_that_meets_the_rules_is_stored_with_its_review_date(agent, task_force):
    record = actions.submit_record(agent, task_force, **entry())
    assert record.entered_on == today()
    assert record.review_due == rules.add_years(today(), 5)
    assert record.status == "active" and record.submitted_by == agent
    event = AuditEvent.objects.get(action=Event.SUBMIT, object_id=str(record.pk))
    # The trail keeps codes and dates, never the content a purge must remove.
    assert SUSPICION not in str(event.details) and "Test Subject" not in str(event.details)
    assert event.details["criminal_activity"] == "drug_trafficking"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reasonable_suspicion", ""),
        ("reasonable_suspicion", "He is a known gang member."),
        ("criminal_activity", ""),
        ("criminal_activity", "political_activity"),
        ("source_type", ""),
        ("source_reliability", ""),
        ("not_solely_protected_activity", False),
        ("case_number", ""),
    ],
)
def test_an_entry_missing_a_rule_is_refused_and_nothing_stored(agent, task_force, field, value):
    before = AuditEvent.objects.count()
    with pytest.raises(actions.Refused) as refused:
        actions.submit_record(agent, task_force, **entry(**{field: value}))
    assert field in refused.value.message_dict
    assert IntelligenceRecord.objects.count() == 0
    assert AuditEvent.objects.count() == before


def test_a_refusal_names_every_missing_field_at_once(agent, task_force):
    with pytest.raises(actions.Refused) as refused:
        actions.submit_record(
            agent,
            task_force,
            **entry(reasonable_suspicion="", criminal_activity="", source_type=""),
        )
    assert {"reasonable_suspicion", "criminal_activity", "source_type"} <= set(
        refused.value.message_dict
    )


def test_the_page_refuses_an_entry_without_reasonable_suspicion(client_as, agent, task_force):
    client = client_as(agent)
    data = {**entry(reasonable_suspicion=""), "task_force": task_force.pk}
    data["subject_birth_date"] = "1990-05-01"
    response = client.post(reverse("intelligence:new"), data)
    assert response.status_code == 400
    assert "reasonable suspicion" in response.content.decode().lower()
    assert IntelligenceRecord.objects.count() == 0


def test_the_page_enters_a_record_for_the_members_task_force(client_as, agent, task_force):
    client = client_as(agent)
    page = client.get(reverse("intelligence:new"))
    assert page.status_code == 200 and task_force.name in page.content.decode()
    data = {**entry(), "task_force": task_force.pk, "subject_birth_date": "1990-05-01"}
    data["not_solely_protected_activity"] = "on"
    response = client.post(reverse("intelligence:new"), data)
    record = IntelligenceRecord.objects.get()
    assert response.status_code == 302 and response.url == record.get_absolute_url()
    assert record.task_force == task_force and record.reasonable_suspicion == SUSPICION


def test_the_page_refuses_a_record_without_the_attestation(client_as, agent, task_force):
    data = {**entry(), "task_force": task_force.pk, "subject_birth_date": ""}
    data.pop("not_solely_protected_activity")
    response = client_as(agent).post(reverse("intelligence:new"), data)
    assert response.status_code == 400
    assert IntelligenceRecord.objects.count() == 0


def test_the_api_refuses_an_entry_without_reasonable_suspicion(client_as, agent, task_force):
    body = {**entry(reasonable_suspicion=""), "task_force": task_force.pk}
    body["subject_birth_date"] = "1990-05-01"
    response = client_as(agent).post(
        "/api/intelligence/records/", body, content_type="application/json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and "reasonable_suspicion" in error["fields"]
    assert IntelligenceRecord.objects.count() == 0


def test_the_api_enters_a_record(client_as, agent, task_force):
    body = {**entry(), "task_force": task_force.pk, "subject_birth_date": "1990-05-01"}
    response = client_as(agent).post(
        "/api/intelligence/records/", body, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["review_due"] == rules.add_years(today(), 5).isoformat()
    assert IntelligenceRecord.objects.filter(pk=response.json()["id"]).exists()


def test_a_task_force_the_person_does_not_serve_on_answers_404(agent, other_task_force, client_as):
    from django.http import Http404

    with pytest.raises(Http404):
        actions.submit_record(agent, other_task_force, **entry())
    body = {**entry(), "task_force": other_task_force.pk, "subject_birth_date": None}
    response = client_as(agent).post(
        "/api/intelligence/records/", body, content_type="application/json"
    )
    assert response.status_code == 404
    assert IntelligenceRecord.objects.count() == 0


def test_no_field_or_filter_selects_by_a_protected_characteristic():
    """Safeguard 6: nothing in the records, releases or their filters describes or selects
    people by race, ethnicity, national origin, language or religion."""
    names: list[str] = [f.name for f in IntelligenceRecord._meta.get_fields()]
    names += [f.name for f in Release._meta.get_fields()]
    names += list(RecordFilterSet.base_filters) + list(ReleaseFilterSet.base_filters)
    assert set(RecordFilterSet.base_filters) == {
        "task_force",
        "case_number",
        "criminal_activity",
        "status",
        "entered_after",
        "entered_before",
        "review_before",
    }
    for name in names:
        assert not any(word in name.lower() for word in PROTECTED), name


def test_the_activity_list_names_only_crimes():
    from access.intelligence.choices import CriminalActivity

    labels = " ".join(label.lower() for _, label in CriminalActivity.choices())
    for word in ("political", "religio", "protest", "association", "member of"):
        assert word not in labels


@override_settings(INTELLIGENCE_RETENTION_YEARS=6)
def test_a_retention_period_beyond_five_years_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured):
        rules.retention_years()


@override_settings(INTELLIGENCE_RETENTION_YEARS=3)
def test_a_shorter_retention_period_is_applied(agent, task_force):
    record = actions.submit_record(agent, task_force, **entry())
    assert record.review_due == rules.add_years(today(), 3)


def test_the_review_date_of_a_leap_day_is_the_28th():
    assert rules.add_years(dt.date(2024, 2, 29), 5) == dt.date(2029, 2, 28)
