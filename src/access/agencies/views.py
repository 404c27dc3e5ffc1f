from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views import View

from access.agencies import actions
from access.agencies.filtersets import AgencyFilterSet
from access.agencies.forms import AgencyForm, ContactForm, FacilityForm
from access.agencies.models import Agency, Contact, Facility
from access.agencies.tables import AgencyTable
from access.core.views import ObjectDetailView, ObjectEditView, ObjectListView, ScopedMixin


class AgencyListView(ObjectListView):
    model = Agency
    filterset_class = AgencyFilterSet
    table_class = AgencyTable
    title = "Agencies"
    export_name = "agencies"
    add_url = reverse_lazy("agencies:add")  # type: ignore[assignment]


class AgencyDetailView(ObjectDetailView):
    model = Agency
    template_name = "agencies/agency_detail.html"

    def extra_context(self, obj: Agency) -> dict[str, Any]:
        return {
            "facilities": obj.facilities.all(),
            "contacts": obj.contacts.all(),
            "can_change": Agency.objects.restrict(self.request.user, "change")
            .filter(pk=obj.pk)
            .exists(),
        }


class AgencyEditView(ObjectEditView):
    model = Agency
    form_class = AgencyForm

    def save(self, instance: Agency, data: dict[str, Any]) -> Agency:  # type: ignore[override]
        if instance.pk:
            return actions.update_agency(self.request.user, instance, **data)
        return actions.create_agency(self.request.user, **data)


class _ChildEditView(ScopedMixin, View):
    """Add or edit a facility or contact of an agency the user may change."""

    model = Agency
    child_model: Any
    form_class: Any
    save_action: Any
    noun: str

    def _load(self, agency_pk: int, pk: int | None) -> tuple[Agency, Any]:
        agency = self.get_object(agency_pk, "change")
        if pk is None:
            return agency, self.child_model(agency=agency)
        child = self.child_model.objects.filter(agency=agency, pk=pk).first()
        if child is None:
            from django.http import Http404

            raise Http404("Not found")
        return agency, child

    def get(self, request: HttpRequest, agency_pk: int, pk: int | None = None) -> HttpResponse:
        agency, child = self._load(agency_pk, pk)
        return self._render(agency, child, self.form_class(instance=child))

    def post(self, request: HttpRequest, agency_pk: int, pk: int | None = None) -> HttpResponse:
        agency, child = self._load(agency_pk, pk)
        form = self.form_class(
            request.POST, instance=self.child_model.objects.get(pk=pk) if pk else None
        )
        if form.is_valid():
            try:
                type(self).save_action(
                    request.user, child, **{f: form.cleaned_data[f] for f in form.fields}
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Saved {self.noun} {child}.")
                return redirect(agency.get_absolute_url())
        return self._render(agency, child, form, status=400)

    def _render(self, agency: Agency, child: Any, form: Any, status: int = 200) -> HttpResponse:
        verb = "Edit" if child.pk else "Add"
        return render(
            self.request,
            "core/object_edit.html",
            {
                "form": form,
                "title": f"{verb} {self.noun}: {agency.name}",
                "parent": agency,
            },
            status=status,
        )


class FacilityEditView(_ChildEditView):
    child_model = Facility
    form_class = FacilityForm
    save_action = actions.save_facility
    noun = "facility"


class ContactEditView(_ChildEditView):
    child_model = Contact
    form_class = ContactForm
    save_action = actions.save_contact
    noun = "contact"
