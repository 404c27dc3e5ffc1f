"""Officer work queues per role (home page and the list's queue filter), the status and
training-currency charts, the officer's own record and the supervisor's officers; every
denial a 404 that changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone
from tests.conftest import sign_in

from access.audit.models import AuditEvent
from access.core.actors import SystemActor
from access.officers import actions, charts
from access.officers.demo import seed_demo_officers
from access.officers.models import Authorization, Officer
from access.site.queues import officer_queues_for

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    return sign_in(Client(), user)


@pytest.fixture
def queued(walk: Callable[..., Officer]) -> dict[str, Officer]:
    """One officer in each of three queues: overdue at ICE, ending in 20 days, no supervisor."""
    today = timezone.localdate()
    overdue = walk("nominated")
    Officer.objects.filter(pk=overdue.pk).update(nominated_on=today - timedelta(days=45))
    ending = walk("authorized")
    Authorization.objects.filter(officer=ending).update(valid_until=today + timedelta(days=20))
    unsupervised = walk("authorized")
    Officer.objects.filter(pk=unsupervised.pk).update(supervisor=None)
    return {"overdue": overdue, "ending": ending, "unsupervised": unsupervised}


def _counts(user: Any) -> dict[str, int]:
    return {row["name"]: row["count"] for row in officer_queues_for(user)}


def test_each_role_sees_the_queues_it_acts_on(
    queued: dict[str, Officer], people: dict[str, Any], make_user: Any, agency_b: Any
) -> None:
    assert _counts(people["manager"]) == {
        "waiting_on_ice": 1,
        "ending_60": 1,
        "ending_30": 1,
        "refresher_due": 0,
        "no_supervisor": 1,
        "disqualified": 0,
    }
    assert _counts(people["director"]) == {"ending_60": 1, "ending_30": 1, "no_supervisor": 1}
    assert _counts(people["agent"]) == {"waiting_on_ice": 1, "refresher_due": 0}
    assert _counts(people["liaison"]) == {
        "waiting_on_ice": 1,
        "ending_60": 1,
        "ending_30": 1,
        "refresher_due": 0,
        "disqualified": 0,
    }
    # Another agency's liaison counts only its own officers; an officer has no queue.
    other_liaison = make_user("agency_liaison", agency_b)
    assert set(_counts(other_liaison).values()) == {0}
    assert officer_queues_for(make_user("agency_officer", people["liaison"].agency)) == []


def test_the_supervisor_counts_only_the_officers_they_supervise(
    queued: dict[str, Officer], people: dict[str, Any], make_user: Any
) -> None:
    rows = officer_queues_for(people["supervisor"])
    assert {row["name"]: row["count"] for row in rows} == {
        "ending_60": 1,
        "ending_30": 1,
        "refresher_due": 0,
    }
    assert all("mine=me" in row["url"] for row in rows)
    assert set(_counts(make_user("ice_supervisor")).values()) == {0}


def test_home_page_links_each_queue_to_the_filtered_list_by_name(
    queued: dict[str, Officer], people: dict[str, Any]
) -> None:
    client = _client(people["manager"])
    home = client.get("/").content.decode()
    assert "Officer work queues" in home
    assert "/officers/?queue=ending_30" in home and "Officers by status" in home
    for name, officer in [
        ("waiting_on_ice", queued["overdue"]),
        ("ending_30", queued["ending"]),
        ("no_supervisor", queued["unsupervised"]),
    ]:
        page = client.get(f"/officers/?queue={name}").content.decode()
        assert officer.badge_number in page
        others = [o for o in queued.values() if o.pk != officer.pk]
        assert all(o.badge_number not in page for o in others), name
        # No person data in the link: only the queue's name.
        assert officer.last_name not in f"/officers/?queue={name}"


def test_charts_count_status_and_training_currency(
    walk: Callable[..., Officer], people: dict[str, Any], agency_a: Any
) -> None:
    walk("nominated")
    walk("authorized")
    trained = walk("certified")
    # A pass 11 months ago on a 12-month course: due within 60 days.
    trained.exams.update(taken_on=timezone.localdate() - timedelta(days=335))
    result = charts.counts(Officer.objects.all())
    assert result.total == 3
    assert result.status["nominated"] == 1 and result.status["authorized"] == 1
    assert result.currency == {"current": 1, "due": 1, "lapsed": 0, "not_applicable": 1}
    chart = charts.bar_chart(result.status_rows())
    assert max(bar["width"] for bar in chart["bars"]) == charts.BAR_SPACE
    assert [bar["count"] for bar in chart["bars"]] == result.status_values()
    page = _client(people["liaison"]).get(f"/agencies/{agency_a.pk}/").content.decode()
    assert "Officers by training currency" in page and "<svg" in page


def test_the_agency_page_shows_no_officer_chart_without_an_officer_grant(
    walk: Callable[..., Officer], make_user: Any, agency_a: Any
) -> None:
    walk("nominated")
    officer_account = make_user("agency_officer", agency_a)
    page = _client(officer_account).get(f"/agencies/{agency_a.pk}/")
    assert page.status_code == 200
    assert "Officers by status" not in page.content.decode()


@pytest.fixture
def own(walk: Callable[..., Officer], people: dict[str, Any], make_user: Any) -> dict[str, Any]:
    """An authorized officer linked to their account, and another officer of the agency."""
    account = make_user("agency_officer", people["liaison"].agency, username="officer.me")
    mine = walk("authorized")
    actions.link_account(people["liaison"], mine, account=account, reason="Their account")
    return {"account": account, "mine": mine, "other": walk("authorized")}


def test_the_officer_sees_their_own_record_and_documents(own: dict[str, Any]) -> None:
    client = _client(own["account"])
    page = client.get("/officers/me/")
    text = page.content.decode()
    assert page.status_code == 200
    assert own["mine"].badge_number in text and own["other"].badge_number not in text
    assert "Allowed" in text and "Training current" in text
    certificate = own["mine"].certifications.get()
    letter = own["mine"].authorizations.get()
    before = AuditEvent.objects.filter(action="officer.print").count()
    for kind, number in [("certificate", certificate.pk), ("authorization", letter.pk)]:
        response = client.get(f"/officers/me/{kind}/{number}/pdf/")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(action="officer.print").count() == before + 2


def test_the_officer_gets_404_for_everything_of_other_officers(own: dict[str, Any]) -> None:
    client = _client(own["account"])
    other = own["other"]
    events = AuditEvent.objects.count()
    for url in [
        "/officers/",
        f"/officers/{other.pk}/",
        f"/officers/{own['mine'].pk}/",
        f"/officers/{other.pk}/certificate/{other.certifications.get().pk}/pdf/",
        f"/officers/me/certificate/{other.certifications.get().pk}/pdf/",
        f"/officers/me/authorization/{other.authorizations.get().pk}/pdf/",
        "/officers/me/letter/1/pdf/",
        "/officers/supervised/",
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(f"/officers/{other.pk}/step/", {"step": "withdraw", "reason": "x"})
    assert response.status_code == 404
    assert AuditEvent.objects.count() == events
    assert Officer.objects.get(pk=other.pk).status == "authorized"


def test_my_record_without_a_link_says_so_and_others_get_404(
    people: dict[str, Any], make_user: Any
) -> None:
    unlinked = make_user("agency_officer", people["liaison"].agency)
    page = _client(unlinked).get("/officers/me/")
    assert page.status_code == 200 and "not linked" in page.content.decode()
    assert _client(people["manager"]).get("/officers/me/").status_code == 404


def test_linking_an_account_follows_the_rules_and_changes_nothing_when_refused(
    walk: Callable[..., Officer], people: dict[str, Any], make_user: Any, agency_b: Any
) -> None:
    officer = walk("certified")
    account = make_user("agency_officer", people["liaison"].agency)
    elsewhere = make_user("agency_officer", agency_b)
    client = _client(people["liaison"])
    assert client.get(f"/officers/{officer.pk}/account/").status_code == 200
    events = AuditEvent.objects.count()
    refused = client.post(
        f"/officers/{officer.pk}/account/", {"account": elsewhere.pk, "reason": "x"}
    )
    assert refused.status_code == 400
    assert Officer.objects.get(pk=officer.pk).user is None
    assert AuditEvent.objects.count() == events
    done = client.post(f"/officers/{officer.pk}/account/", {"account": account.pk, "reason": "x"})
    assert done.status_code == 302
    assert Officer.objects.get(pk=officer.pk).user == account
    assert AuditEvent.objects.filter(action="officer.link_account").count() == 1
    # One account, one record on the path per agency.
    second = walk("cleared")
    with pytest.raises(actions.StepRefused, match="already linked"):
        actions.link_account(people["liaison"], second, account=account, reason="x")
    # Another agency's liaison: 404 on the page, refused in the action, nothing changed.
    other_liaison = make_user("agency_liaison", agency_b)
    events = AuditEvent.objects.count()
    response = _client(other_liaison).post(
        f"/officers/{officer.pk}/account/", {"account": "", "reason": "x"}
    )
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        actions.link_account(other_liaison, officer, account=None, reason="x")
    assert Officer.objects.get(pk=officer.pk).user == account
    assert AuditEvent.objects.count() == events


def test_the_supervisor_sees_the_officers_they_supervise(
    walk: Callable[..., Officer], people: dict[str, Any], make_user: Any
) -> None:
    mine = walk("authorized")
    page = _client(people["supervisor"]).get("/officers/supervised/")
    assert page.status_code == 200
    text = page.content.decode()
    assert mine.badge_number in text and "Training current" in text
    other = _client(make_user("ice_supervisor")).get("/officers/supervised/").content.decode()
    assert mine.badge_number not in other and "No officers are assigned to you" in other


def test_demo_links_the_officer_account_to_an_authorized_officer(
    make_user: Any, agency_a: Any
) -> None:
    for role in ("ice_field_agent", "ice_program_manager", "ice_supervisor"):
        make_user(role)
    make_user("agency_liaison", agency_a)
    account = make_user("agency_officer", agency_a, username="officer")
    seed_demo_officers(SystemActor("demo"))
    linked = Officer.objects.get(user=account)
    assert linked.status == "authorized" and linked.agency == agency_a
