"""A removable interview outcome becomes an identified encounter (enforcement's action, the
authority check included) linked from the candidate, shows in the funnel, and leads to
detention's issue page, where the booking's release time feeds the hold clock."""

# ruff: noqa: F811  (each test's arguments shadow the imported fixtures)

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from tests.cap.encounter_fixtures import cap_agreement, interviewed, removable, sworn  # noqa: F401
from tests.officers.conftest import (  # noqa: F401
    agent,
    agreement,
    director,
    liaison,
    manager,
    people,
    supervisor,
    walk,
)

from access.audit.models import AuditEvent
from access.cap.actions import encounters
from access.cap.events import Event
from access.cap.models import Booking, ScreeningCandidate
from access.detention import actions as detention
from access.detention.choices import ProbableCause, ServiceMethod
from access.enforcement import funnel
from access.enforcement.choices import EncounterStatus
from access.enforcement.models import Encounter, Verification

pytestmark = pytest.mark.django_db


def _nothing_recorded(candidate: ScreeningCandidate) -> None:
    assert Encounter.objects.count() == 0
    assert Verification.objects.count() == 0
    assert ScreeningCandidate.objects.get(pk=candidate.pk).encounter_id is None
    assert not AuditEvent.objects.filter(action=Event.RECORD_ENCOUNTER).exists()
    assert not AuditEvent.objects.filter(action__startswith="encounter.").exists()


def test_the_encounter_is_identified_at_the_jail_by_the_cap_officer(sworn, removable, q_officer):
    encounter = encounters.record_encounter(q_officer, removable)
    booking = removable.booking
    assert encounter.status == EncounterStatus.IDENTIFIED
    assert encounter.officer == sworn and encounter.recorded_by == q_officer
    assert encounter.facility_id == booking.facility.facility_id
    assert encounter.agency_id == booking.facility.facility.agency_id
    assert encounter.partnership_type.code == "cap_team"
    assert encounter.identified_record_id == removable.record_id
    assert encounter.family_name == "GARCIA" and encounter.dates_of_birth == ["1985-03-14"]
    assert encounter.priority_level == "2"
    verification = Verification.objects.get(encounter=encounter)
    assert verification.verified_by == q_officer
    assert verification.fields_checked == ["date_of_birth", "photograph"]
    assert ScreeningCandidate.objects.get(pk=removable.pk).encounter_id == encounter.pk
    event = AuditEvent.objects.get(action=Event.RECORD_ENCOUNTER)
    assert event.actor_id == q_officer.pk and event.details["encounter"] == encounter.pk
    assert AuditEvent.objects.filter(
        action="encounter.recorded", object_id=str(encounter.pk)
    ).exists()
    # Like any other encounter, it is counted in the funnel, identified.
    rows = {row.stage.key: row.total for row in funnel.compute(Encounter.objects.all())}
    assert rows["identified"] == 1


def test_an_officer_without_authority_is_refused_and_nothing_is_created(
    removable, walk, cap_agreement, q_officer
):
    # Certified, but no authorization in force: the authority check refuses.
    officer = walk("certified", on=cap_agreement)
    officer.__class__.objects.filter(pk=officer.pk).update(user=q_officer)
    with pytest.raises(ValidationError) as refused:
        encounters.record_encounter(q_officer, removable)
    assert any("Authority check" in m for m in refused.value.messages)
    _nothing_recorded(removable)


def test_a_cap_officer_who_is_no_officer_of_the_agency_is_refused(removable, q_officer):
    with pytest.raises(ValidationError) as refused:
        encounters.record_encounter(q_officer, removable)
    assert any("not an officer under a CAP agreement" in m for m in refused.value.messages)
    _nothing_recorded(removable)


def test_the_citizenship_stop_still_blocks(q_citizen_candidate, sworn, q_officer):
    from access.cap.actions import queue as actions

    actions.view_candidate(q_officer, q_citizen_candidate)
    actions.verify(q_officer, q_citizen_candidate, fields_checked=["date_of_birth"])
    stopped = ScreeningCandidate.objects.get(pk=q_citizen_candidate.pk)
    assert stopped.status == "stopped"
    with pytest.raises(ValidationError) as refused:
        encounters.record_encounter(q_officer, stopped)
    assert any("citizenship stop" in m for m in refused.value.messages)
    _nothing_recorded(stopped)


def test_a_citizenship_claim_at_interview_blocks(q_candidate, sworn, q_officer):
    claimed = interviewed(q_candidate, q_officer, outcome="citizenship_claim")
    assert claimed.status == "stopped"
    with pytest.raises(ValidationError):
        encounters.record_encounter(q_officer, claimed)
    _nothing_recorded(claimed)


def test_an_outcome_other_than_removable_is_refused(q_candidate, sworn, q_officer):
    not_removable = interviewed(q_candidate, q_officer, outcome="not_removable")
    assert not encounters.may_record(not_removable)
    with pytest.raises(ValidationError) as refused:
        encounters.record_encounter(q_officer, not_removable)
    assert any("amenable to removal" in m for m in refused.value.messages)
    _nothing_recorded(not_removable)


def test_one_candidate_never_gets_two_encounters(sworn, removable, q_officer):
    first = encounters.record_encounter(q_officer, removable)
    with pytest.raises(ValidationError) as refused:
        encounters.record_encounter(q_officer, ScreeningCandidate.objects.get(pk=removable.pk))
    assert any(f"#{first.pk} is already recorded" in m for m in refused.value.messages)
    assert Encounter.objects.count() == 1
    assert AuditEvent.objects.filter(action=Event.RECORD_ENCOUNTER).count() == 1


def test_another_team_gets_404_and_nothing_changes(sworn, removable, q_other_officer):
    with pytest.raises(Http404):
        encounters.record_encounter(q_other_officer, removable)
    _nothing_recorded(removable)


def test_the_cap_officer_issues_the_detainer_with_the_release_from_the_roster(
    sworn, removable, q_officer
):
    encounter = encounters.record_encounter(q_officer, removable)
    release = timezone.now() + timedelta(hours=6)
    Booking.objects.filter(pk=removable.booking_id).update(release_date=release)
    assert encounters.expected_release(encounter) == release
    detainer = detention.issue_detainer(
        q_officer,
        encounter,
        facility=encounter.facility,
        probable_cause=ProbableCause.BIOMETRIC_MATCH,
        probable_cause_details="Fingerprints matched a record with no lawful status.",
        served_at=timezone.now(),
        service_method=ServiceMethod.IN_PERSON_BY_OFFICER,
        hold_requested=True,
        notify_before_release=True,
        release_at=encounters.expected_release(encounter),
    )
    assert detainer.officer == sworn and detainer.encounter == encounter
    assert detainer.deadline is not None and detainer.status == "holding"


def test_the_pages_lead_from_the_candidate_to_the_detainer(client_as, sworn, removable, q_officer):
    client = client_as(q_officer)
    page = client.get(reverse("cap:candidate", args=[removable.pk])).content.decode()
    assert "Record the encounter and issue a detainer" in page
    # The release due within the day is entered on the issue page (it starts the clock).
    soon = timezone.now() + timedelta(hours=3)
    Booking.objects.filter(pk=removable.booking_id).update(release_date=soon)
    answer = client.post(reverse("cap:candidate_encounter", args=[removable.pk]))
    encounter = Encounter.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == reverse("detention:issue", args=[encounter.pk])
    issue = client.get(answer["Location"])
    assert issue.status_code == 200
    html = issue.content.decode()
    assert "it is entered below as the release time" in html
    local = soon.astimezone(__import__("zoneinfo").ZoneInfo("America/New_York"))
    assert local.strftime("%Y-%m-%dT%H:%M") in html
    again = client.get(reverse("cap:candidate", args=[removable.pk])).content.decode()
    assert "Record the encounter and issue a detainer" not in again
    assert f"encounter #{encounter.pk}</a>" in again and "Issue a detainer" in again
    # The CAP officer opens the encounter like any encounter at their team's jails (logged).
    shown = client.get(reverse("enforcement:detail", args=[encounter.pk]))
    assert shown.status_code == 200
    assert AuditEvent.objects.filter(action="encounter.viewed", actor_id=q_officer.pk).exists()
    issue_url = reverse("detention:issue", args=[encounter.pk])
    assert f'href="{issue_url}"' in shown.content.decode()
    # Encounters are recorded by CAP officers only from screening: no "Add", no form.
    listed = client.get(reverse("enforcement:list"))
    assert listed.status_code == 200 and f"#{encounter.pk}" in listed.content.decode()
    assert reverse("enforcement:add") not in listed.content.decode()
    assert client.get(reverse("enforcement:add")).status_code == 404


def test_the_page_shows_a_refusal_and_changes_nothing(client_as, removable, q_officer):
    answer = client_as(q_officer).post(reverse("cap:candidate_encounter", args=[removable.pk]))
    assert answer.status_code == 400
    assert "not an officer under a CAP agreement" in answer.content.decode()
    _nothing_recorded(removable)


def test_a_later_release_is_a_note_on_the_issue_page(client_as, sworn, removable, q_officer):
    encounter = encounters.record_encounter(q_officer, removable)  # release in 3 days
    html = client_as(q_officer).get(reverse("detention:issue", args=[encounter.pk])).content
    assert b"record it on the detainer when it is due" in html


def test_the_api_records_the_encounter_once(client_as, sworn, removable, q_officer):
    api = client_as(q_officer)
    url = f"/api/cap/candidates/{removable.pk}/encounter/"
    first = api.post(url, {}, content_type="application/json")
    assert first.status_code == 201
    encounter = Encounter.objects.get()
    assert first.json()["encounter"] == encounter.pk
    again = api.post(url, {}, content_type="application/json")
    assert again.status_code == 400
    assert Encounter.objects.count() == 1


def test_the_api_answers_404_to_another_team(client_as, sworn, removable, q_other_officer):
    answer = client_as(q_other_officer).post(
        f"/api/cap/candidates/{removable.pk}/encounter/", {}, content_type="application/json"
    )
    assert answer.status_code == 404
    _nothing_recorded(removable)


def test_a_roster_that_shows_the_release_starts_the_hold_clock(sworn, removable, q_officer):
    from tests.cap.conftest import ROSTER_MAPPING

    from access.cap.actions.rosters import receive_roster
    from access.cap.models import CapFacility

    encounter = encounters.record_encounter(q_officer, removable)
    detainer = detention.issue_detainer(
        q_officer,
        encounter,
        facility=encounter.facility,
        probable_cause=ProbableCause.BIOMETRIC_MATCH,
        probable_cause_details="Fingerprints matched a record with no lawful status.",
        served_at=timezone.now(),
        service_method=ServiceMethod.IN_PERSON_BY_OFFICER,
        hold_requested=True,
        notify_before_release=True,
    )
    assert detainer.status == "issued" and detainer.release_at is None
    facility = CapFacility.objects.get(pk=removable.booking.facility_id)
    CapFacility.objects.filter(pk=facility.pk).update(column_mapping=dict(ROSTER_MAPPING))
    facility.refresh_from_db()
    # The next roster no longer lists the person: released at its snapshot time.
    row = {column: "" for column in ROSTER_MAPPING.values()}
    row.update({"Booking #": "B-7", "Last Name": "Other", "First Name": "Ann", "DOB": "1990-01-01"})
    roster, _ = receive_roster(q_officer, facility, rows=[row], source="api", queue=False)
    assert roster.released == 1
    detainer.refresh_from_db()
    assert detainer.status == "holding" and detainer.release_at == roster.as_of
    assert detainer.deadline is not None
    received = AuditEvent.objects.get(action="cap.receive_roster")
    assert received.details["detainer_clocks_started"] == [detainer.pk]
