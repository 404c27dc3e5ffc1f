from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from access.audit import events
from access.audit.filtersets import AuditEventFilterSet
from access.audit.models import AuditEvent, AuditReview
from access.audit.review import complete_review, pending
from access.audit.tables import AuditEventTable
from access.core.views import ObjectListView


class AuditEventListView(ObjectListView):
    """Reading the audit trail is itself an audited act."""

    model = AuditEvent
    filterset_class = AuditEventFilterSet
    table_class = AuditEventTable
    title = "Audit trail"
    export_name = "audit-events"
    per_page = 50

    def get(self, request: HttpRequest) -> HttpResponseBase:
        self.require("view")
        if not request.GET.get("export"):
            events.record(
                events.Event.VIEWED,
                actor=request.user,
                object_type="audit.auditevent",
                details={"filters": {k: v for k, v in request.GET.items() if k != "page"}},
            )
        return super().get(request)


def audit_event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = AuditEvent.objects.restrict(request.user).filter(pk=pk).first()
    if event is None:
        raise Http404("Not found")
    events.record(
        events.Event.VIEWED,
        actor=request.user,
        object_type="audit.auditevent",
        object_id=pk,
        object_repr=str(event),
    )
    context: dict[str, Any] = {"event": event}
    return render(request, "audit/event_detail.html", context)


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest) -> HttpResponse:
    """Oversight completes the weekly review: the events since the last review, then findings."""
    if not request.user.can("audit.review_auditevent"):  # type: ignore[union-attr]
        raise Http404("Not found")
    findings = request.POST.get("findings", "").strip()
    error = ""
    if request.method == "POST":
        if findings:
            complete_review(request.user, findings)
            messages.success(request, "Review recorded.")
            return redirect("audit:review")
        error = "Write what the review found, or 'nothing to report'."
    return render(
        request,
        "audit/review.html",
        {
            "pending": pending(request.user),
            "error": error,
            "history": AuditReview.objects.select_related("reviewer")[:20],
        },
        status=400 if error else 200,
    )
