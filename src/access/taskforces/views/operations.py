"""Operation pages: the list, an operation (members, targets, outcomes), planning one,
recording its outcomes, cancelling it."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import URLPattern, path

from access.core.views import ObjectDetailView, ObjectListView, ScopedMixin
from access.taskforces.actions import operations as actions
from access.taskforces.choices import OperationStatus
from access.taskforces.filtersets import OperationFilterSet
from access.taskforces.forms import CancelForm, OperationForm, OutcomesForm, pairs
from access.taskforces.models import Operation
from access.taskforces.tables import OperationTable
from access.taskforces.views.charter import TaskForceScoped
from access.taskforces.views.common import ActionFormView


class OperationScoped(ScopedMixin):
    model = Operation

    def scoped(self, action: str | None = None) -> QuerySet:
        return super().scoped(action).select_related("task_force")


class OperationListView(OperationScoped, ObjectListView):
    filterset_class = OperationFilterSet
    table_class = OperationTable
    title = "Task-force operations"
    export_name = "task-force-operations"


class OperationDetailView(OperationScoped, ObjectDetailView):
    template_name = "taskforces/operation_detail.html"

    def extra_context(self, obj: Operation) -> dict[str, Any]:
        can_change = obj.status == OperationStatus.PLANNED and actions.may_change(
            self.request.user, obj
        )
        return {
            "title": str(obj),
            "can_change": can_change,
            "participants": obj.participants.select_related(
                "member__officer__agency", "member__user"
            ),
            "targets": obj.targets.all(),
            "arrests": obj.arrest_counts.all(),
        }


class OperationPlanView(TaskForceScoped, ActionFormView):
    title = "Plan an operation of {obj}"
    done = "Operation planned."

    def allowed(self, obj: Any) -> bool:
        return actions.may_add(self.request.user, obj)

    def make_form(self, obj: Any, data: Any = None) -> Any:
        return OperationForm(data, task_force=obj)

    def perform(self, obj: Any, form: Any) -> Any:
        data = form.cleaned_data
        return actions.plan_operation(
            self.request.user,
            obj,
            actions.OperationInput(
                name=data["name"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                area=data["area"],
                summary=data["summary"],
                community_shield=bool(data.get("community_shield")),
                participants=form.participants(),
                targets=pairs(data["targets"]),
            ),
        )


class OperationChangeView(OperationScoped, ActionFormView):
    def allowed(self, obj: Operation) -> bool:
        return actions.may_change(self.request.user, obj)


class OutcomesView(OperationChangeView):
    title = "Record the outcomes of {obj}"
    done = "Outcomes recorded."

    def make_form(self, obj: Operation, data: Any = None) -> Any:
        return OutcomesForm(data)

    def perform(self, obj: Operation, form: Any) -> Any:
        data = form.cleaned_data
        return actions.record_outcomes(
            self.request.user,
            obj,
            completed_on=data["completed_on"],
            arrests=form.arrests(),
            seizures=data["seizures"],
            seizure_note=data["seizure_note"],
            prosecution_referrals=data["prosecution_referrals"],
            victims_identified=data["victims_identified"],
        )


class CancelView(OperationChangeView):
    title = "Cancel {obj}"
    done = "Operation cancelled."

    def make_form(self, obj: Operation, data: Any = None) -> Any:
        return CancelForm(data)

    def perform(self, obj: Operation, form: Any) -> Any:
        return actions.cancel_operation(self.request.user, obj, **form.cleaned_data)


urlpatterns: list[URLPattern] = [
    path("operations/", OperationListView.as_view(), name="operations"),
    path("operations/<int:pk>/", OperationDetailView.as_view(), name="operation"),
    path("operations/<int:pk>/outcomes/", OutcomesView.as_view(), name="outcomes_record"),
    path("operations/<int:pk>/cancel/", CancelView.as_view(), name="operation_cancel"),
    path("<int:pk>/operations/new/", OperationPlanView.as_view(), name="operation_add"),
]
