"""Dissemination (28 CFR 23.20(e)): every release outside the task force is recorded with its
recipient, agency and need and right to know; without them it is refused and nothing stored.
The release log is a page and a CSV for auditors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from access.audit.models import AuditEvent
from access.intelligence import actions
from access.intelligence.events import Event
from access.intelligence.models import Release

GOOD = {
    "recipient_name": "Det. Jamie Ortiz",
    "recipient_agency": "Lee County Sheriff's Office",
    "reason": "Investigating a related shooting; needs the vehicle description.",
}


@pytest.mark.parametrize("missing", ["recipient_name", "recipient_agency", "reason"])
def test_a_release_without_a_recipient_agency_or_reason_is_refused(record, agent, missing):
    before = AuditEvent.objects.count()
    with pytest.raises(actions.Refused) as refused:
        actions.release_record(agent, record, **{**GOOD, missing: "  "})
    assert missing in refused.value.message_dict
    assert Release.objects.count() == 0 and AuditEvent.objects.count() == before


def test_a_release_is_recorded_and_audited(record, agent):
    release = actions.release_record(agent, record, **GOOD)
    assert release.released_by == agent and release.recipient_agency == GOOD["recipient_agency"]
    event = AuditEvent.objects.get(action=Event.RELEASE)
    assert event.details["recipient_name"] == GOOD["recipient_name"]
    assert event.details["reason"] == GOOD["reason"]


def test_the_release_page_refuses_a_release_without_a_recipient(client_as, record, agent):
    response = client_as(agent).post(
        reverse("intelligence:release", args=[record.pk]), {**GOOD, "recipient_name": ""}
    )
    assert response.status_code == 400 and Release.objects.count() == 0


def test_the_api_refuses_a_release_without_a_recipient(client_as, record, agent):
    response = client_as(agent).post(
        f"/api/intelligence/records/{record.pk}/release/",
        {**GOOD, "recipient_name": ""},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "recipient_name" in response.json()["error"]["fields"]
    assert Release.objects.count() == 0


def test_the_release_page_records_a_release(client_as, record, agent):
    response = client_as(agent).post(reverse("intelligence:release", args=[record.pk]), GOOD)
    assert response.status_code == 302
    assert Release.objects.get().recipient_name == GOOD["recipient_name"]


def test_the_release_log_and_its_csv_for_auditors(client_as, record, agent):
    actions.release_record(agent, record, **GOOD)
    auditor = client_as("oversight_auditor")
    page = auditor.get(reverse("intelligence:releases"))
    assert page.status_code == 200 and "Lee County Sheriff&#x27;s Office" in page.content.decode()
    csv = auditor.get(reverse("intelligence:releases") + "?export=csv")
    assert csv.status_code == 200
    text = csv.content.decode()
    assert "Recipient's agency" in text and "Det. Jamie Ortiz" in text
    assert AuditEvent.objects.filter(action=Event.EXPORT_RELEASES).exists()
    api = auditor.get("/api/intelligence/releases/")
    assert (
        api.status_code == 200
        and api.json()["results"][0]["recipient_agency"] == (GOOD["recipient_agency"])
    )


def test_a_member_may_not_export_the_log(client_as, record, agent):
    actions.release_record(agent, record, **GOOD)
    client = client_as(agent)
    assert client.get(reverse("intelligence:releases")).status_code == 200
    assert client.get(reverse("intelligence:releases") + "?export=csv").status_code == 404
