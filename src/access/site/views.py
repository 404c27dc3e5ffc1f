"""The home page: each of the user's roles with its work queue, and (for staff roles) the
progress of a demo population load while it runs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from access.accounts.models import User
from access.site import demo_population
from access.site.choices import LoadStatus
from access.site.models import DemoPopulationLoad
from access.site.queues import officer_overview_for, officer_queues_for, queues_for

AGENCY_ROLES = {"agency_liaison", "agency_officer"}


def demo_load_for(user: User, *, finished: bool = False) -> DemoPopulationLoad | None:
    """The demo population load to show staff roles: while it runs or after it failed (and,
    with ``finished``, once done: the polled panel says so instead of vanishing)."""
    if not set(user.roles.values_list("slug", flat=True)) - AGENCY_ROLES:
        return None
    load = demo_population.current()
    if load is None or (load.status == LoadStatus.DONE and not finished):
        return None
    return load


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    return render(
        request,
        "site/home.html",
        {
            "queues": queues_for(user),
            "demo_load": demo_load_for(user),
            "officer_queues": officer_queues_for(user),
            "officer_overview": officer_overview_for(user),
            "supervises": user.supervised_officers.exists(),
            "own_record": user.can("officers.view_own_officer"),
        },
    )


@require_GET
def demo_progress(request: HttpRequest) -> HttpResponse:
    """The progress panel alone, polled by the home page while the load runs."""
    user: User = request.user  # type: ignore[assignment]
    return render(
        request, "site/_demo_progress.html", {"demo_load": demo_load_for(user, finished=True)}
    )
