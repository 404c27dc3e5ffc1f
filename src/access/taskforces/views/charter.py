"""Task-force pages: the list, a task force's page (charter, agencies, members, objectives,
operations), opening one, changing its charter, and adding objectives, agencies, members."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import URLPattern, path, reverse_lazy

from access.core.views import ObjectDetailView, ObjectEditView, ObjectListView, ScopedMixin
from access.taskforces.actions import charter as actions
from access.taskforces.actions import members as member_actions
from access.taskforces.actions.common import may_manage
from access.taskforces.actions.operations import may_add
from access.taskforces.choices import TaskForceStatus
from access.taskforces.filtersets import TaskForceFilterSet
from access.taskforces.forms import (
    AgencyForm,
    CharterForm,
    EndForm,
    MemberForm,
    ObjectiveForm,
    OpenForm,
    pairs,
)
from access.taskforces.models import Operation, TaskForce
from access.taskforces.tables import TaskForceTable
from access.taskforces.views.common import ActionFormView


class TaskForceScoped(ScopedMixin):
    model = TaskForce

    def scoped(self, action: str | None = None) -> QuerySet:
        return (
            super()
            .scoped(action)
            .select_related("lead_agency", "partnership_type", "ice_lead", "agreement")
        )


class TaskForceListView(TaskForceScoped, ObjectListView):
    filterset_class = TaskForceFilterSet
    table_class = TaskForceTable
    title = "Task forces"
    export_name = "task-forces"
    add_url = reverse_lazy("taskforces:add")  # type: ignore[assignment]


class TaskForceDetailView(TaskForceScoped, ObjectDetailView):
    template_name = "taskforces/taskforce_detail.html"

    def extra_context(self, obj: TaskForce) -> dict[str, Any]:
        user: Any = self.request.user
        operations = (
            Operation.objects.restrict(user)
            .filter(task_force=obj)
            .prefetch_related("arrest_counts")
            .order_by("-starts_on", "pk")
        )
        return {
            "title": str(obj),
            "status_colour": TaskForceStatus.colour(obj.status),
            "can_manage": may_manage(user, obj),
            "can_plan": may_add(user, obj),
            "participations": obj.participations.select_related("agency").order_by(
                "left_on", "agency__name"
            ),
            "members": obj.members.select_related("officer__agency", "user").order_by(
                "ends_on", "role", "pk"
            ),
            "objectives": obj.objectives.all(),
            "operations": operations,
        }


class TaskForceOpenView(ObjectEditView):
    model = TaskForce
    form_class = OpenForm

    def save(self, instance: Any, data: dict[str, Any]) -> Any:
        charter = actions.Charter(
            name=data["name"] or "",
            partnership_type=data["partnership_type"],
            challenge=data["challenge"],
            area=data["area"] or "",
            lead_agency=data["lead_agency"],
            starts_on=data["starts_on"],
            review_on=data["review_on"],
            ice_lead=data["ice_lead"],
            agreement=data["agreement"],
            community_shield=bool(data["community_shield"]),
            mission=data["mission"] or "",
            ends_on=data["ends_on"],
            agencies=list(data["agencies"]),
            objectives=pairs(data["objectives"] or ""),
        )
        return actions.open_task_force(self.request.user, charter)

    def get_instance(self, pk: int | None) -> Any:
        if self.request.user.grant_scope("taskforces.add_taskforce") != "all":  # type: ignore[union-attr]
            raise Http404("Not found")
        return TaskForce()


class CharterEditView(TaskForceScoped, ObjectEditView):
    form_class = CharterForm
    action = "view"

    def get_instance(self, pk: int | None) -> Any:
        task_force = self.get_object(pk or 0)
        if not may_manage(self.request.user, task_force):
            raise Http404("Not found")
        return task_force

    def save(self, instance: Any, data: dict[str, Any]) -> Any:
        return actions.change_charter(self.request.user, instance, **data)


class ManageView(TaskForceScoped, ActionFormView):
    def allowed(self, obj: TaskForce) -> bool:
        return may_manage(self.request.user, obj)


class ObjectiveAddView(ManageView):
    title = "Add an objective to {obj}"
    done = "Objective added."

    def make_form(self, obj: TaskForce, data: Any = None) -> Any:
        return ObjectiveForm(data)

    def perform(self, obj: TaskForce, form: Any) -> Any:
        actions.add_objective(self.request.user, obj, **form.cleaned_data)
        return obj


class AgencyAddView(ManageView):
    title = "Add an agency to {obj}"
    done = "The agency takes part."

    def make_form(self, obj: TaskForce, data: Any = None) -> Any:
        return AgencyForm(data, task_force=obj)

    def perform(self, obj: TaskForce, form: Any) -> Any:
        member_actions.add_agency(self.request.user, obj, **form.cleaned_data)
        return obj


class MemberAddView(ManageView):
    title = "Add a member to {obj}"
    done = "Member added."

    def make_form(self, obj: TaskForce, data: Any = None) -> Any:
        return MemberForm(data, task_force=obj)

    def perform(self, obj: TaskForce, form: Any) -> Any:
        member_actions.add_member(self.request.user, obj, **form.cleaned_data)
        return obj


class EndView(ManageView):
    """End a participation or a membership (``related``: the task force's rows of it)."""

    related = ""

    def target(self, request: HttpRequest, **kwargs: Any) -> Any:
        task_force = super().target(request, **kwargs)
        row = getattr(task_force, self.related).filter(pk=kwargs["row"]).first()
        if row is None:
            raise Http404("Not found")
        return row

    def parent(self, obj: Any) -> Any:
        return obj.task_force

    def make_form(self, obj: Any, data: Any = None) -> Any:
        return EndForm(data)


class AgencyEndView(EndView):
    related = "participations"
    title = "End {obj}"
    done = "The agency no longer takes part."

    def perform(self, obj: Any, form: Any) -> Any:
        data = form.cleaned_data
        member_actions.end_agency(self.request.user, obj, left_on=data["on"], reason=data["reason"])
        return obj.task_force


class MemberEndView(EndView):
    related = "members"
    title = "End the membership of {obj}"
    done = "Membership ended."

    def perform(self, obj: Any, form: Any) -> Any:
        data = form.cleaned_data
        member_actions.end_member(self.request.user, obj, ends_on=data["on"], reason=data["reason"])
        return obj.task_force


urlpatterns: list[URLPattern] = [
    path("", TaskForceListView.as_view(), name="list"),
    path("new/", TaskForceOpenView.as_view(), name="add"),
    path("<int:pk>/", TaskForceDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", CharterEditView.as_view(), name="edit"),
    path("<int:pk>/objectives/add/", ObjectiveAddView.as_view(), name="objective_add"),
    path("<int:pk>/agencies/add/", AgencyAddView.as_view(), name="agency_add"),
    path("<int:pk>/agencies/<int:row>/end/", AgencyEndView.as_view(), name="agency_end"),
    path("<int:pk>/members/add/", MemberAddView.as_view(), name="member_add"),
    path("<int:pk>/members/<int:row>/end/", MemberEndView.as_view(), name="member_end"),
]
