"""The person record page. Opening it writes ``record.viewed``; out of scope is a 404."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from access.core.views import ObjectDetailView
from access.records import actions
from access.records.choices import Citizenship, ViewPurpose
from access.records.models import PersonRecord


class RecordDetailView(ObjectDetailView):
    """``/records/<id>/?purpose=inquiry&reason=...&case=...``: ids only, no person data."""

    model = PersonRecord
    template_name = "records/record_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = self.get_object(pk)
        purpose = request.GET.get("purpose", "")
        actions.view_record(
            request.user,
            record,
            purpose=purpose if purpose in ViewPurpose.values() else "",
            reason=request.GET.get("reason", ""),
            case_number=request.GET.get("case", ""),
        )
        arrests = record.arrests.prefetch_related("charges")
        return render(
            request,
            self.template_name,
            {
                "object": record,
                "birth_dates": record.birth_dates.all(),
                "identifiers": record.identifiers.all(),
                "addresses": record.addresses.all(),
                "immigration_events": record.immigration_events.all(),
                "arrests": arrests,
                "citizenship_label": Citizenship.label(record.citizenship),
                "citizenship_colour": Citizenship.colour(record.citizenship),
                "purpose_label": ViewPurpose.label(purpose) if purpose else "",
            },
        )
