"""Outcome roll-ups: per task force (anyone who sees the task force) and, for Operation
Community Shield, nationally (ICE-wide readers only: ``taskforces.view_operation`` with
scope ``all``). Counts only; each page has a CSV download, which is audited."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from access.audit import events
from access.core.exports import rows_to_response
from access.taskforces import rollups
from access.taskforces.events import Event
from access.taskforces.models import Operation, TaskForce


def _respond(
    request: HttpRequest, rollup: rollups.Rollup, *, title: str, scope: str, slug: str, obj: Any
) -> HttpResponse:
    if request.GET.get("format") == "csv":
        events.record(
            Event.EXPORT_OUTCOMES,
            actor=request.user,
            obj=obj,
            object_type="" if obj else "taskforces.operation",
            object_repr="" if obj else "Operation Community Shield",
            details={"rows": len(rollup.csv_rows()), "scope": scope},
        )
        return rows_to_response(slug, "csv", rollups.CSV_HEADERS, rollup.csv_rows())
    return render(
        request,
        "taskforces/outcomes.html",
        {
            "title": title,
            "scope": scope,
            "rollup": rollup,
            "charts": rollup.charts(),
            "object": obj,
        },
    )


def task_force_outcomes(request: HttpRequest, pk: int) -> HttpResponse:
    task_force = TaskForce.objects.restrict(request.user).filter(pk=pk).first()
    if task_force is None:
        raise Http404("Not found")
    operations = Operation.objects.restrict(request.user).filter(task_force=task_force)
    return _respond(
        request,
        rollups.rollup(operations),
        title=f"Outcomes of {task_force}",
        scope=str(task_force),
        slug="task-force-outcomes",
        obj=task_force,
    )


def community_shield(request: HttpRequest) -> HttpResponse:
    if request.user.grant_scope("taskforces.view_operation") != "all":  # type: ignore[union-attr]
        raise Http404("Not found")
    return _respond(
        request,
        rollups.community_shield(),
        title="Operation Community Shield: national outcomes",
        scope="every task force in Operation Community Shield",
        slug="community-shield-outcomes",
        obj=None,
    )


urlpatterns: list[URLPattern] = [
    path("community-shield/", community_shield, name="community_shield"),
    path("<int:pk>/outcomes/", task_force_outcomes, name="outcomes"),
]
