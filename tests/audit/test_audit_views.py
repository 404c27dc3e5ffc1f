from __future__ import annotations

import pytest

from access.audit import events
from access.audit.models import AuditEvent
from access.core.actors import SystemActor


@pytest.fixture
def some_events(db, agency_a):
    for action in ("auth.login_failed", "agency.update", "agency.create"):
        events.record(action, actor=SystemActor("seed"), obj=agency_a)


def test_oversight_filters_the_trail_by_action(client_as, some_events):
    client = client_as("oversight_auditor")
    response = client.get("/audit/", {"action": "auth."})
    assert response.status_code == 200
    rows = [r for r in response.context["table"].rows]
    assert {r.record.action for r in rows} == {"auth.login_failed"}


def test_reading_the_trail_is_itself_audited(client_as, some_events):
    client = client_as("oversight_auditor")
    client.get("/audit/")
    assert AuditEvent.objects.filter(action="audit.viewed", actor=client.user).count() == 1


def test_the_trail_exports_as_csv_with_the_chain(client_as, some_events):
    client = client_as("oversight_auditor")
    response = client.get("/audit/", {"export": "csv", "object_type": "agencies.agency"})
    lines = response.content.decode().strip().splitlines()
    assert lines[0].startswith("Event,Time (UTC),Actor,Agency,Source address,Request id,Action")
    # header + the three seeded events + the creation events of agency_a and the ICE office
    assert len(lines) == 1 + 3 + 2
    assert AuditEvent.objects.filter(action="auditevent.export").count() == 1


@pytest.mark.parametrize("role", ["agency_liaison", "system_administrator", "lesc_analyst"])
def test_roles_without_audit_access_get_404(client_as, some_events, role):
    client = client_as(role)
    before = AuditEvent.objects.count()
    assert client.get("/audit/").status_code == 404
    event = AuditEvent.objects.first()
    assert client.get(f"/audit/{event.pk}/").status_code == 404
    assert client.get("/audit/", {"export": "csv"}).status_code == 404
    assert AuditEvent.objects.count() == before


def test_oversight_records_the_weekly_review_and_it_is_audited(client_as, some_events):
    client = client_as("oversight_auditor")
    page = client.get("/audit/review/")
    assert page.status_code == 200 and "A review is due." in page.content.decode()
    last = AuditEvent.objects.order_by("-id").first().pk
    response = client.post("/audit/review/", {"findings": "Nothing to report."})
    assert response.status_code == 302
    from access.audit.models import AuditReview

    review = AuditReview.objects.get()
    assert review.reviewed_through == last and review.reviewer == client.user
    event = AuditEvent.objects.get(action="audit.review_completed")
    assert event.details == {"reviewed_through": last, "findings": "Nothing to report."}
    assert "A review is due." not in client.get("/audit/review/").content.decode()


def test_a_review_without_findings_is_refused(client_as, some_events):
    client = client_as("oversight_auditor")
    response = client.post("/audit/review/", {"findings": "  "})
    assert response.status_code == 400
    from access.audit.models import AuditReview

    assert AuditReview.objects.count() == 0


def test_only_oversight_reviews(client_as, some_events):
    from access.audit.models import AuditReview

    assert (
        client_as("ice_program_manager").post("/audit/review/", {"findings": "x"}).status_code
        == 404
    )
    assert AuditReview.objects.count() == 0
