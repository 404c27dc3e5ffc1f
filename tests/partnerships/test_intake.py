"""The intake path through the pages, its refusals, and scoping."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from access.audit.models import AuditEvent
from access.partnerships import actions
from access.partnerships.models import AccessRequest, PartnershipDecision, RecommendationSettings
from access.partnerships.recommend import DEFAULT_SETTINGS

ASSESSMENT = {
    "jail_average_daily_population": "900",
    "annual_bookings": "15000",
    "screening_share_percent": "10",
    "gang_indicator": "1",
    "transnational_gang_indicator": "0",
    "fraud_indicator": "0",
    "smuggling_indicator": "0",
    "sustainable_staff": "5",
    "sustainable_budget": "200000",
    "community_considerations": "Public meeting held.",
}


@pytest.fixture
def people(client_as, make_user, agency_a):
    agent = make_user("ice_field_agent", username="agent.one")
    return {
        "liaison": client_as("agency_liaison", agency_a),
        "manager": client_as("ice_program_manager"),
        "agent": client_as(agent),
        "agent_user": agent,
    }


def _filed(people) -> AccessRequest:
    liaison = people["liaison"]
    response = liaison.post(
        "/requests/new/",
        {
            "challenges": ["removable_in_jail", "gangs"],
            "narrative": "Bookings of people who may be removable.",
            "has_jail": "on",
            "jail_name": "Alpha Jail",
            "staff_committable": "4",
        },
    )
    assert response.status_code == 302
    return AccessRequest.objects.get()


def test_the_intake_path_from_request_to_agreement(people, ice_office):
    req = _filed(people)
    assert req.status == "draft" and req.filed_by == people["liaison"].user
    people["liaison"].post(f"/requests/{req.pk}/submit/")
    people["manager"].post(
        f"/requests/{req.pk}/assign/",
        {"field_office": ice_office.pk, "agent": people["agent_user"].pk},
    )
    req.refresh_from_db()
    assert (req.status, req.assigned_agent) == ("assigned", people["agent_user"])
    agent = people["agent"]
    agent.post(
        f"/requests/{req.pk}/meetings/new/",
        {"held_on": "2026-11-01", "attendees": "Sheriff, agent"},
    )
    agent.post(f"/requests/{req.pk}/assessment/", ASSESSMENT)
    req.refresh_from_db()
    assert req.status == "assessing"
    page = agent.get(f"/requests/{req.pk}/").content.decode()
    assert (
        "Recommended partnerships" in page and "bookings a year need immigration screening" in page
    )
    jem = agent.get(f"/requests/{req.pk}/").context["ranking"][0]
    assert jem.code == "287g_jem"
    from access.partnerships.models import PartnershipType

    agent.post(
        f"/requests/{req.pk}/decision/",
        {"chosen": [PartnershipType.objects.get(code="287g_jem").pk]},
    )
    agent.post(f"/requests/{req.pk}/plan/", {"objectives": "Screen bookings; train 4 officers."})
    agent.post(
        f"/requests/{req.pk}/plan/milestones/new/",
        {"title": "Nominate officers", "owner": people["agent_user"].pk, "due_on": "2027-01-15"},
    )
    agent.post(f"/requests/{req.pk}/agree-plan/")
    agent.post(f"/requests/{req.pk}/start-agreement/")
    req.refresh_from_db()
    assert req.status == "agreement_in_progress"
    steps = list(
        AuditEvent.objects.filter(object_type="partnerships.accessrequest", object_id=str(req.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert steps == [
        "accessrequest.create",
        "accessrequest.submit",
        "accessrequest.assign",
        "accessrequest.start_assessment",
        "accessrequest.agree_plan",
        "accessrequest.start_agreement",
    ]


def test_submitting_without_a_challenge_is_refused(people):
    liaison = people["liaison"]
    liaison.post("/requests/new/", {"staff_committable": "1"})
    req = AccessRequest.objects.get()
    response = liaison.post(f"/requests/{req.pk}/submit/", follow=True)
    assert "Name at least one challenge before submitting." in response.content.decode()
    req.refresh_from_db()
    assert req.status == "draft"


def test_an_illegal_step_is_refused_with_a_clear_message_and_nothing_changes(people):
    req = _filed(people)
    events = AuditEvent.objects.count()
    response = people["agent"].post(f"/requests/{req.pk}/agree-plan/", follow=True)
    assert "Choose the partnership(s) before agreeing the plan." in response.content.decode()
    response = people["manager"].post(f"/requests/{req.pk}/close/", {"reason": "x"}, follow=True)
    assert "A request that is a draft cannot be closed." in response.content.decode()
    req.refresh_from_db()
    assert req.status == "draft" and AuditEvent.objects.count() == events


def _assessing(people, ice_office) -> AccessRequest:
    req = _filed(people)
    people["liaison"].post(f"/requests/{req.pk}/submit/")
    people["manager"].post(
        f"/requests/{req.pk}/assign/",
        {"field_office": ice_office.pk, "agent": people["agent_user"].pk},
    )
    people["agent"].post(f"/requests/{req.pk}/assessment/", ASSESSMENT)
    return AccessRequest.objects.get(pk=req.pk)


def test_choosing_otherwise_needs_a_recorded_reason(people, ice_office):
    from access.partnerships.models import PartnershipType

    req = _assessing(people, ice_office)
    lesc = PartnershipType.objects.get(code="lesc_training").pk
    response = people["agent"].post(
        f"/requests/{req.pk}/decision/", {"chosen": [lesc]}, follow=True
    )
    assert (
        "The choice differs from the top recommendation: record the reason."
        in response.content.decode()
    )
    assert not PartnershipDecision.objects.exists()
    people["agent"].post(
        f"/requests/{req.pk}/decision/", {"chosen": [lesc], "reason": "Budget freeze this year."}
    )
    decision = PartnershipDecision.objects.get()
    assert decision.differs_from_recommendation and decision.reason == "Budget freeze this year."


def test_an_ineligible_choice_is_refused(people, ice_office):
    from access.partnerships.models import PartnershipType

    req = _assessing(people, ice_office)
    AccessRequest.objects.filter(pk=req.pk).update(has_jail=False)
    jem = PartnershipType.objects.get(code="287g_jem").pk
    response = people["agent"].post(
        f"/requests/{req.pk}/decision/", {"chosen": [jem], "reason": "x"}, follow=True
    )
    assert "Not eligible: 287(g) Jail Enforcement Model." in response.content.decode()
    assert not PartnershipDecision.objects.exists()


def test_a_settings_change_takes_effect_only_from_its_effective_date(people, ice_office):
    req = _assessing(people, ice_office)
    assessment = req.assessment
    before, _ = actions.recommend(assessment)
    tomorrow = timezone.now() + timedelta(days=1)
    # The form starts from the settings in effect; change two types' benefits.
    form = people["manager"].get("/requests/recommendation-settings/").context["form"]
    data = _form_data(form)
    data.update(
        {
            "effective_from": tomorrow.strftime("%Y-%m-%dT%H:%M"),
            "note": "Weigh LESC training higher.",
            "type_lesc_training_general": "5",
            "type_287g_jem_jail_screening": "0",
            "type_287g_jem_fraud": "1",
        }
    )
    response = people["manager"].post("/requests/recommendation-settings/", data)
    assert response.status_code == 302
    saved = RecommendationSettings.objects.order_by("-pk").first().settings
    assert saved["types"]["287g_jem"]["benefit"] == {"fraud": 1.0}
    assert saved["types"]["lesc_training"]["benefit"] == {"general": 5.0, "jail_screening": 0.2}
    assert saved["rules"] == DEFAULT_SETTINGS["rules"]
    assert RecommendationSettings.objects.count() == 2
    now_ranking, version_now = actions.recommend(assessment)
    later_ranking, version_later = actions.recommend(assessment, at=tomorrow + timedelta(minutes=1))
    assert [r.code for r in now_ranking] == [r.code for r in before]
    assert version_now.note == "Initial rules and weights."
    assert (
        later_ranking[0].code == "lesc_training"
        and version_later.note == "Weigh LESC training higher."
    )


def _form_data(form) -> dict:
    """What the browser would post for ``form`` unchanged (initial values)."""
    data = {}
    for name, field in form.fields.items():
        value = form.get_initial_for_field(field, name)
        if isinstance(value, list):
            data[name] = [str(v) for v in value]
        else:
            data[name] = "" if value is None else str(value)
    return data


def test_invalid_settings_are_refused_and_nothing_is_saved(people):
    form = people["manager"].get("/requests/recommendation-settings/").context["form"]
    data = _form_data(form)
    data.update(
        {
            "effective_from": "2030-01-01T00:00",
            "note": "x",
            "benefit_weight": "-1",
            "rule_no_jail_reason": "",
        }
    )
    response = people["manager"].post("/requests/recommendation-settings/", data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["benefit_weight"] == ["Ensure this value is greater than or equal to 0."]
    assert errors["rule_no_jail_reason"] == ["Give the reason people will read."]
    assert "The settings were not saved" in response.content.decode()
    assert RecommendationSettings.objects.count() == 1
    assert people["agent"].get("/requests/recommendation-settings/").status_code == 404


def test_another_agency_gets_404_on_every_request_route_and_nothing_changes(
    people, client_as, agency_b, ice_office
):
    req = _assessing(people, ice_office)
    other = client_as("agency_liaison", agency_b)
    state = (AccessRequest.objects.get(pk=req.pk).status, AuditEvent.objects.count())
    for method, path in [
        ("get", ""),
        ("get", "edit/"),
        ("post", "edit/"),
        ("post", "submit/"),
        ("post", "withdraw/"),
        ("get", "assign/"),
        ("post", "assign/"),
        ("get", "assessment/"),
        ("post", "assessment/"),
        ("get", "meetings/new/"),
        ("post", "decision/"),
        ("get", "plan/"),
        ("post", "plan/milestones/new/"),
        ("post", "agree-plan/"),
    ]:
        response = getattr(other, method)(f"/requests/{req.pk}/{path}", {})
        assert response.status_code == 404, f"{method.upper()} /requests/{req.pk}/{path}"
    assert (AccessRequest.objects.get(pk=req.pk).status, AuditEvent.objects.count()) == state
    assert list(other.get("/requests/").context["rows"]) == []


def test_the_agency_withdraws_its_own_request(people):
    req = _filed(people)
    people["liaison"].post(f"/requests/{req.pk}/withdraw/", {"reason": "Budget not approved"})
    req.refresh_from_db()
    assert req.status == "withdrawn"
    event = AuditEvent.objects.get(action="accessrequest.withdraw")
    assert event.details == {"reason": "Budget not approved"}


def test_without_settings_in_effect_the_page_says_so_instead_of_failing(people, ice_office):
    req = _assessing(people, ice_office)
    RecommendationSettings.objects.all().delete()
    response = people["agent"].get(f"/requests/{req.pk}/")
    assert response.status_code == 200
    assert "No recommendation settings are in effect." in response.content.decode()


def test_step_messages_read_as_sentences(people, ice_office):
    req = _assessing(people, ice_office)
    response = people["agent"].post(f"/requests/{req.pk}/agree-plan/", follow=True)
    assert "Choose the partnership(s) before agreeing the plan." in response.content.decode()
    response = people["liaison"].post(f"/requests/{req.pk}/withdraw/", {"reason": "x"}, follow=True)
    assert f"Request #{req.pk} is now withdrawn." in response.content.decode()
