"""Officer pages: list, nomination (one or a roster file), detail with today's authority per
function, ICE background check, exams, certification, authorization and the other steps."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views import View

from access.audit import events
from access.audit.models import AuditEvent
from access.core.views import ObjectDetailView, ObjectListView, ScopedMixin
from access.officers import actions, authority, charts, roster
from access.officers.choices import FINAL, OfficerStatus
from access.officers.events import Event
from access.officers.filtersets import OfficerFilterSet
from access.officers.forms import (
    AccountLinkForm,
    AuthorizationForm,
    BackgroundCheckForm,
    DisciplinaryReportForm,
    ExamForm,
    NominationForm,
    ReasonForm,
    RosterForm,
    SupervisorForm,
    agreements_for,
)
from access.officers.models import (
    Authorization,
    Certification,
    ExamAttempt,
    Officer,
    SupervisorAssignment,
)
from access.officers.pdf import authorization_pdf, certificate_pdf
from access.officers.tables import OfficerTable

S = OfficerStatus


class OfficerScoped(ScopedMixin):
    model = Officer

    def scoped(self, action: str | None = None) -> QuerySet:
        return (
            super()
            .scoped(action)
            .select_related("agency", "agreement__partnership_type", "supervisor")
        )

    def may(self, officer: Officer, action: str) -> bool:
        return self.scoped(action).filter(pk=officer.pk).exists()


class OfficerListView(OfficerScoped, ObjectListView):
    filterset_class = OfficerFilterSet
    table_class = OfficerTable
    template_name = "officers/officer_list.html"
    title = "Officers"
    export_name = "officers"
    add_url = reverse_lazy("officers:add")  # type: ignore[assignment]


class NominateView(OfficerScoped, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        self.require("add")
        return self._render(NominationForm(agreements=agreements_for(request.user)))

    def post(self, request: HttpRequest) -> HttpResponse:
        self.require("add")
        form = NominationForm(request.POST, agreements=agreements_for(request.user))
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                officer = actions.nominate(request.user, **data)
            except ValidationError as error:
                _add_errors(form, error)
            except PermissionDenied as denied:
                raise Http404("Not found") from denied
            else:
                messages.success(request, f"Nominated {officer}.")
                return redirect(officer.get_absolute_url())
        return self._render(form, status=400)

    def _render(self, form: Any, status: int = 200) -> HttpResponse:
        context = {"form": form, "title": "Nominate an officer"}
        return render(self.request, "core/object_edit.html", context, status=status)


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error)


class OfficerDetailView(OfficerScoped, ObjectDetailView):
    template_name = "officers/officer_detail.html"

    def extra_context(self, obj: Officer) -> dict[str, Any]:
        user: Any = self.request.user
        # The page's tables and the authority check read the same rows: one query per table
        # whatever the number of functions or records (the check reuses the prefetch).
        prefetch_related_objects(
            [obj],
            Prefetch("exams", ExamAttempt.objects.select_related("course")),
            Prefetch("certifications", Certification.objects.select_related("course")),
            Prefetch("authorizations", Authorization.objects.select_related("supervisor")),
            Prefetch(
                "supervisor_assignments", SupervisorAssignment.objects.select_related("supervisor")
            ),
            "suspensions",
        )
        available = {t.name for t in obj.get_available_user_status_transitions(user)}  # type: ignore[attr-defined]
        steps = [(name, label) for name, (label, _) in actions.STEPS.items() if name in available]
        return {
            "status_colour": S.colour(obj.status),
            "check": getattr(obj, "background_check", None),
            "check_details": self.may(obj, "screen"),
            "exams": obj.exams.all(),
            "certifications": obj.certifications.all(),
            "authorizations": obj.authorizations.all(),
            "assignments": obj.supervisor_assignments.all(),
            "suspensions": obj.suspensions.all(),
            "authority": authority.today_for_each_function(obj),
            "can_screen": "clear_check" in available,
            "can_train": self.may(obj, "train") and obj.status not in (S.NOMINATED, *FINAL),
            "can_certify": "certify" in available,
            "can_authorize": "authorize" in available or "renew" in available,
            "can_supervise": self.may(obj, "supervise") and obj.status not in FINAL,
            "can_report": self.may(obj, "report") and obj.status not in FINAL,
            "can_acknowledge": self.may(obj, "screen"),
            "can_link": self.may(obj, "link") and obj.status not in (S.REJECTED, S.WITHDRAWN),
            "reports": obj.disciplinary_reports.select_related("acknowledged_by"),
            "steps": steps,
            "reason_form": ReasonForm(),
            "history": AuditEvent.objects.restrict(user)
            .filter(object_type="officers.officer", object_id=str(obj.pk))
            .order_by("-occurred_at", "-pk")[:50],
        }


class _StepFormView(OfficerScoped, View):
    """A form page for one step on one officer: GET shows it, POST runs the action."""

    grant: str
    title: str

    def form(self, officer: Officer, data: Any = None) -> Any:
        raise NotImplementedError

    def run(self, officer: Officer, data: dict[str, Any]) -> str:
        raise NotImplementedError

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        officer = self.get_object(pk, self.grant)
        return self._render(officer, self.form(officer))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        officer = self.get_object(pk, self.grant)
        form = self.form(officer, request.POST)
        if form.is_valid():
            try:
                done = self.run(officer, dict(form.cleaned_data))
            except ValidationError as error:
                _add_errors(form, error)
            except PermissionDenied as denied:
                raise Http404("Not found") from denied
            else:
                messages.success(request, done)
                return redirect(officer.get_absolute_url())
        return self._render(officer, form, status=400)

    def _render(self, officer: Officer, form: Any, status: int = 200) -> HttpResponse:
        context = {"form": form, "object": officer, "title": f"{self.title}: {officer}"}
        return render(self.request, "core/object_edit.html", context, status=status)


class BackgroundCheckView(_StepFormView):
    grant, title = "screen", "ICE background check"

    def form(self, officer: Officer, data: Any = None) -> Any:
        return BackgroundCheckForm(data)

    def run(self, officer: Officer, data: dict[str, Any]) -> str:
        check = actions.record_background_check(self.request.user, officer, **data)
        return f"Background check recorded: {check.get_outcome_display().lower()}."


class ExamView(_StepFormView):
    grant, title = "train", "Record an exam"

    def form(self, officer: Officer, data: Any = None) -> Any:
        return ExamForm(data, officer=officer)

    def run(self, officer: Officer, data: dict[str, Any]) -> str:
        exam = actions.record_exam(self.request.user, officer, **data)
        return f"Recorded: {exam.score}%, {'passed' if exam.passed else 'not passed'}."


class AuthorizeView(_StepFormView):
    grant, title = "authorize", "Authorize"

    def form(self, officer: Officer, data: Any = None) -> Any:
        return AuthorizationForm(data, officer=officer, on=timezone.localdate())

    def run(self, officer: Officer, data: dict[str, Any]) -> str:
        user = self.request.user
        if officer.status in (S.AUTHORIZED, S.LAPSED):
            letter = actions.renew(user, officer, **data)
        else:
            letter = actions.authorize(user, officer, **data)
        return f"Authorized from {letter.valid_from} to {letter.valid_until}."


class AccountLinkView(_StepFormView):
    grant, title = "link", "Link the officer's account"

    def form(self, officer: Officer, data: Any = None) -> Any:
        return AccountLinkForm(data, officer=officer)

    def run(self, officer: Officer, data: dict[str, Any]) -> str:
        officer = actions.link_account(self.request.user, officer, **data)
        if officer.user is None:
            return "The record is no longer linked to an account."
        return f"Linked to the account {officer.user.get_username()}."


class SupervisorView(_StepFormView):
    grant, title = "supervise", "Assign an ICE supervisor"

    def form(self, officer: Officer, data: Any = None) -> Any:
        return SupervisorForm(data)

    def run(self, officer: Officer, data: dict[str, Any]) -> str:
        actions.assign_supervisor(self.request.user, officer, **data)
        return f"{data['supervisor']} now supervises this officer."


def document_response(
    request: HttpRequest, officer: Officer, kind: str, number: int
) -> HttpResponse:
    """A certificate or an authorization letter of ``officer`` as a tagged PDF (audited)."""
    if kind == "certificate":
        certificate = officer.certifications.filter(pk=number).first()
        if certificate is None:
            raise Http404("No such certificate")
        pdf = certificate_pdf(certificate)
    elif kind == "authorization":
        letter = officer.authorizations.filter(pk=number).first()
        if letter is None:
            raise Http404("No such authorization")
        pdf = authorization_pdf(letter)
    else:
        raise Http404("Unknown document")
    events.record(
        Event.PRINT,
        actor=request.user,
        obj=officer,
        details={"document": kind, "id": number, "format": "pdf/ua-1", "bytes": len(pdf)},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="officer-{officer.pk}-{kind}-{number}.pdf"'
    )
    return response


class DocumentPdfView(OfficerScoped, View):
    """A certificate or an authorization letter as a tagged PDF (printing is audited)."""

    def get(self, request: HttpRequest, pk: int, kind: str, number: int) -> HttpResponse:
        return document_response(request, self.get_object(pk), kind, number)


class DisciplinaryReportView(_StepFormView):
    grant, title = "report", "Report a disciplinary event"

    def form(self, officer: Officer, data: Any = None) -> Any:
        return DisciplinaryReportForm(data)

    def run(self, officer: Officer, data: dict[str, Any]) -> str:
        actions.report_disciplinary(self.request.user, officer, **data)
        return "Reported; an ICE reviewer will acknowledge it."


class AcknowledgeView(OfficerScoped, View):
    def post(self, request: HttpRequest, pk: int, report: int) -> HttpResponse:
        officer = self.get_object(pk, "screen")
        found = officer.disciplinary_reports.filter(pk=report).first()
        if found is None:
            raise Http404("No such report")
        form = ReasonForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        try:
            actions.acknowledge_disciplinary(request.user, found, reason=reason)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        else:
            messages.success(request, "Report acknowledged.")
        return redirect(officer.get_absolute_url())


class CertifyView(OfficerScoped, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        officer = self.get_object(pk, "train")
        form = ReasonForm(request.POST)
        try:
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            actions.certify(request.user, officer, reason=reason)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        else:
            messages.success(request, "Certified.")
        return redirect(officer.get_absolute_url())


class StepView(OfficerScoped, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        name = request.POST.get("step", "")
        if name not in actions.STEPS:
            raise Http404("Unknown step")
        officer = self.get_object(pk, actions.STEPS[name][1])
        form = ReasonForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        try:
            officer = actions.apply_step(request.user, officer, name, reason=reason)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        else:
            messages.success(request, f"{actions.STEPS[name][0]}: {S.label(officer.status)}.")
        return redirect(officer.get_absolute_url())


class RosterView(OfficerScoped, View):
    """Bulk nomination from a CSV or XLSX roster: all rows or none, with a row-level report."""

    template_name = "officers/roster.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        self.require("add")
        return self._render(RosterForm(agreements=agreements_for(request.user)))

    def post(self, request: HttpRequest) -> HttpResponse:
        self.require("add")
        form = RosterForm(request.POST, request.FILES, agreements=agreements_for(request.user))
        problems: list[roster.RowError] = []
        if form.is_valid():
            data = form.cleaned_data
            try:
                officers = roster.nominate_roster(
                    request.user, data["agreement"], data["roster"], reason=data["reason"]
                )
            except roster.RosterRefused as refused:
                problems = refused.problems
                form.add_error(None, str(refused))
            except PermissionDenied as denied:
                raise Http404("Not found") from denied
            else:
                messages.success(request, f"Nominated {len(officers)} officers.")
                return redirect("officers:list")
        return self._render(form, problems, status=400)

    def _render(self, form: Any, problems: Any = (), status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "problems": problems,
            "columns": roster.COLUMNS,
            "title": "Nominate officers from a roster file",
        }
        return render(self.request, self.template_name, context, status=status)


class MyRecordView(View):
    """The signed-in officer's own record (the records linked to their account): status,
    authorization, today's authority, training and their documents; nothing of others."""

    def get(self, request: HttpRequest) -> HttpResponse:
        records = own_records(request).order_by("-nominated_on", "-pk")
        today = timezone.localdate()
        return render(
            request,
            "officers/my_record.html",
            {"records": [_own_record(officer, today) for officer in records]},
        )


def own_records(request: HttpRequest) -> QuerySet[Officer]:
    """The officer records linked to the signed-in account; a 404 without the grant."""
    user: Any = request.user
    if not user.can("officers.view_own_officer"):
        raise Http404("Not found")
    return (
        Officer.objects.restrict(user, "view_own")
        .filter(user=user)
        .select_related("agency", "agreement__partnership_type", "supervisor")
        .prefetch_related("exams__course")
    )


def _own_record(officer: Officer, today: Any) -> dict[str, Any]:
    until = charts.training_until(officer, today)
    currency = charts.currency_of(officer, today)
    return {
        "officer": officer,
        "status_colour": S.colour(officer.status),
        "authority": authority.today_for_each_function(officer),
        "in_force": authority.authorizations_in_force(officer, timezone.now()),
        "training_until": until,
        "currency": charts.currency_label(currency),
        "refresher_due": currency in (charts.DUE, charts.LAPSED),
        "exams": officer.exams.all(),
        "certifications": officer.certifications.select_related("course"),
        "authorizations": officer.authorizations.select_related("supervisor"),
    }


class MyDocumentPdfView(View):
    """One of the officer's own certificates or letters; another officer's is a 404."""

    def get(self, request: HttpRequest, kind: str, number: int) -> HttpResponse:
        records = own_records(request)
        if kind not in ("certificate", "authorization"):
            raise Http404("Unknown document")
        for officer in records:
            documents = officer.certifications if kind == "certificate" else officer.authorizations
            if documents.filter(pk=number).exists():
                return document_response(request, officer, kind, number)
        raise Http404("Not found")


class SupervisedView(OfficerScoped, View):
    """My officers: the officers the signed-in ICE supervisor supervises, with their currency."""

    def get(self, request: HttpRequest) -> HttpResponse:
        self.require("view")
        officers = (
            self.scoped()
            .filter(supervisor=request.user.pk)
            .annotate(
                ends=Max("authorizations__valid_until", filter=Q(authorizations__ended_at=None))
            )
            .prefetch_related("exams__course")
            .order_by("last_name", "first_name")
        )
        today = timezone.localdate()
        rows = [
            {
                "officer": officer,
                "status_colour": S.colour(officer.status),
                "training_until": charts.training_until(officer, today),
                "currency": charts.currency_label(charts.currency_of(officer, today)),
            }
            for officer in officers
        ]
        result = charts.Counts()
        for officer in officers:
            result.add(officer, today)
        return render(
            request,
            "officers/supervised.html",
            {"rows": rows, "charts": charts.charts_for(result), "total": result.total},
        )
