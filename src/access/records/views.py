"""The person record page. Outside an inquiry a record is shown only after its reader gives a
purpose, a reason and a case number (safeguard 5): ``GET`` shows that form and no person data;
the form's ``POST`` records the read (``record.viewed``, with those values) and shows the
record in its response. Ids only in the URL; the values travel in the POST body. Out of scope
is a 404."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from access.core.views import ObjectDetailView
from access.records import actions
from access.records.choices import Citizenship, ViewPurpose
from access.records.forms import PurposeForm
from access.records.models import PersonRecord


class RecordDetailView(ObjectDetailView):
    """``/records/<id>/``: the purpose form (GET), then the record (its POST)."""

    model = PersonRecord
    template_name = "records/record_detail.html"
    form_template = "records/record_purpose.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        self.get_object(pk)
        return self.purpose_form(request, pk, PurposeForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = self.get_object(pk)
        form = PurposeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.view_record(
                    request.user,
                    record,
                    purpose=data["purpose"],
                    reason=data["reason"],
                    case_number=data["case_number"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return render(request, self.template_name, self.record_context(record, data))
        return self.purpose_form(request, pk, form, status=400)

    def purpose_form(
        self, request: HttpRequest, pk: int, form: PurposeForm, status: int = 200
    ) -> HttpResponse:
        return render(request, self.form_template, {"form": form, "pk": pk}, status=status)

    def record_context(self, record: PersonRecord, data: dict[str, Any]) -> dict[str, Any]:
        return {
            "object": record,
            "birth_dates": record.birth_dates.all(),
            "identifiers": record.identifiers.all(),
            "addresses": record.addresses.all(),
            "immigration_events": record.immigration_events.all(),
            "arrests": record.arrests.prefetch_related("charges"),
            "citizenship_label": Citizenship.label(record.citizenship),
            "citizenship_colour": Citizenship.colour(record.citizenship),
            "purpose_label": ViewPurpose.label(data["purpose"]),
            "reason": data["reason"],
            "case_number": data["case_number"],
        }
