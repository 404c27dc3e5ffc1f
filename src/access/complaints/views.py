"""Complaint pages: the public form and status page (no sign-in), and OPR's list, detail and
steps (assign, suspend the officer while pending, resolve)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views import View
from django.views.decorators.http import require_http_methods

from access.audit.models import AuditEvent
from access.complaints import actions
from access.complaints.choices import OPEN, ComplaintStatus
from access.complaints.filtersets import ComplaintFilterSet
from access.complaints.forms import (
    AssignForm,
    PublicComplaintForm,
    ResolveForm,
    StaffComplaintForm,
    StatusForm,
    SuspendForm,
)
from access.complaints.models import Complaint
from access.complaints.tables import ComplaintTable
from access.core.views import ObjectDetailView, ObjectListView, ScopedMixin
from access.officers.choices import OfficerStatus

RECEIPT_SESSION_KEY = "complaints:receipt"


def _add_errors(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error)


def _client_address(request: HttpRequest) -> str:
    # The proxy in front sets the address it saw (docs/operations.md); REMOTE_ADDR otherwise.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.split(",")[-1].strip() or request.META.get("REMOTE_ADDR", "") or "unknown"


@require_http_methods(["GET", "POST"])
def public_form(request: HttpRequest) -> HttpResponse:
    """Anyone may complain: no account, rate-limited per sender, a honeypot instead of a
    CAPTCHA. The receipt code is shown once after a redirect (never in a URL)."""
    form = PublicComplaintForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_robot:
            # Answer as if accepted, store nothing: a robot learns nothing to adapt to.
            request.session[RECEIPT_SESSION_KEY] = {"code": "", "due": ""}
            return redirect("complaints:public_receipt")
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
            try:
                complaint = actions.file_public(
                    actions.PUBLIC_FORM, address=_client_address(request), **data
                )
            except actions.TooManyComplaints as limited:
                form.add_error(None, limited)
                status = 429
            except ValidationError as error:
                _add_errors(form, error)
                status = 400
            else:
                request.session[RECEIPT_SESSION_KEY] = {
                    "code": complaint.display_code,
                    "due": f"{complaint.due_on:%Y-%m-%d}",
                }
                return redirect("complaints:public_receipt")
        else:
            status = 400
    return render(request, "complaints/public_form.html", {"form": form}, status=status)


def public_receipt(request: HttpRequest) -> HttpResponse:
    receipt = request.session.pop(RECEIPT_SESSION_KEY, None)
    if receipt is None:
        return redirect("complaints:public_form")
    return render(request, "complaints/public_receipt.html", {"receipt": receipt})


@require_http_methods(["GET", "POST"])
def public_status(request: HttpRequest) -> HttpResponse:
    """The status for a receipt code, posted (so the code stays out of URLs and logs). A wrong
    code and a missing one answer the same."""
    form = StatusForm(request.POST or None)
    complaint = None
    not_found = False
    if request.method == "POST" and form.is_valid():
        complaint = Complaint.objects.filter(receipt_code=form.cleaned_data["code"]).first()
        not_found = complaint is None
    return render(
        request,
        "complaints/public_status.html",
        {"form": form, "complaint": complaint, "not_found": not_found},
        status=404 if not_found else 200,
    )


class ComplaintScoped(ScopedMixin):
    model = Complaint

    def scoped(self, action: str | None = None) -> Any:
        return super().scoped(action).select_related("agency", "assigned_to", "officer")


class ComplaintListView(ComplaintScoped, ObjectListView):
    filterset_class = ComplaintFilterSet
    table_class = ComplaintTable
    title = "Complaints"
    export_name = "complaints"
    add_url = reverse_lazy("complaints:add")  # type: ignore[assignment]


class ComplaintDetailView(ComplaintScoped, ObjectDetailView):
    template_name = "complaints/complaint_detail.html"

    def extra_context(self, obj: Complaint) -> dict[str, Any]:
        user: Any = self.request.user
        may_investigate = self.scoped("investigate").filter(pk=obj.pk).exists()
        is_open = obj.status in OPEN
        return {
            "status_colour": ComplaintStatus.colour(obj.status),
            "days_left": actions.days_left(obj),
            "is_open": is_open,
            "can_assign": may_investigate and is_open,
            "can_suspend": may_investigate
            and is_open
            and obj.officer is not None
            and obj.officer.status == OfficerStatus.AUTHORIZED,
            "can_resolve": may_investigate and is_open,
            "history": AuditEvent.objects.restrict(user)
            .filter(object_type="complaints.complaint", object_id=str(obj.pk))
            .order_by("-occurred_at", "-pk")[:50],
        }


class _Step(ComplaintScoped, View):
    form_class: Any
    title: str
    action_name = "investigate"

    def form(self, complaint: Complaint, data: Any = None) -> Any:
        return self.form_class(data)

    def perform(self, complaint: Complaint, data: dict[str, Any]) -> Complaint:
        raise NotImplementedError

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        complaint = self.get_object(pk, self.action_name)
        return self._render(complaint, self.form(complaint))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        complaint = self.get_object(pk, self.action_name)
        form = self.form(complaint, request.POST)
        if form.is_valid():
            try:
                self.perform(complaint, form.cleaned_data)
            except PermissionDenied as denied:
                raise Http404("Not found") from denied
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"{self.title}: done.")
                return redirect(complaint.get_absolute_url())
        return self._render(complaint, form, status=400)

    def _render(self, complaint: Complaint, form: Any, status: int = 200) -> HttpResponse:
        context = {"form": form, "title": f"{self.title}: {complaint}", "object": complaint}
        return render(self.request, "core/object_edit.html", context, status=status)


class AssignView(_Step):
    form_class = AssignForm
    title = "Assign the complaint"

    def form(self, complaint: Complaint, data: Any = None) -> Any:
        return AssignForm(data, complaint=complaint)

    def perform(self, complaint: Complaint, data: dict[str, Any]) -> Complaint:
        return actions.assign(
            self.request.user, complaint, investigator=data["investigator"], officer=data["officer"]
        )


class SuspendView(_Step):
    form_class = SuspendForm
    title = "Suspend the officer while the complaint is pending"

    def perform(self, complaint: Complaint, data: dict[str, Any]) -> Complaint:
        return actions.suspend_officer(self.request.user, complaint, reason=data["reason"])


class ResolveView(_Step):
    form_class = ResolveForm
    title = "Resolve the complaint"

    def perform(self, complaint: Complaint, data: dict[str, Any]) -> Complaint:
        return actions.resolve(self.request.user, complaint, **data)


class StaffFileView(ComplaintScoped, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        self.require("add")
        return self._render(StaffComplaintForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        self.require("add")
        form = StaffComplaintForm(request.POST)
        if form.is_valid():
            try:
                complaint = actions.file_by_staff(request.user, **form.cleaned_data)
            except PermissionDenied as denied:
                raise Http404("Not found") from denied
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request, f"Recorded {complaint}; give the complainant this receipt code."
                )
                return redirect(complaint.get_absolute_url())
        return self._render(form, status=400)

    def _render(self, form: Any, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "title": "Record a complaint received by phone, letter or in person",
        }
        return render(self.request, "core/object_edit.html", context, status=status)
