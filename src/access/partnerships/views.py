"""Intake pages: request, assignment, needs assessment, recommendation, plan of action."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from access.accounts.typing import AuthedRequest
from access.partnerships import actions
from access.partnerships.choices import Challenge, RequestStatus
from access.partnerships.forms import (
    AssessmentForm,
    AssignForm,
    DecisionForm,
    MeetingForm,
    MilestoneForm,
    PlanForm,
    ReasonForm,
    RequestForm,
)
from access.partnerships.held import lookup
from access.partnerships.models import (
    AccessRequest,
    NeedsAssessment,
    PartnershipType,
    PlanOfAction,
    RecommendationSettings,
)
from access.partnerships.settings_form import SettingsForm


def _get(request: AuthedRequest, pk: int) -> AccessRequest:
    found = (
        AccessRequest.objects.restrict(request.user, "view")
        .select_related("agency", "field_office", "assigned_agent", "filed_by")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("Not found")
    return found


def request_list(request: AuthedRequest) -> HttpResponse:
    if not request.user.can("partnerships.view_accessrequest"):
        raise Http404("Not found")
    rows = AccessRequest.objects.restrict(request.user, "view").select_related(
        "agency", "assigned_agent"
    )
    status = request.GET.get("status", "")
    if status in RequestStatus.values():
        rows = rows.filter(status=status)
    return render(
        request,
        "partnerships/request_list.html",
        {
            "rows": rows,
            "statuses": RequestStatus.choices(),
            "status": status,
            "can_add": request.user.can("partnerships.add_accessrequest"),
        },
    )


def _form_page(
    request: AuthedRequest, form: Any, title: str, status: int = 200, **extra: Any
) -> HttpResponse:
    return render(
        request, "core/object_edit.html", {"form": form, "title": title, **extra}, status=status
    )


def _assessable(request: AuthedRequest, pk: int) -> AccessRequest:
    """The request, for an ICE user who may assess (any agency); 404 otherwise."""
    found = _get(request, pk)
    if request.user.grant_scope("partnerships.assess_accessrequest") != "all":
        raise Http404("Not found")
    return found


def _step_form(
    request: AuthedRequest,
    found: AccessRequest,
    form: Any,
    title: str,
    done: str,
    save: Callable[[dict[str, Any]], Any],
) -> HttpResponse:
    """GET shows the form; a valid POST calls ``save`` (an audited action) and returns to the
    request; a refusal from the action is shown on the form and nothing changes."""
    posted = request.method == "POST" and form.is_valid()
    if posted and _run(request, form, lambda: save(dict(form.cleaned_data)), done):
        return redirect(found.get_absolute_url())
    return _form_page(request, form, title, 400 if request.method == "POST" else 200, object=found)


def _run(request: AuthedRequest, form: Any, action: Callable[[], Any], done: str) -> bool:
    """Call an action; on refusal put its message on the form. True when it succeeded."""
    try:
        action()
    except ValidationError as error:
        form.add_error(None, error)
        return False
    messages.success(request, done)
    return True


@require_http_methods(["GET", "POST"])
def request_create(request: AuthedRequest) -> HttpResponse:
    if not request.user.can("partnerships.add_accessrequest"):
        raise Http404("Not found")
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = actions.create_request(request.user, **form.cleaned_data)
        messages.success(request, "Draft saved. Submit it when it is complete.")
        return redirect(created.get_absolute_url())
    return _form_page(
        request, form, "Request an ACCESS partnership", 400 if request.method == "POST" else 200
    )


@require_http_methods(["GET", "POST"])
def request_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _get(request, pk)
    initial = {f: getattr(found, f) for f in RequestForm.base_fields}
    form = RequestForm(request.POST or None, initial=initial)
    return _step_form(
        request,
        found,
        form,
        f"Edit request #{found.pk}",
        "Draft saved.",
        lambda data: actions.update_request(request.user, found, **data),
    )


def request_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _get(request, pk)
    user = request.user
    assessment = NeedsAssessment.objects.filter(request=found).first()
    ranking, settings_version = None, None
    if assessment:
        try:
            ranking, settings_version = actions.recommend(assessment)
        except ValidationError as error:  # no settings in effect: say so instead of failing
            messages.error(request, " ".join(error.messages))
    decision = getattr(found, "decision", None) if hasattr(found, "decision") else None
    plan = getattr(found, "plan", None) if hasattr(found, "plan") else None
    same_agency = user.agency_id == found.agency_id
    held = lookup().in_force(found.agency, PartnershipType.objects.all())
    held_ids = {h.partnership_type_id for h in held}
    chosen = list(decision.chosen.all()) if decision else []
    draftable = lookup().draftable(chosen)
    drafts = [
        {
            "type": t,
            "held": next((h for h in held if h.partnership_type_id == t.pk), None),
            "draftable": t.pk in draftable and t.pk not in held_ids,
        }
        for t in chosen
    ]
    can_assess = user.grant_scope("partnerships.assess_accessrequest") == "all"
    return render(
        request,
        "partnerships/request_detail.html",
        {
            "req": found,
            "challenges": [Challenge.label(c) for c in found.challenges],
            "assessment": assessment,
            "ranking": ranking,
            "settings_version": settings_version,
            "decision": decision,
            "plan": plan,
            "meetings": found.meetings.all(),
            "can_edit": found.status == "draft"
            and same_agency
            and user.can("partnerships.add_accessrequest"),
            "can_submit": found.status == "draft"
            and same_agency
            and user.can("partnerships.submit_accessrequest"),
            "can_withdraw": found.status in ("draft", "submitted", "assigned", "assessing")
            and same_agency
            and user.can("partnerships.submit_accessrequest"),
            "can_assign": found.status == "submitted"
            and user.can("partnerships.assign_accessrequest"),
            "can_close": found.status not in ("closed", "withdrawn", "draft")
            and user.can("partnerships.assign_accessrequest"),
            "can_assess": can_assess and found.status in ("assigned", "assessing"),
            "can_agree": can_assess and found.status == "assessing",
            "can_start_agreement": can_assess and found.status == "plan_agreed",
            "can_draft_agreement": found.status == "agreement_in_progress"
            and user.can("agreements.add_agreement"),
            "agreements": found.agreements.all() if hasattr(found, "agreements") else [],
            "held": held,
            "drafts": drafts,
            "decision_form": DecisionForm(
                initial={"chosen": decision.chosen.all() if decision else []}
            ),
            "reason_form": ReasonForm(),
        },
    )


@require_POST
def request_step(request: AuthedRequest, pk: int, step: str) -> HttpResponse:
    found = _get(request, pk)
    reason = request.POST.get("reason", "")
    steps: dict[str, Callable[[], Any]] = {
        "submit": lambda: actions.submit_request(request.user, found),
        "withdraw": lambda: actions.withdraw_request(request.user, found, reason),
        "close": lambda: actions.close_request(request.user, found, reason),
        "agree-plan": lambda: actions.agree_plan(request.user, found),
        "start-agreement": lambda: actions.start_agreement(request.user, found),
    }
    if step not in steps:
        raise Http404("Not found")
    try:
        steps[step]()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        status = AccessRequest.objects.get(pk=pk).status
        messages.success(request, f"Request #{found.pk} {RequestStatus.phrase(status, now=True)}.")
    return redirect(found.get_absolute_url())


@require_http_methods(["GET", "POST"])
def request_assign(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _get(request, pk)
    if not request.user.can("partnerships.assign_accessrequest"):
        raise Http404("Not found")
    return _step_form(
        request,
        found,
        AssignForm(request.POST or None),
        f"Assign request #{found.pk}",
        f"Request #{found.pk} assigned.",
        lambda data: actions.assign_request(request.user, found, **data),
    )


@require_http_methods(["GET", "POST"])
def assessment_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _assessable(request, pk)
    existing = NeedsAssessment.objects.filter(request=found).first()
    form = AssessmentForm(request.POST or None, instance=existing)

    def save(data: dict[str, Any]) -> Any:
        chosen = list(data.pop("existing_partnerships"))
        return actions.save_assessment(request.user, found, chosen, **data)

    verb = "Edit the" if existing else "Record the"
    return _step_form(
        request,
        found,
        form,
        f"{verb} needs assessment for request #{found.pk}",
        "Needs assessment saved.",
        save,
    )


@require_http_methods(["GET", "POST"])
def meeting_add(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _assessable(request, pk)
    return _step_form(
        request,
        found,
        MeetingForm(request.POST or None),
        f"Record a meeting for request #{found.pk}",
        "Meeting recorded.",
        lambda data: actions.record_meeting(request.user, found, **data),
    )


@require_POST
def decision_save(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _assessable(request, pk)  # permission before the form is read
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose at least one partnership.")
    else:
        try:
            actions.decide(
                request.user, found, list(form.cleaned_data["chosen"]), form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Decision recorded.")
    return redirect(found.get_absolute_url())


@require_http_methods(["GET", "POST"])
def plan_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _assessable(request, pk)
    plan = PlanOfAction.objects.filter(request=found).first()
    form = PlanForm(request.POST or None, initial={"objectives": plan.objectives if plan else ""})
    return _step_form(
        request,
        found,
        form,
        f"Plan of action for request #{found.pk}",
        "Plan of action saved.",
        lambda data: actions.save_plan(request.user, found, data["objectives"]),
    )


@require_http_methods(["GET", "POST"])
def milestone_add(request: AuthedRequest, pk: int) -> HttpResponse:
    found = _assessable(request, pk)
    plan = PlanOfAction.objects.filter(request=found).first()
    start = actions.plan_start(plan) if plan else None
    return _step_form(
        request,
        found,
        MilestoneForm(request.POST or None, plan_start=start),
        f"Add a milestone to request #{found.pk}",
        "Milestone added.",
        lambda data: actions.add_milestone(request.user, found, **data),
    )


@require_http_methods(["GET", "POST"])
def settings_page(request: AuthedRequest) -> HttpResponse:
    if not request.user.can("partnerships.configure_recommendation"):
        raise Http404("Not found")
    current = actions.effective_settings()
    form = SettingsForm(current.settings, request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            request,
            form,
            lambda: actions.add_settings(
                request.user,
                effective_from=form.cleaned_data["effective_from"],
                settings=form.settings(),
                note=form.cleaned_data["note"],
            ),
            "New recommendation settings saved.",
        )
    ):
        return redirect("partnerships:settings")
    return render(
        request,
        "partnerships/settings.html",
        {
            "form": form,
            "current": current,
            "history": RecommendationSettings.objects.all()[:50],
        },
        status=400 if request.method == "POST" else 200,
    )
