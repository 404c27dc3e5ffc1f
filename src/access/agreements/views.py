"""Agreement pages: list, create, detail with lifecycle steps, text edits, versions, signing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views import View

from access.agreements import actions
from access.agreements.choices import (
    AMENDABLE,
    EDITABLE,
    IN_PROGRESS,
    AgreementStatus,
    AmendmentKind,
    Party,
)
from access.agreements.diff import plain_sections, section_diffs
from access.agreements.events import Event
from access.agreements.filtersets import AgreementFilterSet
from access.agreements.forms import AgreementCreateForm, SectionsForm, SignatureForm, TransitionForm
from access.agreements.models import Agreement, AgreementVersion
from access.agreements.pdf import agreement_pdf
from access.agreements.tables import AgreementTable
from access.audit import events
from access.audit.models import AuditEvent
from access.core.views import ObjectDetailView, ObjectListView, ScopedMixin


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


def amendment_changes(agreement: Agreement) -> list[dict[str, Any]] | None:
    """For a modification or renewal: its current text against the text in force (version 1
    is a copy of the amended agreement's text), the changed sections only. None otherwise."""
    if agreement.amends_id is None:
        return None
    versions = list(agreement.versions.order_by("number"))
    if not versions:
        return []
    diffs = section_diffs(versions[0].sections, versions[-1].sections)
    return [d for d in diffs if d["changed"]]


class AgreementScoped(ScopedMixin):
    model = Agreement

    def scoped(self, action: str | None = None) -> QuerySet:
        return super().scoped(action).select_related("agency", "partnership_type")


class AgreementListView(AgreementScoped, ObjectListView):
    filterset_class = AgreementFilterSet
    table_class = AgreementTable
    title = "Agreements"
    export_name = "agreements"
    add_url = reverse_lazy("agreements:add")  # type: ignore[assignment]


class AgreementCreateView(AgreementScoped, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        self.require("add")
        return self._render(AgreementCreateForm(initial=request.GET.dict() or None))

    def post(self, request: HttpRequest) -> HttpResponse:
        self.require("add")
        form = AgreementCreateForm(request.POST)
        if form.is_valid():
            try:
                agreement = actions.draft_agreement(request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Drafted {agreement}.")
                return redirect(agreement.get_absolute_url())
        return self._render(form, status=400)

    def _render(self, form: Any, status: int = 200) -> HttpResponse:
        context = {"form": form, "title": "New agreement"}
        return render(self.request, "core/object_edit.html", context, status=status)


class AgreementDetailView(AgreementScoped, ObjectDetailView):
    template_name = "agreements/agreement_detail.html"

    def extra_context(self, obj: Agreement) -> dict[str, Any]:
        user: Any = self.request.user
        available = {t.name for t in obj.get_available_user_status_transitions(user)}  # type: ignore[attr-defined]
        steps = [
            (name, label) for name, (label, _) in actions.TRANSITIONS.items() if name in available
        ]
        party = actions.party_for(user, obj)
        signed = set(obj.signatures.values_list("party", flat=True))
        can_manage = self.scoped("manage").filter(pk=obj.pk).exists()
        open_amendment = obj.amendments.filter(status__in=IN_PROGRESS).first()
        return {
            "amendment_changes": amendment_changes(obj),
            "amendments": obj.amendments.order_by("-pk"),
            "can_amend": can_manage and obj.status in AMENDABLE and open_amendment is None,
            "amendment_kinds": AmendmentKind.choices(),
            "status_colour": AgreementStatus.colour(obj.status),
            "versions": obj.versions.order_by("-number"),
            "signatures": obj.signatures.all(),
            "steps": steps,
            "transition_form": TransitionForm(),
            "can_edit": obj.status in EDITABLE
            and bool(obj.versions.exists())
            and self.scoped("change").filter(pk=obj.pk).exists(),
            "sign_as": Party.label(party)
            if party and obj.status == AgreementStatus.APPROVED and party not in signed
            else None,
            "history": AuditEvent.objects.restrict(user)
            .filter(object_type="agreements.agreement", object_id=str(obj.pk))
            .order_by("-occurred_at", "-pk")[:50],
        }


class TransitionView(AgreementScoped, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        name = request.POST.get("transition", "")
        if name not in actions.TRANSITIONS:
            raise Http404("Unknown step")
        agreement = self.get_object(pk, actions.TRANSITIONS[name][1])
        form = TransitionForm(request.POST)
        reason = form.data.get("reason", "") if not form.is_valid() else form.cleaned_data["reason"]
        try:
            agreement = actions.apply_transition(request.user, agreement, name, reason=reason)
        except ValidationError as error:
            messages.error(request, _message(error))
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        else:
            now = AgreementStatus.phrase(agreement.status, now=True)
            messages.success(request, f"{actions.TRANSITIONS[name][0]}: done. The agreement {now}.")
        return redirect(agreement.get_absolute_url())


class AmendView(AgreementScoped, View):
    """Start a modification or renewal: a new agreement through the full lifecycle."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        original = self.get_object(pk, "manage")
        kind = request.POST.get("kind", "")
        try:
            amendment = actions.start_amendment(
                request.user, original, kind=kind, reason=request.POST.get("reason", "")[:1000]
            )
        except ValidationError as error:
            messages.error(request, _message(error))
            return redirect(original.get_absolute_url())
        messages.success(
            request,
            f"{AmendmentKind.label(kind)} started as agreement #{amendment.pk}. Edit its text, "
            "then send it through ICE legal review, agency review and both signatures.",
        )
        return redirect(amendment.get_absolute_url())


class SectionsEditView(AgreementScoped, View):
    template_name = "agreements/sections_edit.html"

    def _load(self, pk: int) -> tuple[Agreement, AgreementVersion | None]:
        agreement = self.get_object(pk, "change")
        return agreement, agreement.current_version

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        agreement, current = self._load(pk)
        if agreement.status not in EDITABLE or current is None:
            messages.error(
                request, "Section text can be edited only in a draft or during a modification."
            )
            return redirect(agreement.get_absolute_url())
        return self._render(agreement, SectionsForm(current.sections))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        agreement, current = self._load(pk)
        form = SectionsForm(current.sections if current else [], request.POST)
        if form.is_valid():
            try:
                version = actions.edit_sections(
                    request.user, agreement, form.texts(), form.cleaned_data["note"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Saved as version {version.number}.")
                return redirect(version.get_absolute_url())
        return self._render(agreement, form, status=400)

    def _render(self, agreement: Agreement, form: Any, status: int = 200) -> HttpResponse:
        context = {"object": agreement, "form": form, "title": f"Edit the text of {agreement}"}
        return render(self.request, self.template_name, context, status=status)


class VersionView(AgreementScoped, View):
    def get(self, request: HttpRequest, pk: int, number: int) -> HttpResponse:
        agreement = self.get_object(pk)
        versions = {v.number: v for v in agreement.versions.all()}
        version = versions.get(number)
        if version is None:
            raise Http404("No such version")
        against_raw = request.GET.get("against", str(number - 1))
        against = versions.get(int(against_raw)) if against_raw.isdigit() else None
        diffs = (
            section_diffs(against.sections, version.sections)
            if against
            else plain_sections(version.sections)
        )
        context = {
            "object": agreement,
            "version": version,
            "against": against,
            "diffs": diffs,
            "changed": sum(1 for d in diffs if d["changed"]),
            "versions": sorted(versions.values(), key=lambda v: v.number),
            "title": f"Version {version.number} of agreement #{agreement.pk}",
        }
        return render(request, "agreements/version.html", context)


class VersionPdfView(AgreementScoped, View):
    def get(self, request: HttpRequest, pk: int, number: int) -> HttpResponse:
        agreement = self.get_object(pk)
        version = agreement.versions.filter(number=number).first()
        if version is None:
            raise Http404("No such version")
        pdf = agreement_pdf(agreement, version)
        events.record(
            Event.PRINT,
            actor=request.user,
            obj=agreement,
            details={"version": number, "format": "pdf/ua-1", "bytes": len(pdf)},
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"agreement-{agreement.pk}-v{number}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class SignView(AgreementScoped, View):
    template_name = "agreements/sign.html"

    def _load(self, pk: int) -> tuple[Agreement, str]:
        agreement = self.get_object(pk, "sign")
        party = actions.party_for(self.request.user, agreement)
        if party is None:
            raise Http404("Not found")
        return agreement, party

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        agreement, party = self._load(pk)
        return self._render(agreement, party, SignatureForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        agreement, party = self._load(pk)
        form = SignatureForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                actions.sign(request.user, agreement, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Recorded the signature for {Party.label(party)}.")
                return redirect(agreement.get_absolute_url())
        return self._render(agreement, party, form, status=400)

    def _render(
        self, agreement: Agreement, party: str, form: Any, status: int = 200
    ) -> HttpResponse:
        context = {
            "object": agreement,
            "form": form,
            "amendment_changes": amendment_changes(agreement),
            "party": Party.label(party),
            "title": f"Sign agreement #{agreement.pk}",
        }
        return render(self.request, self.template_name, context, status=status)


class SignedDocumentView(AgreementScoped, View):
    def get(self, request: HttpRequest, pk: int, party: str) -> FileResponse:
        agreement = self.get_object(pk)
        signature = agreement.signatures.filter(party=party).first()
        if signature is None:
            raise Http404("No such signature")
        events.record(
            Event.DOWNLOAD_SIGNED,
            actor=request.user,
            obj=agreement,
            details={"party": party, "document": signature.document.name},
        )
        return FileResponse(
            signature.document.open("rb"),
            as_attachment=True,
            filename=f"agreement-{agreement.pk}-signed-{party}.pdf",
            content_type="application/pdf",
        )
