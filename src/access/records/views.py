"""The person record page. Outside an inquiry a record is shown only after its reader gives a
purpose, a reason and a case number (safeguard 5): ``GET`` shows that form and no person data;
the form's ``POST`` records the read (``record.viewed``, with those values) and shows the
record in its response. Ids only in the URL; the values travel in the POST body. Out of scope
is a 404.

Also the matching model card (versions, calibration, evaluation)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from access.core.views import ObjectDetailView, ScopedMixin
from access.records import actions, model_drift
from access.records.choices import Citizenship, ModelStatus, ViewPurpose
from access.records.forms import PurposeForm
from access.records.model_lifecycle import DECISIONS, SYNTHETIC
from access.records.models import MatchModelVersion, PersonRecord


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


class ModelVersionListView(ScopedMixin, View):
    """``/records/models/``: the matching model card's versions, newest first (read only:
    versions change through ``access matching``)."""

    model = MatchModelVersion

    def get(self, request: HttpRequest) -> HttpResponse:
        self.require("view")
        versions = self.scoped().select_related("activated_by")
        return render(
            request,
            "records/model_versions.html",
            {"versions": versions, "active": versions.filter(status=ModelStatus.ACTIVE).first()},
        )


class ModelVersionDetailView(ObjectDetailView):
    """``/records/models/<id>/``: one version's sample, thresholds, calibration, evaluation
    (the reliability chart and its table) and who activated it."""

    model = MatchModelVersion
    template_name = "records/model_version_detail.html"

    def extra_context(self, obj: Any) -> dict[str, Any]:
        evaluation = obj.evaluation or {}
        rows = evaluation.get("reliability", [])
        pairs = obj.calibration_pairs or {}
        return {
            "rows": rows,
            "chart": reliability_chart(rows),
            "metrics": [
                (label, evaluation.get(f"{band}_{measure}"))
                for band, band_label in (
                    ("probable", "Probable"),
                    ("possible", "Possible or better"),
                )
                for measure, label in (
                    ("precision", f"{band_label}: precision"),
                    ("recall", f"{band_label}: recall"),
                )
            ]
            if evaluation
            else [],
            "pair_sources": [
                (name, pairs[name]) for name in (SYNTHETIC, DECISIONS) if name in pairs
            ],
            "evaluated_pairs": evaluation.get("pairs"),
            "decisions": model_drift.compare(obj) if obj.status == ModelStatus.ACTIVE else None,
            "min_decisions": model_drift.MIN_DECISIONS,
            "knots": list(zip(obj.calibration["x"], obj.calibration["y"], strict=True))
            if obj.calibration
            else [],
        }


CHART = {"size": 300, "pad": 40}


def reliability_chart(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """SVG coordinates of the reliability chart: predicted (x) against observed (y) match rate
    per bin, a point per bin and the diagonal of perfect calibration. The table beside it
    carries the same numbers for readers who do not see the chart."""
    size, pad = CHART["size"], CHART["pad"]

    def at(value: float) -> float:
        return round(pad + value * size, 1)

    def up(value: float) -> float:
        return round(pad + size - value * size, 1)

    points = [
        {
            "x": at(row["predicted"]),
            "y": up(row["observed"]),
            "label": f"predicted {row['predicted']:.1%}, observed {row['observed']:.1%}, "
            f"{row['n']} pairs",
        }
        for row in rows
    ]
    ticks = [{"value": f"{t:.0%}", "x": at(t), "y": up(t)} for t in (0.0, 0.25, 0.5, 0.75, 1.0)]
    return {
        "width": size + 2 * pad,
        "height": size + 2 * pad,
        "left": pad,
        "right": pad + size,
        "top": pad,
        "bottom": pad + size,
        "middle": pad + size / 2,
        "span": size,
        "below": pad + size + 16,
        "beside": pad - 6,
        "foot": size + 2 * pad - 4,
        "points": points,
        "line": " ".join(f"{p['x']},{p['y']}" for p in points),
        "ticks": ticks,
    }
