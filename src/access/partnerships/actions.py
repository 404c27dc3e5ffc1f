"""Intake operations. Each checks who may act, changes state, and writes its audit event."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django_fsm import can_proceed

from access.audit import events
from access.audit.events import audited
from access.partnerships import waiting
from access.partnerships.choices import RequestStatus
from access.partnerships.events import Event
from access.partnerships.held import lookup
from access.partnerships.models import (
    AccessRequest,
    AssessmentMeeting,
    Milestone,
    NeedsAssessment,
    PartnershipDecision,
    PartnershipType,
    PlanOfAction,
    RecommendationSettings,
)
from access.partnerships.recommend import Facts, SettingsError, rank, validate
from access.partnerships.validators import check_meeting_date, check_milestone_due

REQUEST_FIELDS = [
    "agency_id",
    "status",
    "challenges",
    "narrative",
    "has_jail",
    "jail_name",
    "staff_committable",
    "field_office_id",
    "assigned_agent_id",
    "closed_reason",
]


_VERBS = {
    "submit": "submitted",
    "assign": "assigned",
    "start_assessment": "assessed",
    "agree_plan": "given an agreed plan",
    "start_agreement": "moved to an agreement",
    "withdraw": "withdrawn",
    "close": "closed",
}


class NotAllowed(ValidationError):
    """A step refused for the request's current state; nothing changed."""


def _in_scope(actor: Any, request: AccessRequest, permission: str) -> None:
    """404 unless the actor holds the grant for this request's agency."""
    scope = actor.grant_scope(f"partnerships.{permission}_accessrequest")
    if scope == "all" or (scope == "agency" and actor.agency_id == request.agency_id):
        return
    raise Http404("Not found")


def _step(actor: Any, request: AccessRequest, method: str, permission: str, **details: Any) -> None:
    _in_scope(actor, request, permission)
    transition = getattr(request, method)
    if not can_proceed(transition):
        raise NotAllowed(
            f"A request that {RequestStatus.phrase(request.status)} cannot be {_VERBS[method]}."
        )
    before = events.snapshot(request, REQUEST_FIELDS)
    transition()
    request.save()
    notified = waiting.notify(request, actor)
    events.record(
        Event.named(f"accessrequest.{method}"),
        obj=request,
        before=before,
        after=events.snapshot(request, REQUEST_FIELDS),
        details={**details, **({"notified": notified} if notified else {})},
    )


@audited
def create_request(actor: Any, **data: Any) -> AccessRequest:
    if not actor.can("partnerships.add_accessrequest") or actor.agency_id is None:
        raise Http404("Not found")
    request = AccessRequest(agency_id=actor.agency_id, filed_by=actor, **data)
    request.full_clean(exclude=["status"])  # the protected FSM field is never set directly
    request.save()
    events.record(Event.REQUEST_CREATE, obj=request, after=events.snapshot(request, REQUEST_FIELDS))
    return request


@audited
def update_request(actor: Any, request: AccessRequest, **data: Any) -> AccessRequest:
    _in_scope(actor, request, "add")
    if request.status != "draft":
        raise NotAllowed("Only a draft request can be edited.")
    before = events.snapshot(request, REQUEST_FIELDS)
    for name, value in data.items():
        setattr(request, name, value)
    request.full_clean(exclude=["status"])  # the protected FSM field is never set directly
    request.save()
    events.record(
        Event.REQUEST_UPDATE,
        obj=request,
        before=before,
        after=events.snapshot(request, REQUEST_FIELDS),
    )
    return request


@audited
def submit_request(actor: Any, request: AccessRequest) -> None:
    if not request.challenges:
        raise NotAllowed("Name at least one challenge before submitting.")
    _step(actor, request, "submit", "submit")
    AccessRequest.objects.filter(pk=request.pk).update(submitted_at=timezone.now())


@audited
def assign_request(actor: Any, request: AccessRequest, *, field_office: Any, agent: Any) -> None:
    if field_office.kind != "federal":
        raise NotAllowed("The field office must be an ICE (federal) office.")
    if not agent.can("partnerships.assess_accessrequest"):
        raise NotAllowed(f"{agent} cannot assess requests.")
    request.field_office, request.assigned_agent = field_office, agent
    _step(actor, request, "assign", "assign", field_office=str(field_office), agent=agent.username)


@audited
def withdraw_request(actor: Any, request: AccessRequest, reason: str) -> None:
    _step(actor, request, "withdraw", "submit", reason=reason)


@audited
def close_request(actor: Any, request: AccessRequest, reason: str) -> None:
    if not reason.strip():
        raise NotAllowed("Give the reason for closing the request.")
    request.closed_reason = reason[:300]
    _step(actor, request, "close", "assign", reason=reason)


def _require_assessor(actor: Any, request: AccessRequest) -> None:
    _in_scope(actor, request, "assess")
    if request.status not in ("assigned", "assessing"):
        raise NotAllowed(
            "The needs assessment is open only while the request is assigned or being assessed."
        )


@audited
def save_assessment(
    actor: Any, request: AccessRequest, existing: list[PartnershipType], **data: Any
) -> NeedsAssessment:
    _require_assessor(actor, request)
    assessment = NeedsAssessment.objects.filter(request=request).first() or NeedsAssessment(
        request=request
    )
    before = None if assessment.pk is None else events.snapshot(assessment)
    for name, value in data.items():
        setattr(assessment, name, value)
    assessment.full_clean()
    assessment.save()
    assessment.existing_partnerships.set(existing)
    events.record(
        Event.ASSESSMENT_SAVE, obj=assessment, before=before, after=events.snapshot(assessment)
    )
    if request.status == "assigned":
        _step(actor, request, "start_assessment", "assess")
    return assessment


@audited
def record_meeting(actor: Any, request: AccessRequest, **data: Any) -> AssessmentMeeting:
    _require_assessor(actor, request)
    meeting = AssessmentMeeting(request=request, **data)
    meeting.full_clean()
    check_meeting_date(meeting.held_on)
    meeting.save()
    events.record(Event.MEETING_CREATE, obj=meeting, after=events.snapshot(meeting))
    return meeting


def effective_settings(at: Any = None) -> RecommendationSettings:
    moment = at or timezone.now()
    found = RecommendationSettings.objects.filter(effective_from__lte=moment).first()
    if found is None:
        raise NotAllowed("No recommendation settings are in effect.")
    return found


def facts_of(assessment: NeedsAssessment) -> Facts:
    return Facts(
        has_jail=assessment.request.has_jail,
        annual_bookings=assessment.annual_bookings,
        screening_share_percent=assessment.screening_share_percent,
        gang=assessment.gang_indicator,
        transnational_gang=assessment.transnational_gang_indicator,
        fraud=assessment.fraud_indicator,
        smuggling=assessment.smuggling_indicator,
        sustainable_staff=assessment.sustainable_staff,
        sustainable_budget=assessment.sustainable_budget,
        state_law_restricts=assessment.state_law_restricts,
    )


def recommend(
    assessment: NeedsAssessment, at: Any = None
) -> tuple[list[Any], RecommendationSettings]:
    version = effective_settings(at)
    types = [(t.code, t.name, t.family) for t in PartnershipType.objects.all()]
    return rank(facts_of(assessment), types, version.settings), version


@audited
def decide(
    actor: Any, request: AccessRequest, chosen: list[PartnershipType], reason: str
) -> PartnershipDecision:
    _require_assessor(actor, request)
    assessment = NeedsAssessment.objects.filter(request=request).first()
    if assessment is None:
        raise NotAllowed("Record the needs assessment first.")
    if not chosen:
        raise NotAllowed("Choose at least one partnership.")
    ranking, version = recommend(assessment)
    by_code = {r.code: r for r in ranking}
    ineligible = [t.name for t in chosen if not by_code[t.code].eligible]
    if ineligible:
        raise NotAllowed(
            f"Not eligible: {', '.join(ineligible)}. {by_code[chosen[0].code].reasons[0]}"
        )
    held = lookup().in_force(request.agency, chosen)
    if held:
        raise NotAllowed(" ".join(h.sentence(request.agency.name) for h in held))
    top = next(r.code for r in ranking if r.eligible)
    differs = top not in {t.code for t in chosen}
    if differs and not reason.strip():
        raise NotAllowed("The choice differs from the top recommendation: record the reason.")
    PartnershipDecision.objects.filter(request=request).delete()
    decision = PartnershipDecision(
        request=request,
        ranking=[r.as_dict() for r in ranking],
        settings_version=version,
        differs_from_recommendation=differs,
        reason=reason,
        decided_by=actor,
    )
    decision.save()
    decision.chosen.set(chosen)
    events.record(
        Event.DECISION_SAVE,
        obj=decision,
        details={
            "chosen": sorted(t.code for t in chosen),
            "top_recommendation": top,
            "differs": differs,
            "reason": reason,
            "settings_version": version.pk,
        },
    )
    return decision


@audited
def save_plan(actor: Any, request: AccessRequest, objectives: str) -> PlanOfAction:
    _require_assessor(actor, request)
    plan = PlanOfAction.objects.filter(request=request).first() or PlanOfAction(request=request)
    before = None if plan.pk is None else events.snapshot(plan)
    plan.objectives = objectives
    plan.full_clean()
    plan.save()
    events.record(Event.PLAN_SAVE, obj=plan, before=before, after=events.snapshot(plan))
    return plan


@audited
def add_milestone(actor: Any, request: AccessRequest, **data: Any) -> Milestone:
    _require_assessor(actor, request)
    plan = PlanOfAction.objects.filter(request=request).first()
    if plan is None:
        raise NotAllowed("Write the plan's objectives first.")
    milestone = Milestone(plan=plan, **data)
    milestone.full_clean()
    check_milestone_due(milestone.due_on, plan_start(plan))
    milestone.save()
    events.record(Event.MILESTONE_CREATE, obj=milestone, after=events.snapshot(milestone))
    return milestone


def plan_start(plan: PlanOfAction) -> Any:
    """The day the plan of action was first written: no milestone falls due before it."""
    return timezone.localtime(plan.created_at).date()


@audited
def agree_plan(actor: Any, request: AccessRequest) -> None:
    _in_scope(actor, request, "assess")
    if not hasattr(request, "decision"):
        raise NotAllowed("Choose the partnership(s) before agreeing the plan.")
    plan = PlanOfAction.objects.filter(request=request).first()
    if plan is None or not plan.milestones.exists():
        raise NotAllowed("The plan of action needs objectives and at least one milestone.")
    _step(actor, request, "agree_plan", "assess")


@audited
def start_agreement(actor: Any, request: AccessRequest) -> None:
    _step(actor, request, "start_agreement", "assess")


@audited
def add_settings(
    actor: Any, *, effective_from: Any, settings: dict[str, Any], note: str
) -> RecommendationSettings:
    if not actor.can("partnerships.configure_recommendation"):
        raise Http404("Not found")
    try:
        validate(settings, list(PartnershipType.objects.values_list("code", flat=True)))
    except SettingsError as error:
        raise ValidationError({"settings": str(error)}) from error
    version = RecommendationSettings(
        effective_from=effective_from,
        settings=settings,
        note=note,
        created_by_name=events.actor_display_name(actor),
    )
    version.save()
    events.record(
        Event.SETTINGS_CREATE,
        obj=version,
        details={"effective_from": effective_from.isoformat(), "note": note},
    )
    return version
