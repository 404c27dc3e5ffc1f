"""Encounter pages: list, record, detail (candidates, verification, steps), comparison,
the citizenship stops, and the funnel by threat level.

Ids only in URLs; the subject travels in POST bodies. Out of scope is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse, reverse_lazy

from access.accounts.typing import AuthedRequest
from access.agencies.models import Agency
from access.core.exports import rows_to_response
from access.core.views import ObjectListView
from access.enforcement import actions, funnel
from access.enforcement.choices import CheckedField, EncounterStatus, StepKind
from access.enforcement.filtersets import EncounterFilterSet
from access.enforcement.forms import (
    CHARGE_ROWS,
    ConfirmForm,
    DecideForm,
    EncounterForm,
    FunnelForm,
    NotIdentifiedForm,
    RemovalForm,
    ReportCitizenshipForm,
    StepForm,
    VerifyForm,
)
from access.enforcement.models import Encounter, EncounterCandidate
from access.enforcement.tables import EncounterTable
from access.inquiries.citizenship import SupervisorDecision, reason_labels
from access.officers import authority

S = EncounterStatus
# The warrant service model never issues detainers (DOMAIN.md section 2).
DETAINER_NEVER = "287g_wso"


def _scoped(request: AuthedRequest, action: str = "view") -> QuerySet[Encounter]:
    return Encounter.objects.restrict(request.user, action).select_related(
        "agency", "partnership_type", "officer", "facility", "identified_record"
    )


def _get(request: AuthedRequest, pk: int) -> Encounter:
    found = _scoped(request).filter(pk=pk).first()
    if found is None:
        raise Http404("Not found")
    return found


def _page(
    request: AuthedRequest, template: str, http_status: int = 200, **context: Any
) -> HttpResponse:
    return render(request, f"enforcement/{template}", context, status=http_status)


def add_errors(form: Any, error: ValidationError) -> None:
    """Put each refusal beside its field (a charge's beside the first charge)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, problems in error.message_dict.items():
        target = {"facility_id": "facility", "charges": "offense_code_1"}.get(name, name)
        if name == "dates_of_birth":
            target = "other_dates_of_birth"
        form.add_error(target if target in form.fields else None, problems)


class EncounterListView(ObjectListView):
    model = Encounter
    filterset_class = EncounterFilterSet
    table_class = EncounterTable
    title = "Encounters"
    export_name = "encounters"
    add_url = reverse_lazy("enforcement:add")  # type: ignore[assignment]

    def get(self, request: HttpRequest) -> HttpResponseBase:
        # CAP officers (scope "team") record encounters only from CAP screening: no "Add".
        user: Any = request.user
        if user.grant_scope("enforcement.add_encounter") not in ("agency", "all"):
            self.add_url = None  # type: ignore[misc,assignment]  # this request only
        return super().get(request)

    def scoped(self, action: str | None = None) -> QuerySet:
        return super().scoped(action).select_related("agency", "partnership_type")


def record(request: AuthedRequest) -> HttpResponse:
    user = request.user
    # Scope "team" (CAP officers) records encounters only from CAP screening, not here.
    if user.grant_scope("enforcement.add_encounter") not in ("agency", "all"):
        raise Http404("Not found")
    officer = actions.officer_of(user)
    form = EncounterForm(request.POST or None, agency=officer.agency if officer else None)
    if request.method == "POST" and form.is_valid():
        try:
            encounter = actions.record_encounter(user, form.to_input())
        except ValidationError as error:
            add_errors(form, error)
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        else:
            messages.success(request, f"Recorded {encounter}: {S.label(encounter.status)}.")
            return redirect(encounter.get_absolute_url())
    return _page(
        request,
        "record.html",
        http_status=400 if request.method == "POST" else 200,
        form=form,
        officer=officer,
        charge_rows=range(1, CHARGE_ROWS + 1),
        title="Record an encounter",
    )


def detainer_url(user: Any, encounter: Encounter) -> str | None:
    """The detention app's issue page for ``encounter`` when the viewer could issue one now:
    the subject is identified (verified) with no citizenship claim or stop, the viewer holds
    the detainer grant for the agency, the model is not warrant service, and the viewer's
    own authority check allows "detainer". The detention app makes the same checks again
    when the form is sent; this only decides whether to offer the button."""
    if encounter.status != S.IDENTIFIED or encounter.citizenship_stop:
        return None
    if encounter.claims_us_citizenship or encounter.partnership_type.code == DETAINER_NEVER:
        return None
    scope = user.grant_scope("detention.add_detainer")
    if not (
        scope == "all"
        or (scope == "agency" and user.agency_id == encounter.agency_id)
        or (scope == "team" and actions.in_team_scope(user, encounter))
    ):
        return None
    try:
        decision = authority.check(user, "detainer", agency=encounter.agency_id)
    except authority.UnknownOfficer:
        return None
    if not decision.allowed:
        return None
    try:  # the detention pages may not be installed in this build
        return reverse("detention:issue", args=[encounter.pk])
    except NoReverseMatch:
        return None


def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    encounter = _get(request, pk)
    user = request.user
    actions.view_encounter(user, encounter, form="web")
    may_verify = actions.may(user, encounter, "verify")
    may_confirm = actions.may(user, encounter, "confirm")
    may_decide = actions.may(user, encounter, "decide")
    sees_candidates = may_verify or may_confirm or may_decide
    return _page(
        request,
        "detail.html",
        encounter=encounter,
        title=str(encounter),
        status_colour=S.colour(encounter.status),
        charges=encounter.charges.select_related("offense_category"),
        candidates=encounter.candidates.select_related("record") if sees_candidates else [],
        sees_candidates=sees_candidates,
        verifications=encounter.verifications.select_related("verified_by", "candidate__record"),
        steps=encounter.steps.select_related("recorded_by"),
        reasons=reason_labels(encounter.stop_reasons),
        decision_label=SupervisorDecision.label(encounter.supervisor_decision),
        checked_labels=dict(CheckedField.choices()),
        can_verify=may_verify and encounter.status == S.CANDIDATES,
        can_confirm=may_confirm and encounter.status == S.AWAITING_SUPERVISOR,
        can_decide=may_decide and encounter.status == S.CITIZENSHIP_STOP,
        can_step=actions.may(user, encounter, "step") and encounter.status == S.IDENTIFIED,
        can_search=actions.may(user, encounter, "add") and encounter.status == S.RECORDED,
        detainer_url=detainer_url(user, encounter),
        can_remove=actions.may(user, encounter, "remove")
        and encounter.status == S.IDENTIFIED
        and actions.removal_of(encounter) is None,
        can_report=actions.may(user, encounter, "verify", "confirm", "step")
        and encounter.status != S.CITIZENSHIP_STOP
        and encounter.supervisor_decision != SupervisorDecision.CITIZEN,
    )


def compare(request: AuthedRequest, pk: int, candidate_pk: int) -> HttpResponse:
    encounter = _get(request, pk)
    candidate = (
        EncounterCandidate.objects.filter(encounter=encounter, pk=candidate_pk)
        .select_related("record", "encounter")
        .first()
    )
    if candidate is None:
        raise Http404("Not found")
    actions.view_candidate(request.user, candidate)
    record = candidate.record
    return _page(
        request,
        "compare.html",
        encounter=encounter,
        candidate=candidate,
        record=record,
        title=f"{encounter}: candidate {candidate.rank}",
        birth_dates=record.birth_dates.all(),
        identifiers=record.identifiers.all(),
        immigration_events=record.immigration_events.all(),
    )


def _step_page(
    request: AuthedRequest,
    encounter: Encounter,
    form: Any,
    title: str,
    run: Any,
    done: str,
    **context: Any,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(encounter.get_absolute_url())
    return _page(
        request,
        "step.html",
        http_status=400 if request.method == "POST" else 200,
        encounter=encounter,
        form=form,
        title=title,
        **context,
    )


def verify(request: AuthedRequest, pk: int) -> HttpResponse:
    encounter = _get(request, pk)
    if not actions.may(request.user, encounter, "verify"):
        raise Http404("Not found")
    candidates = encounter.candidates.select_related("record")
    form = VerifyForm(request.POST or None, candidates=candidates)

    def run(data: dict[str, Any]) -> None:
        actions.verify(
            request.user,
            encounter,
            data["candidate"],
            fields_checked=data["fields_checked"],
            notes=data["notes"],
        )

    return _step_page(
        request,
        encounter,
        form,
        "Verify the identification",
        run,
        "Verification recorded.",
        intro="Choose the candidate that is the subject, after opening its comparison. A "
        "name-only match cannot be verified.",
    )


def confirm(request: AuthedRequest, pk: int) -> HttpResponse:
    encounter = _get(request, pk)
    if not actions.may(request.user, encounter, "confirm"):
        raise Http404("Not found")
    pending = actions.pending_verification(encounter)

    def run(data: dict[str, Any]) -> None:
        actions.confirm(
            request.user, encounter, fields_checked=data["fields_checked"], notes=data["notes"]
        )

    return _step_page(
        request,
        encounter,
        ConfirmForm(request.POST or None),
        "Confirm the identification (ICE supervisor)",
        run,
        "Identification confirmed.",
        pending=pending,
    )


def not_identified(request: AuthedRequest, pk: int) -> HttpResponse:
    encounter = _get(request, pk)
    if not actions.may(request.user, encounter, "verify"):
        raise Http404("Not found")
    return _step_page(
        request,
        encounter,
        NotIdentifiedForm(request.POST or None),
        "No candidate is the subject",
        lambda data: actions.not_identified(request.user, encounter, notes=data["notes"]),
        "Recorded: no record identified.",
    )


def report_citizenship(request: AuthedRequest, pk: int) -> HttpResponse:
    encounter = _get(request, pk)
    if not actions.may(request.user, encounter, "verify", "confirm", "step"):
        raise Http404("Not found")
    return _step_page(
        request,
        encounter,
        ReportCitizenshipForm(request.POST or None),
        "Report a claim or evidence of U.S. citizenship",
        lambda data: actions.report_citizenship(
            request.user, encounter, claimed=data["claimed"], notes=data["notes"]
        ),
        "The encounter is stopped for an ICE supervisor.",
        intro="The workflow stops at once; an ICE supervisor decides before anything else.",
    )


def decide(request: AuthedRequest, pk: int) -> HttpResponse:
    encounter = _get(request, pk)
    if not actions.may(request.user, encounter, "decide"):
        raise Http404("Not found")
    return _step_page(
        request,
        encounter,
        DecideForm(request.POST or None),
        "Decide the citizenship stop",
        lambda data: actions.decide(
            request.user, encounter, decision=data["decision"], notes=data["notes"]
        ),
        "Decision recorded.",
        reasons=reason_labels(encounter.stop_reasons),
    )


def step(request: AuthedRequest, pk: int) -> HttpResponse:
    encounter = _get(request, pk)
    if not actions.may(request.user, encounter, "step"):
        raise Http404("Not found")

    def run(data: dict[str, Any]) -> None:
        actions.record_step(
            request.user,
            encounter,
            kind=data["kind"],
            occurred_on=data["occurred_on"],
            document=data["document"],
            reference=data["reference"],
            notes=data["notes"],
        )

    return _step_page(
        request,
        encounter,
        StepForm(request.POST or None),
        "Record a step",
        run,
        "Step recorded.",
        intro=f"{StepKind.label(StepKind.CHARGING_DOCUMENT)}, "
        f"{StepKind.label(StepKind.REFERRAL).lower()} or "
        f"{StepKind.label(StepKind.WARRANT_SERVED).lower()}, with its date.",
    )


def removal(request: AuthedRequest, pk: int) -> HttpResponse:
    encounter = _get(request, pk)
    if not actions.may(request.user, encounter, "remove"):
        raise Http404("Not found")

    def run(data: dict[str, Any]) -> None:
        actions.record_removal(
            request.user,
            encounter,
            occurred_on=data["occurred_on"],
            document=data["document"],
            reference=data["reference"],
            notes=data["notes"],
        )

    return _step_page(
        request,
        encounter,
        RemovalForm(request.POST or None),
        "Record the removal (ICE)",
        run,
        "Removal recorded.",
        intro="The date the subject was removed from the United States; it is counted in "
        "the funnel's last step.",
    )


def search_again(request: AuthedRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        raise Http404("Not found")
    encounter = _get(request, pk)
    try:
        actions.search_again(request.user, encounter)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(encounter.get_absolute_url())


def stops(request: AuthedRequest) -> HttpResponse:
    """Citizenship stops of encounters: open first; decided ones stay listed (as data)."""
    user = request.user
    if not (user.can("enforcement.decide_encounter") or user.can("enforcement.export_encounter")):
        raise Http404("Not found")
    rows = _scoped(request).filter(citizenship_stop=True)
    open_rows = list(rows.filter(status=S.CITIZENSHIP_STOP).order_by("stopped_at"))
    decided = list(rows.exclude(status=S.CITIZENSHIP_STOP).order_by("-decided_at")[:200])
    return _page(
        request,
        "stops.html",
        title="Encounter citizenship stops",
        open_rows=[(e, reason_labels(e.stop_reasons)) for e in open_rows],
        decided_rows=[(e, SupervisorDecision.label(e.supervisor_decision)) for e in decided],
        total=rows.count(),
    )


def funnel_page(request: AuthedRequest) -> HttpResponse:
    if not request.user.can("enforcement.view_encounter"):
        raise Http404("Not found")
    base = _scoped(request)
    agencies = Agency.objects.filter(pk__in=base.values("agency")).order_by("name")
    form = FunnelForm(request.GET or None, agencies=agencies)
    if not form.is_bound:
        form = FunnelForm({}, agencies=agencies)
    valid = form.is_valid()
    rows: list[funnel.Row] = []
    if valid:
        start, end = form.period()
        agency = form.cleaned_data.get("agency")
        chosen = funnel.encounters(
            base,
            period=funnel.Period(start, end),
            agency_id=agency.pk if agency else None,
            model_code=form.cleaned_data.get("model") or "",
        )
        rows = funnel.compute(chosen)
        if request.GET.get("export") == "csv":
            filters = {k: v for k, v in request.GET.dict().items() if k != "export"}
            actions.export_funnel(request.user, filters=filters, rows=len(rows))
            return rows_to_response("enforcement-funnel", "csv", funnel.HEADERS, funnel.table(rows))
    query = request.GET.copy()
    query.pop("export", None)
    return _page(
        request,
        "funnel.html",
        http_status=200 if valid else 400,
        title="Enforcement funnel by threat level",
        form=form,
        rows=rows,
        headers=funnel.HEADERS,
        table=funnel.table(rows),
        chart=funnel.chart(rows),
        missing=funnel.missing_stages(),
        query=query.urlencode(),
    )
