"""The one rule every API resource follows (``ScopedAPIMixin``, first in a viewset's bases).

* A caller without the resource's permission gets 404 on every route of it, before any
  parsing or validation runs: the same answer as the page, and the same as an object out of
  scope, so the API never tells a caller what exists.
* Object ids are integers: any other value in an id position is an unmatched path (404).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.http import Http404
from rest_framework.request import Request


class ScopedAPIMixin:
    """``permission`` defaults to the model's view permission (``app.view_model``);
    ``required_scope = "all"`` keeps the resource to ICE-wide roles (oversight)."""

    permission: ClassVar[str] = ""
    required_scope: ClassVar[str | None] = None
    lookup_value_regex = "[0-9]+"
    queryset: Any

    def resource_permission(self) -> str:
        if self.permission:
            return self.permission
        opts = self.queryset.model._meta
        return f"{opts.app_label}.view_{opts.model_name}"

    def check_permissions(self, request: Request) -> None:
        super().check_permissions(request)  # type: ignore[misc]
        scope = request.user.grant_scope(self.resource_permission())  # type: ignore[union-attr]
        if scope is None or (self.required_scope and scope != self.required_scope):
            raise Http404("Not found")
