"""Inquiry pages: submit, lists and queues, side-by-side comparison, determination, IAR.

Ids only in URLs; the subject travels in POST bodies. Out of scope is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from access.accounts.typing import AuthedRequest
from access.inquiries import actions, iar, reads
from access.inquiries.choices import (
    DetailsSource,
    Determination,
    InquiryStatus,
    StopReason,
    SupervisorDecision,
)
from access.inquiries.forms import (
    DecisionForm,
    DetailsForm,
    DeterminationForm,
    InquiryForm,
    MessageForm,
)
from access.inquiries.message import PURPOSE_CODES, InquiryInvalid
from access.inquiries.models import Inquiry, InquiryCandidate
from access.inquiries.queues import analyst_queue, awaiting_details_queue

S = InquiryStatus


def _scoped(request: AuthedRequest) -> QuerySet[Inquiry]:
    return Inquiry.objects.restrict(request.user, "view").select_related("agency", "submitted_by")


def _get(request: AuthedRequest, pk: int) -> Inquiry:
    found = _scoped(request).filter(pk=pk).first()
    if found is None:
        raise Http404("Not found")
    return found


def _page(
    request: AuthedRequest, template: str, http_status: int = 200, **context: Any
) -> HttpResponse:
    return render(request, f"inquiries/{template}", context, status=http_status)


def inquiry_list(request: AuthedRequest) -> HttpResponse:
    if not request.user.can("inquiries.view_inquiry"):
        raise Http404("Not found")
    rows = _scoped(request).order_by("-created_at")
    status = request.GET.get("status", "")
    if status in S.values():
        rows = rows.filter(status=status)
    shown = rows[:200]
    filters = {"status": status} if status in S.values() else {}
    reads.view_inquiry_list(request.user, list(shown), page="inquiries:list", filters=filters)
    return _page(
        request,
        "list.html",
        rows=shown,  # evaluated above: the page renders the rows the event names
        statuses=S.choices(),
        status=status,
        can_add=request.user.can("inquiries.add_inquiry"),
    )


def queue(request: AuthedRequest) -> HttpResponse:
    if request.user.grant_scope("inquiries.answer_inquiry") != "all":
        raise Http404("Not found")
    shown = list(analyst_queue()[:200])
    waiting = list(awaiting_details_queue()[:200])
    reads.view_inquiry_list(request.user, [*shown, *waiting], page="inquiries:queue")
    return _page(request, "queue.html", rows=shown, waiting_rows=waiting)


def stops(request: AuthedRequest) -> HttpResponse:
    """Citizenship stops: open ones first; decided ones stay listed (tracked as data)."""
    user = request.user
    if not (user.can("inquiries.decide_inquiry") or user.can("inquiries.review_misuseflag")):
        raise Http404("Not found")
    rows = _scoped(request).filter(citizenship_stop=True)
    open_rows = rows.filter(status=S.CITIZENSHIP_STOP).order_by("-in_custody", "created_at")
    decided_rows = rows.exclude(status=S.CITIZENSHIP_STOP).order_by("-decided_at")[:200]
    reads.view_inquiry_list(request.user, [*open_rows, *decided_rows], page="inquiries:stops")
    return _page(
        request,
        "stops.html",
        open_rows=open_rows,  # both evaluated above: rendered from their cache
        decided_rows=decided_rows,
        reasons=dict(StopReason.choices()),
    )


@require_http_methods(["GET", "POST"])
def inquiry_create(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if not user.can("inquiries.add_inquiry") or user.agency is None:
        raise Http404("Not found")
    # Two ways to send: fill in the fields, or paste an Nlets text / NIEM XML message. The
    # mode travels as ?mode= (GET) or a hidden field (POST); the subject only in POST bodies.
    params = request.POST if request.method == "POST" else request.GET
    mode = "message" if params.get("mode") == "message" else "fields"
    form_class = MessageForm if mode == "message" else InquiryForm
    form = form_class(request.POST or None, ori=user.agency.ori)
    valid = request.method == "POST" and form.is_valid()
    # A pasted reply to LESC's request for a reason and case number (an ADM message).
    reply = form.reply if valid and isinstance(form, MessageForm) else None
    if reply is not None:
        try:
            inquiry = actions.receive_details_reply(user, reply, form.cleaned_data["message"])
        except (InquiryInvalid, ValidationError) as error:
            form.add_inquiry_errors(_as_invalid(error))
        else:
            messages.success(request, f"Inquiry #{inquiry.pk} has its details and was searched.")
            return redirect(inquiry.get_absolute_url())
    elif valid and form.inquiry is not None:
        try:
            created = actions.submit_inquiry(
                user, form.inquiry, channel=form.channel, raw_message=form.raw_message
            )
        except InquiryInvalid as error:
            form.add_inquiry_errors(error)
        else:
            done = f"Inquiry #{created.pk} received."
            if created.status == S.AWAITING_DETAILS:
                done += (
                    " It has no reason or case number: LESC has asked your agency for them "
                    "and searches nothing until they arrive."
                )
            messages.success(request, done)
            return redirect(created.get_absolute_url())
    return _page(
        request,
        "form.html",
        400 if request.method == "POST" else 200,
        form=form,
        mode=mode,
        title="Send an immigration alien query (IAQ)",
        ori=user.agency.ori,
    )


def inquiry_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    inquiry = _get(request, pk)
    user = request.user
    is_ice = user.can("inquiries.answer_inquiry") or user.can("inquiries.decide_inquiry")
    candidates = list(inquiry.candidates.select_related("record")) if is_ice else []
    reads.view_inquiry(user, inquiry, form="web", candidates_shown=len(candidates))
    return _page(
        request,
        "detail.html",
        inquiry=inquiry,
        status_colour=S.colour(inquiry.status),
        purpose_label=PURPOSE_CODES.get(inquiry.purpose_code, inquiry.purpose_code),
        candidates=candidates,
        show_candidates=is_ice,
        reasons=[StopReason.label(r) for r in inquiry.stop_reasons],
        determination_label=Determination.label(inquiry.determination),
        decision_label=SupervisorDecision.label(inquiry.supervisor_decision),
        can_determine=user.can("inquiries.answer_inquiry") and actions.answerable(inquiry),
        can_decide=user.can("inquiries.decide_inquiry") and inquiry.status == S.CITIZENSHIP_STOP,
        can_record_details=user.grant_scope("inquiries.answer_inquiry") == "all"
        and inquiry.status == S.AWAITING_DETAILS,
        details_request=inquiry.outbound_messages.filter(kind=actions.DETAILS_REQUEST).first(),
        has_iar=iar.build(inquiry) is not None,
    )


def candidate_compare(request: AuthedRequest, pk: int, candidate_pk: int) -> HttpResponse:
    inquiry = _get(request, pk)
    candidate = (
        InquiryCandidate.objects.filter(inquiry=inquiry, pk=candidate_pk)
        .select_related("record")
        .first()
    )
    if candidate is None:
        raise Http404("Not found")
    actions.view_candidate(request.user, candidate)
    record = candidate.record
    return _page(
        request,
        "compare.html",
        inquiry=inquiry,
        candidate=candidate,
        record=record,
        birth_dates=record.birth_dates.all(),
        identifiers=record.identifiers.all(),
        immigration_events=record.immigration_events.all(),
        # The full record, for roles that may open it (that view is logged too).
        record_url=record.get_absolute_url()
        if request.user.can("records.view_personrecord")
        else None,
    )


def _step(
    request: AuthedRequest, inquiry: Inquiry, form: Any, title: str, run: Any, done: str
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect(inquiry.get_absolute_url())
    return _page(
        request,
        "step.html",
        400 if request.method == "POST" else 200,
        form=form,
        title=title,
        inquiry=inquiry,
    )


def _as_invalid(error: InquiryInvalid | ValidationError) -> InquiryInvalid:
    if isinstance(error, InquiryInvalid):
        return error
    return InquiryInvalid({"message": list(error.messages)})


@require_http_methods(["GET", "POST"])
def record_details(request: AuthedRequest, pk: int) -> HttpResponse:
    """An analyst records the reason and case number the agency gave by telephone."""
    inquiry = _get(request, pk)
    if request.user.grant_scope("inquiries.answer_inquiry") != "all":
        raise Http404("Not found")
    form = DetailsForm(request.POST or None)

    def run(data: dict[str, Any]) -> None:
        try:
            actions.record_details(
                request.user,
                inquiry,
                reason=data["reason"],
                case_number=data["case_number"],
                source=DetailsSource.ANALYST_CALL,
                note=data["note"],
            )
        except InquiryInvalid as error:
            raise ValidationError(error.summary()) from None

    return _step(
        request,
        inquiry,
        form,
        f"Reason and case number for inquiry #{inquiry.pk}",
        run,
        "Details recorded; the inquiry was searched.",
    )


@require_http_methods(["GET", "POST"])
def determine(request: AuthedRequest, pk: int) -> HttpResponse:
    inquiry = _get(request, pk)
    if not request.user.can("inquiries.answer_inquiry"):
        raise Http404("Not found")
    form = DeterminationForm(request.POST or None, inquiry=inquiry)
    return _step(
        request,
        inquiry,
        form,
        f"Determination for inquiry #{inquiry.pk}",
        lambda data: actions.determine(
            request.user,
            inquiry,
            determination=data["determination"],
            evidence=list(data["evidence"]),
            notes=data["notes"],
            candidate=data["candidate"],
        ),
        "Determination recorded.",
    )


@require_http_methods(["GET", "POST"])
def decide(request: AuthedRequest, pk: int) -> HttpResponse:
    inquiry = _get(request, pk)
    if not request.user.can("inquiries.decide_inquiry"):
        raise Http404("Not found")
    return _step(
        request,
        inquiry,
        DecisionForm(request.POST or None),
        f"Supervisor's decision on inquiry #{inquiry.pk}",
        lambda data: actions.decide(
            request.user, inquiry, decision=data["decision"], notes=data["notes"]
        ),
        "Decision recorded.",
    )


def iar_page(request: AuthedRequest, pk: int) -> HttpResponse:
    inquiry = _get(request, pk)
    response = actions.view_iar(request.user, inquiry, form="web")
    outbound = inquiry.outbound_messages.filter(kind="IAR").first()  # the IAR over Nlets
    return _page(
        request, "iar.html", inquiry=inquiry, iar=response, text=response.text(), outbound=outbound
    )
