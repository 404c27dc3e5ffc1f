"""CAP pages: a roster's screening (the roster page): its progress, cancel and screen again,
and, once screened, each booked person's best candidates and who was screened with no result.

The progress region polls ``cap:roster_progress`` every second while the roster is queued or
screening (htmx, no page reload) and stops when the server answers 286 (done). Nothing here
shows a person record: candidates are listed by score and explanation and open on their own
(audited) page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.views import View

from access.cap.actions import queue as queue_actions
from access.cap.actions import screening as actions
from access.cap.choices import BookingStatus, RosterStatus
from access.cap.models import Booking, Roster, ScreeningCandidate
from access.cap.screening import progress_of
from access.core.views import ObjectDetailView, ScopedMixin

PER_PAGE = 50
DONE = 286  # htmx stops polling on this status (and still swaps the answer in)
RUNNING = (RosterStatus.QUEUED, RosterStatus.SCREENING)


def candidate_url(pk: int) -> str:
    """The candidate's page (the queue's), by pk; its path when that page is not installed."""
    try:
        return reverse("cap:candidate", args=[pk])
    except NoReverseMatch:
        return f"/cap/candidates/{pk}/"


def progress_context(roster: Roster, user: Any) -> dict[str, Any]:
    # A roster received without queueing (the demo's waiting roster) waits for "Screen now".
    not_queued = roster.status == RosterStatus.QUEUED and not roster.job_id
    running = roster.status in RUNNING and not not_queued
    may_cancel = user.can("cap.cancel_roster")
    done, total, percent = progress_of(roster)
    # Screen readers hear the region when its text changes: in steps of 10%, not every second.
    step = percent // 10 * 10
    return {
        "roster": roster,
        "done": done,
        "total": total,
        "percent": percent,
        "running": running,
        "status_colour": RosterStatus.colour(roster.status),
        "status_label": "Received; screening not started"
        if not_queued
        else roster.get_status_display(),
        "spoken": f"{roster.get_status_display()}: {step}% of bookings screened"
        if running
        else "Received; not yet handed to the screening job"
        if not_queued
        else roster.get_status_display(),
        "can_cancel": may_cancel and running and not roster.cancel_requested,
        "can_screen_again": may_cancel
        and roster.status in (RosterStatus.FAILED, RosterStatus.CANCELLED),
        "can_screen_now": may_cancel and not_queued,
    }


class RosterScoped(ScopedMixin):
    model = Roster

    def scoped(self, action: str | None = None) -> QuerySet:
        return super().scoped(action).select_related("facility__facility", "facility__team")


class RosterScreeningView(RosterScoped, ObjectDetailView):
    """The roster page: snapshot, counts, progress, and the results per booked person."""

    template_name = "cap/screening_roster.html"

    def extra_context(self, obj: Roster) -> dict[str, Any]:
        user: Any = self.request.user
        context = progress_context(obj, user)
        bookings = Booking.objects.restrict(user, "view").filter(last_roster=obj)
        screened = bookings.filter(screened_at__isnull=False)
        found = screened.filter(candidate_count__gt=0).prefetch_related(
            Prefetch(
                "candidates",
                queryset=ScreeningCandidate.objects.restrict(user, "view")
                .filter(roster=obj)
                .order_by("rank"),
                to_attr="found",
            )
        )
        page = Paginator(found.order_by("release_date", "pk"), PER_PAGE).get_page(
            self.request.GET.get("page")
        )
        for booking in page:
            for candidate in booking.found:
                candidate.url = candidate_url(candidate.pk)
        empty = Paginator(
            screened.filter(candidate_count=0).order_by("family_name", "given_name", "pk"),
            PER_PAGE,
        ).get_page(self.request.GET.get("none_page"))
        # The page names booked people: every rendering is logged with the bookings shown.
        shown = [b.pk for b in page] + [b.pk for b in empty]
        queue_actions.view_results(user, obj, bookings=shown, form="web")
        return {
            **context,
            "title": str(obj),
            "bookings_total": bookings.count(),
            "in_custody": bookings.filter(status=BookingStatus.IN_CUSTODY).count(),
            "screened_total": screened.count(),
            "found_page": page,
            "empty_page": empty,
        }


class RosterProgressView(RosterScoped, View):
    """The progress region alone (htmx polls it); a browser without htmx gets the page."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        roster = self.get_object(pk)
        if not getattr(request, "htmx", False):
            return redirect(roster.get_absolute_url())
        context = progress_context(roster, request.user)
        status = 200 if context["running"] else DONE
        return render(request, "cap/_screening_progress.html", context, status=status)


class CancelView(RosterScoped, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        roster = self.get_object(pk, "cancel")
        try:
            actions.cancel_screening(request.user, roster, request.POST.get("reason", ""))
        except ValidationError as error:
            messages.error(request, "Not cancelled: " + " ".join(error.messages))
        else:
            messages.success(request, "Cancelling: the screening stops after the chunk in hand.")
        return redirect(roster.get_absolute_url())


class ScreenAgainView(RosterScoped, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        roster = self.get_object(pk, "cancel")
        try:
            actions.screen_again(request.user, roster)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Queued for screening.")
        return redirect(roster.get_absolute_url())


urlpatterns: list[URLPattern] = [
    path("rosters/<int:pk>/", RosterScreeningView.as_view(), name="roster"),
    path("rosters/<int:pk>/progress/", RosterProgressView.as_view(), name="roster_progress"),
    path("rosters/<int:pk>/cancel/", CancelView.as_view(), name="roster_cancel"),
    path("rosters/<int:pk>/screen-again/", ScreenAgainView.as_view(), name="roster_screen_again"),
]
