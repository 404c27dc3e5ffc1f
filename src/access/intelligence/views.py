"""Intelligence pages: the records of the user's task forces, a record (every opening is an
audited view), entry, validation, release outside the task force, the review queue and the
release log (page and CSV)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse_lazy
from django.views import View

from access.core.views import ObjectDetailView, ObjectListView, ScopedMixin
from access.intelligence import actions, rules
from access.intelligence.choices import RecordStatus
from access.intelligence.filtersets import RecordFilterSet, ReleaseFilterSet
from access.intelligence.forms import RecordForm, ReleaseForm, ValidateForm
from access.intelligence.membership import opens_intelligence
from access.intelligence.models import IntelligenceRecord, Release
from access.intelligence.queues import review_queue
from access.intelligence.tables import RecordTable, ReleaseTable


class IntelScoped(ScopedMixin):
    def require(self, action: str) -> None:
        """A grant is not enough: a ``team`` grant opens the pages only to a person serving
        on a task force now (404 otherwise, as for a record out of scope)."""
        super().require(action)
        opts = self.model._meta
        if not opens_intelligence(
            self.request.user, f"{opts.app_label}.{action}_{opts.model_name}"
        ):
            raise Http404("Not found")


class RecordScoped(IntelScoped):
    model = IntelligenceRecord

    def scoped(self, action: str | None = None) -> QuerySet:
        return super().scoped(action).select_related("task_force")


class RecordListView(RecordScoped, ObjectListView):
    filterset_class = RecordFilterSet
    table_class = RecordTable
    template_name = "intelligence/record_list.html"
    title = "Criminal intelligence"
    export_name = "intelligence-records"

    add_url = reverse_lazy("intelligence:new")  # type: ignore[assignment]


class ReviewQueueView(RecordListView):
    title = "Intelligence review queue"

    def scoped(self, action: str | None = None) -> QuerySet:
        queued = review_queue(self.request.user, action or self.action)
        return queued.filter(pk__in=super().scoped(action).values("pk"))


class RecordDetailView(RecordScoped, ObjectDetailView):
    template_name = "intelligence/record_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = self.get_object(pk)
        actions.view_record(request.user, record)
        return render(request, self.template_name, {"object": record, **self.extra_context(record)})

    def extra_context(self, obj: IntelligenceRecord) -> dict[str, Any]:
        user: Any = self.request.user
        releases = Release.objects.restrict(user).filter(record=obj).select_related("released_by")
        return {
            "title": str(obj),
            "status_colour": RecordStatus.colour(obj.status),
            "can_validate": obj.is_active and actions.may(user, "validate", obj),
            "can_release": obj.is_active and actions.may(user, "release", obj),
            "releases": releases,
            "show_releases": user.can("intelligence.view_release"),
        }


class RecordCreateView(RecordScoped, View):
    template_name = "intelligence/record_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        self.require("add")
        return self.page(RecordForm(user=request.user))

    def post(self, request: HttpRequest) -> HttpResponse:
        self.require("add")
        form = RecordForm(request.POST, user=request.user)
        if form.is_valid():
            data = dict(form.cleaned_data)
            task_force = data.pop("task_force")
            try:
                record = actions.submit_record(request.user, task_force, **data)
            except actions.Refused as refused:
                form.add_error(None, refused)
            else:
                messages.success(request, f"Entered {record}.")
                return redirect(record.get_absolute_url())
        return self.page(form, status=400)

    def page(self, form: RecordForm, status: int = 200) -> HttpResponse:
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "title": "New intelligence record",
                "retention_years": rules.retention_years(),
            },
            status=status,
        )


class RecordActionView(RecordScoped, View):
    """A form about one record (validate, release): 404 without the action's grant over it."""

    form_class: Any
    verb: str = ""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = self.get_object(pk, self.action)
        return self.page(record, self.form_class())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = self.get_object(pk, self.action)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.act(record, form.cleaned_data)
            except actions.Refused as refused:
                if hasattr(refused, "error_dict"):
                    for name, errors in refused.message_dict.items():
                        form.add_error(name if name in form.fields else None, errors)
                else:
                    form.add_error(None, refused)
            else:
                return redirect(record.get_absolute_url())
        return self.page(record, form, status=400)

    def act(self, record: IntelligenceRecord, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def page(self, record: IntelligenceRecord, form: Any, status: int = 200) -> HttpResponse:
        return render(
            self.request,
            "core/object_edit.html",
            {"form": form, "object": record, "title": f"{self.verb} {record}"},
            status=status,
        )


class ValidateView(RecordActionView):
    action = "validate"
    form_class = ValidateForm
    verb = "Validate"

    def act(self, record: IntelligenceRecord, data: dict[str, Any]) -> None:
        actions.validate_record(self.request.user, record, data["reason"])
        messages.success(self.request, f"Validated {record}: next review {record.review_due}.")


class ReleaseView(RecordActionView):
    action = "release"
    form_class = ReleaseForm
    verb = "Release"

    def act(self, record: IntelligenceRecord, data: dict[str, Any]) -> None:
        release = actions.release_record(self.request.user, record, **data)
        messages.success(self.request, f"Recorded the release to {release.recipient_name}.")


class ReleaseLogView(IntelScoped, ObjectListView):
    model = Release
    filterset_class = ReleaseFilterSet
    table_class = ReleaseTable
    title = "Intelligence release log"
    export_name = "intelligence-releases"

    def scoped(self, action: str | None = None) -> QuerySet:
        return super().scoped(action).select_related("record__task_force", "released_by")


urlpatterns: list[URLPattern] = [
    path("", RecordListView.as_view(), name="list"),
    path("new/", RecordCreateView.as_view(), name="new"),
    path("review/", ReviewQueueView.as_view(), name="review"),
    path("releases/", ReleaseLogView.as_view(), name="releases"),
    path("<int:pk>/", RecordDetailView.as_view(), name="detail"),
    path("<int:pk>/validate/", ValidateView.as_view(), name="validate"),
    path("<int:pk>/release/", ReleaseView.as_view(), name="release"),
]
