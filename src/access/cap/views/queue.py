"""CAP pages: the referral queue, a candidate beside its booking (logged), a booking with all
its candidates, the supervisors' citizenship stops, and interviews.

Ids only in URLs; reviews, decisions and interviews are POSTed. Out of scope is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.views import View

from access.accounts.typing import AuthedRequest
from access.cap.actions import encounters as encounter_actions
from access.cap.actions import queue as actions
from access.cap.choices import BookingStatus, InterviewStatus, ReviewStatus
from access.cap.filtersets import CandidateFilterSet
from access.cap.forms import DecideForm, InterviewForm, OutcomeForm, RejectForm, VerifyForm
from access.cap.models import Booking, Interview, ScreeningCandidate
from access.cap.queues import work_queue
from access.cap.tables import CandidateTable
from access.core.exports import FORMATS, rows_to_response
from access.core.views import ObjectDetailView, ObjectListView, ScopedMixin
from access.enforcement.choices import CheckedField
from access.inquiries.citizenship import SupervisorDecision, reason_labels

V = ReviewStatus


def add_errors(form: Any, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, problems in error.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)


class QueueView(ObjectListView):
    model = ScreeningCandidate
    filterset_class = CandidateFilterSet
    table_class = CandidateTable
    title = "CAP referral queue"
    export_name = "cap-referral-queue"

    def scoped(self, action: str | None = None) -> QuerySet:
        return work_queue(self.request.user) if action in (None, "view") else super().scoped(action)

    def export(self, fmt: str, rows: QuerySet, filterset: Any) -> HttpResponse:
        if fmt not in FORMATS:
            raise Http404("Unknown export format")
        self.require("export")
        columns = self.table_class.export_columns
        exported = list(rows.values_list(*columns.keys()))
        filters = {k: str(v) for k, v in self.request.GET.items() if k not in ("export", "page")}
        actions.export_results(self.request.user, rows=len(exported), fmt=fmt, filters=filters)
        return rows_to_response(
            self.export_name, fmt, list(columns.values()), (list(v) for v in exported)
        )


def _candidate(request: AuthedRequest, pk: int) -> ScreeningCandidate:
    found = (
        ScreeningCandidate.objects.restrict(request.user)
        .filter(pk=pk)
        .select_related("booking__facility__facility__agency", "record", "roster", "decided_by")
        .first()
    )
    if found is None:
        raise Http404("Not found")
    return found


def render_candidate(
    request: AuthedRequest, candidate: ScreeningCandidate, status: int = 200, **forms: Any
) -> HttpResponse:
    """The candidate beside the booking: every rendering shows a person's record, so each one
    is logged (``view_candidate``), including a form shown again with its errors."""
    user = request.user
    actions.view_candidate(user, candidate, form="web")
    booking, record = candidate.booking, candidate.record
    dob, ident = actions.agreement(candidate)
    facility = booking.facility
    can_review = actions.may(user, "cap.review_screeningcandidate", candidate)
    in_custody = booking.status == BookingStatus.IN_CUSTODY
    is_name_only = actions.name_only(candidate)
    context = {
        "title": f"Candidate #{candidate.pk} for booking {booking.booking_number}",
        "candidate": candidate,
        "booking": booking,
        "record": record,
        "facility": facility,
        "status_colour": V.colour(candidate.status),
        "dob_agrees": dob,
        "identifier_agrees": ident,
        "name_only": is_name_only,
        "indicator": actions.citizenship_indicator(candidate),
        "reasons": reason_labels(candidate.stop_reasons),
        "decision_label": SupervisorDecision.label(candidate.supervisor_decision)
        if candidate.supervisor_decision
        else "",
        "checked_labels": [CheckedField.label(f) for f in candidate.fields_checked],
        "birth_dates": record.birth_dates.all(),
        "identifiers": record.identifiers.all(),
        "immigration_events": record.immigration_events.all(),
        "interviews": candidate.interviews.select_related("officer"),
        # A name-only match is never verified: no form to try (the action refuses it too).
        "can_verify": can_review and actions.verifiable(candidate) and not is_name_only,
        "can_reject": can_review and candidate.status == V.PENDING,
        "can_refer": can_review and in_custody and actions.referable(candidate),
        "can_schedule": actions.may(user, "cap.add_interview", candidate)
        and candidate.status == V.REFERRED
        and in_custody
        and not candidate.interviews.filter(status=InterviewStatus.SCHEDULED).exists(),
        "can_decide": actions.may(user, "cap.decide_screeningcandidate", candidate)
        and actions.awaiting_decision(candidate),
        "verify_form": forms.get("verify_form") or VerifyForm(),
        "reject_form": forms.get("reject_form") or RejectForm(),
        "interview_form": forms.get("interview_form") or InterviewForm(modes=facility.remote_modes),
        "decide_form": forms.get("decide_form") or DecideForm(),
        "refer_error": forms.get("refer_error", ""),
        "encounter_step": encounter_step(user, candidate, forms.get("encounter_error")),
    }
    return render(request, "cap/candidate_detail.html", context, status=status)


def candidate_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return render_candidate(request, _candidate(request, pk))


class CandidateStep(View):
    """A POSTed review step on a candidate: run the action, or show the page again with the
    refusal beside the form (400, nothing changed)."""

    form_class: Any
    form_name: str
    done: str

    def form(self, candidate: ScreeningCandidate, data: Any) -> Any:
        return self.form_class(data)

    def perform(self, request: AuthedRequest, candidate: ScreeningCandidate, data: Any) -> Any:
        raise NotImplementedError

    def post(self, request: AuthedRequest, pk: int) -> HttpResponseBase:
        candidate = _candidate(request, pk)
        form = self.form(candidate, request.POST)
        if form.is_valid():
            try:
                self.perform(request, candidate, form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, self.done)
                return redirect(candidate.get_absolute_url())
        candidate = _candidate(request, pk)  # as stored: the refused step changed nothing
        return render_candidate(request, candidate, status=400, **{self.form_name: form})


class VerifyView(CandidateStep):
    form_class = VerifyForm
    form_name = "verify_form"
    done = "Review recorded."

    def perform(self, request: AuthedRequest, candidate: ScreeningCandidate, data: Any) -> Any:
        result = actions.verify(
            request.user, candidate, fields_checked=data["fields_checked"], notes=data["notes"]
        )
        if result.status == V.STOPPED:
            self.done = "This record indicates U.S. citizenship: stopped for an ICE supervisor."
        else:
            self.done = "Verified."
        return result


class RejectView(CandidateStep):
    form_class = RejectForm
    form_name = "reject_form"
    done = "Rejected: not the booked person."

    def perform(self, request: AuthedRequest, candidate: ScreeningCandidate, data: Any) -> Any:
        return actions.reject(request.user, candidate, data["reason"])


class DecideView(CandidateStep):
    form_class = DecideForm
    form_name = "decide_form"
    done = "Decision recorded."

    def perform(self, request: AuthedRequest, candidate: ScreeningCandidate, data: Any) -> Any:
        return actions.decide_stop(request.user, candidate, data["decision"], data["reason"])


class ScheduleView(CandidateStep):
    form_name = "interview_form"
    done = "Interview scheduled."

    def form(self, candidate: ScreeningCandidate, data: Any) -> Any:
        return InterviewForm(data, modes=candidate.booking.facility.remote_modes)

    def perform(self, request: AuthedRequest, candidate: ScreeningCandidate, data: Any) -> Any:
        return actions.schedule_interview(
            request.user,
            candidate,
            mode=data["mode"],
            scheduled_for=data["scheduled_for"],
            interpreter_language=data["interpreter_language"],
        )


class ReferView(View):
    def post(self, request: AuthedRequest, pk: int) -> HttpResponseBase:
        candidate = _candidate(request, pk)
        try:
            actions.refer(request.user, candidate)
        except ValidationError as error:
            fresh = _candidate(request, pk)
            return render_candidate(
                request, fresh, status=400, refer_error=" ".join(error.messages)
            )
        messages.success(request, "Referred for interview.")
        return redirect(candidate.get_absolute_url())


def encounter_step(
    user: Any, candidate: ScreeningCandidate, error: list[str] | None = None
) -> dict[str, Any]:
    """The "Record the encounter and issue a detainer" step, or the encounter it recorded."""
    return {
        "candidate_pk": candidate.pk,
        "facility": candidate.booking.facility.facility.name,
        "encounter": candidate.encounter,
        "can_record": actions.may(user, "cap.review_screeningcandidate", candidate)
        and encounter_actions.may_record(candidate),
        "error": error or [],
    }


class EncounterView(View):
    """Record the encounter of a removable outcome, then go to detention's issue page."""

    def post(self, request: AuthedRequest, pk: int) -> HttpResponseBase:
        candidate = _candidate(request, pk)
        try:
            encounter = encounter_actions.record_encounter(request.user, candidate)
        except ValidationError as error:
            fresh = _candidate(request, pk)
            return render_candidate(request, fresh, status=400, encounter_error=error.messages)
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        messages.success(request, f"Encounter #{encounter.pk} recorded: issue the detainer.")
        return redirect(reverse("detention:issue", args=[encounter.pk]))


class BookingDetailView(ObjectDetailView):
    model = Booking
    template_name = "cap/booking_detail.html"

    def scoped(self, action: str | None = None) -> QuerySet:
        return super().scoped(action).select_related("facility__facility", "first_roster")

    def extra_context(self, obj: Booking) -> dict[str, Any]:
        actions.view_booking(self.request.user, obj, form="web")
        candidates = (
            ScreeningCandidate.objects.restrict(self.request.user)
            .filter(booking=obj)
            .select_related("record")
            .order_by("-roster__as_of", "rank")
        )
        return {
            "title": str(obj),
            "candidates": [(c, V.colour(c.status), V.label(c.status)) for c in candidates],
            "status_colour": BookingStatus.colour(obj.status),
        }


def stops(request: AuthedRequest) -> HttpResponse:
    """Citizenship stops of screening: those awaiting a supervisor first; decided ones stay
    listed (the stop and the decision are data)."""
    user = request.user
    if not user.can("cap.decide_screeningcandidate") and not user.can(
        "cap.review_screeningcandidate"
    ):
        raise Http404("Not found")
    rows = (
        ScreeningCandidate.objects.restrict(user)
        .exclude(stop_reasons=[])
        .select_related("booking__facility__facility", "decided_by")
    )
    open_rows = rows.filter(status=V.STOPPED, supervisor_decision="").order_by("updated_at")
    decided = rows.exclude(supervisor_decision="").order_by("-decided_at")[:200]
    return render(
        request,
        "cap/stops.html",
        {
            "title": "Screening citizenship stops",
            "open_rows": [(c, reason_labels(c.stop_reasons)) for c in open_rows],
            "decided_rows": [(c, SupervisorDecision.label(c.supervisor_decision)) for c in decided],
            "may_decide": user.can("cap.decide_screeningcandidate"),
        },
    )


class InterviewScoped(ScopedMixin):
    model = Interview

    def scoped(self, action: str | None = None) -> QuerySet:
        return (
            super()
            .scoped(action)
            .select_related("candidate__booking__facility__facility", "officer")
        )


class InterviewDetailView(InterviewScoped, ObjectDetailView):
    template_name = "cap/interview_detail.html"

    def extra_context(self, obj: Interview) -> dict[str, Any]:
        return self.context(obj, OutcomeForm())

    def context(self, obj: Interview, form: Any) -> dict[str, Any]:
        user: Any = self.request.user
        return {
            "title": f"Interview #{obj.pk}",
            "form": form,
            "can_record": actions.may(user, "cap.change_interview", obj)
            and obj.status == InterviewStatus.SCHEDULED,
            "encounter_step": encounter_step(user, obj.candidate),
            "status_colour": InterviewStatus.colour(obj.status),
        }

    def post(self, request: AuthedRequest, pk: int) -> HttpResponse:
        interview = self.get_object(pk)
        form = OutcomeForm(request.POST)
        if form.is_valid():
            try:
                actions.record_interview(
                    request.user,
                    interview,
                    held_at=form.cleaned_data["held_at"],
                    outcome=form.cleaned_data["outcome"],
                    notes=form.cleaned_data["notes"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, "Outcome recorded.")
                return redirect(interview.get_absolute_url())
        interview = self.get_object(pk)
        return render(
            request,
            self.template_name,
            {"object": interview, **self.context(interview, form)},
            status=400,
        )


urlpatterns: list[URLPattern] = [
    path("queue/", QueueView.as_view(), name="queue"),
    path("candidates/<int:pk>/", candidate_detail, name="candidate"),
    path("candidates/<int:pk>/verify/", VerifyView.as_view(), name="candidate_verify"),
    path("candidates/<int:pk>/reject/", RejectView.as_view(), name="candidate_reject"),
    path("candidates/<int:pk>/refer/", ReferView.as_view(), name="candidate_refer"),
    path("candidates/<int:pk>/interview/", ScheduleView.as_view(), name="candidate_schedule"),
    path("candidates/<int:pk>/decide/", DecideView.as_view(), name="candidate_decide"),
    path("candidates/<int:pk>/encounter/", EncounterView.as_view(), name="candidate_encounter"),
    path("bookings/<int:pk>/", BookingDetailView.as_view(), name="booking"),
    path("stops/", stops, name="stops"),
    path("interviews/<int:pk>/", InterviewDetailView.as_view(), name="interview"),
]
