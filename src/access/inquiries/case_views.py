"""The agency case register pages: list, add, close, CSV import (all or nothing).

An agency's liaison keeps its own register; ICE program managers keep any agency's (they pick
the agency); oversight reads. Anyone else gets a 404.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from access.accounts.typing import AuthedRequest
from access.agencies.models import Agency
from access.inquiries import cases
from access.inquiries.models import AgencyCase

# Rows of the register a page shows (the generic lists show 25; a register runs to thousands,
# and rendering them all made this one of the slowest pages under load).
CASES_PER_PAGE = 25


class _AgencyChoice(forms.Form):
    """Forms of users who keep every agency's register start with the agency."""

    def __init__(self, *args: Any, pick_agency: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if pick_agency:
            self.fields["agency"] = forms.ModelChoiceField(
                label="Agency", queryset=Agency.objects.only("id", "name", "state").order_by("name")
            )
            self.order_fields(["agency"])


class CaseForm(_AgencyChoice):
    case_number = forms.CharField(label="Case number", max_length=50)
    opened_on = forms.DateField(
        label="Opened on", widget=forms.DateInput(attrs={"type": "date"}), help_text="YYYY-MM-DD"
    )
    description = forms.CharField(
        label="Description",
        max_length=300,
        required=False,
        help_text="Optional. What the case is about; no personal details are needed.",
    )


class ImportForm(_AgencyChoice):
    file = forms.FileField(
        label="Case file (CSV)",
        help_text="UTF-8 CSV with a header row: case_number, opened_on (YYYY-MM-DD), and "
        "optionally closed_on and description. Up to 1 MB and 5,000 cases. Every row must be "
        "valid or nothing is imported.",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,text/csv", "class": "usa-file-input"}
        ),
    )


class CloseForm(forms.Form):
    closed_on = forms.DateField(
        label="Closed on", widget=forms.DateInput(attrs={"type": "date"}), help_text="YYYY-MM-DD"
    )


def _agency(request: AuthedRequest, form: forms.Form, action: str) -> Agency:
    """The agency a form acts on: the one picked (all scope) or the user's own."""
    agency = form.cleaned_data.get("agency") or request.user.agency
    if agency is None or not cases.can(request.user, action, agency.pk):
        raise Http404("Not found")
    return agency


def _page(request: AuthedRequest, status: int = 200, **context: Any) -> HttpResponse:
    user = request.user
    scope = user.grant_scope("inquiries.view_agencycase")
    if scope is None:
        raise Http404("Not found")
    rows = AgencyCase.objects.restrict(user, "view").select_related("agency")
    everyone = scope == "all"
    chosen = None
    if everyone and request.GET.get("agency", "").isdigit():
        chosen = Agency.objects.filter(pk=int(request.GET["agency"])).first()
        if chosen is not None:
            rows = rows.filter(agency=chosen)
    pick = user.grant_scope("inquiries.add_agencycase") == "all"
    can_add = user.grant_scope("inquiries.add_agencycase") is not None and (
        pick or user.agency_id is not None
    )
    context.setdefault("form", CaseForm(pick_agency=pick, prefix="add"))
    context.setdefault("import_form", ImportForm(pick_agency=pick, prefix="import"))
    page = Paginator(rows, CASES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "inquiries/cases.html",
        {
            "page": page,
            "rows": page.object_list,
            "query": urlencode({"agency": chosen.pk}) if chosen is not None else "",
            "total": page.paginator.count,
            "open_count": rows.filter(closed_on__isnull=True).count(),
            "everyone": everyone,
            "agencies": Agency.objects.only("id", "name").order_by("name") if everyone else [],
            "chosen": chosen,
            "can_add": can_add,
            "can_close": user.grant_scope("inquiries.change_agencycase") is not None,
            **context,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def case_list(request: AuthedRequest) -> HttpResponse:
    """The register; POST adds one case."""
    if request.method == "GET":
        return _page(request)
    if request.user.grant_scope("inquiries.add_agencycase") is None:
        raise Http404("Not found")
    pick = request.user.grant_scope("inquiries.add_agencycase") == "all"
    form = CaseForm(request.POST, pick_agency=pick, prefix="add")
    if form.is_valid():
        agency = _agency(request, form, "add")
        try:
            case = cases.add_case(
                request.user,
                agency=agency,
                case_number=form.cleaned_data["case_number"],
                opened_on=form.cleaned_data["opened_on"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Case {case.case_number} added.")
            return redirect("inquiries:cases")
    return _page(request, 400, form=form)


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error)


@require_POST
def case_import(request: AuthedRequest) -> HttpResponse:
    if request.user.grant_scope("inquiries.add_agencycase") is None:
        raise Http404("Not found")
    pick = request.user.grant_scope("inquiries.add_agencycase") == "all"
    form = ImportForm(request.POST, request.FILES, pick_agency=pick, prefix="import")
    if not form.is_valid():
        return _page(request, 400, import_form=form)
    agency = _agency(request, form, "add")
    upload = form.cleaned_data["file"]
    if upload.size > cases.MAX_BYTES:
        form.add_error("file", "The file is larger than 1 MB.")
        return _page(request, 400, import_form=form)
    try:
        created = cases.import_cases(
            request.user, agency=agency, content=upload.read(), filename=upload.name or ""
        )
    except cases.ImportRefused as refused:
        return _page(request, 400, import_form=form, import_errors=refused.errors)
    messages.success(request, f"{len(created)} cases imported into the register of {agency}.")
    return redirect("inquiries:cases")


@require_http_methods(["GET", "POST"])
def case_close(request: AuthedRequest, pk: int) -> HttpResponse:
    case = (
        AgencyCase.objects.restrict(request.user, "change")
        .select_related("agency")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404("Not found")
    form = CloseForm(request.POST or None, initial={"closed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            cases.close_case(request.user, case, closed_on=form.cleaned_data["closed_on"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Case {case.case_number} closed.")
            return redirect("inquiries:cases")
    return render(
        request,
        "inquiries/case_close.html",
        {"case": case, "form": form},
        status=400 if request.method == "POST" else 200,
    )
