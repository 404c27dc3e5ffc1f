"""The home page: each of the user's roles with its work queue."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from access.site.queues import queues_for


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "site/home.html", {"queues": queues_for(request.user)})  # type: ignore[arg-type]
