"""The task-force API's routes (registered in ``access.urls`` under ``/api/taskforces/``)."""

from __future__ import annotations

from django.urls import path

from access.taskforces.api.views import TaskForceViewSet

urlpatterns = [
    path("", TaskForceViewSet.as_view({"get": "list", "post": "create"}), name="taskforce-list"),
    path(
        "<int:pk>/",
        TaskForceViewSet.as_view({"get": "retrieve"}),
        name="taskforce-detail",
    ),
    path(
        "<int:pk>/operations/",
        TaskForceViewSet.as_view({"get": "operations"}),
        name="taskforce-operations",
    ),
    path(
        "<int:pk>/members/",
        TaskForceViewSet.as_view({"get": "members", "post": "members"}),
        name="taskforce-members",
    ),
]
