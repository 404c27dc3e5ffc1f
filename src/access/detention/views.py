"""Detainer pages: the list with each clock, the detail, issuing on an encounter, recording
the release time and the outcome."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch
from django.utils import timezone
from django.views import View

from access.agencies.models import Facility
from access.core.views import ObjectDetailView, ObjectListView, ScopedMixin
from access.detention import actions, clock
from access.detention.choices import DetainerStatus
from access.detention.filtersets import DetainerFilterSet
from access.detention.forms import IssueForm, OutcomeForm, ReleaseForm, in_zone
from access.detention.models import Detainer
from access.detention.release_hints import expected_release
from access.detention.tables import DetainerTable
from access.detention.timeleft import describe
from access.enforcement.models import Encounter


def encounter_url(encounter: Encounter) -> str | None:
    """The encounter page, when the enforcement pages are installed in this build."""
    try:
        return encounter.get_absolute_url()
    except NoReverseMatch:
        return None


class DetainerScoped(ScopedMixin):
    model = Detainer

    def scoped(self, action: str | None = None) -> QuerySet:
        return (
            super()
            .scoped(action)
            .select_related("agency", "facility", "officer", "form", "encounter")
        )

    def may(self, detainer: Detainer, action: str) -> bool:
        return self.scoped(action).filter(pk=detainer.pk).exists()


class DetainerListView(DetainerScoped, ObjectListView):
    filterset_class = DetainerFilterSet
    table_class = DetainerTable
    title = "Detainers"
    export_name = "detainers"


class DetainerDetailView(DetainerScoped, ObjectDetailView):
    template_name = "detention/detainer_detail.html"

    def extra_context(self, obj: Detainer) -> dict[str, Any]:
        text, colour = describe(obj)
        can_resolve = obj.is_open and self.may(obj, "resolve")
        local_deadline = obj.local(obj.deadline)
        local_release = obj.local(obj.release_at)
        return {
            "encounter_url": encounter_url(obj.encounter),
            "status_colour": DetainerStatus.colour(obj.status),
            "local_deadline": local_deadline.isoformat(timespec="minutes")
            if local_deadline
            else "",
            "local_release": local_release.isoformat(timespec="minutes") if local_release else "",
            "clock_text": text,
            "clock_colour": colour,
            "can_resolve": can_resolve,
            "release_form": ReleaseForm() if can_resolve else None,
            "outcome_form": OutcomeForm() if can_resolve else None,
            "alerts": obj.alerts.all(),
        }


def _add_errors(form: Any, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


class IssueView(View):
    """Issue a detainer on an encounter the user's agency recorded."""

    def _encounter(self, pk: int) -> Encounter:
        user: Any = self.request.user
        if not user.can("detention.add_detainer"):
            raise Http404("Not found")
        try:
            return (
                Encounter.objects.restrict(user, "view")
                .select_related("agency", "partnership_type")
                .get(pk=pk)
            )
        except Encounter.DoesNotExist as missing:
            raise Http404("Not found") from missing

    def _form(self, encounter: Encounter, data: Any = None) -> IssueForm:
        facilities = Facility.objects.filter(agency=encounter.agency_id).order_by("name")
        form = IssueForm(data, facilities=facilities)
        if data is None and encounter.facility_id:
            form.initial["facility"] = encounter.facility_id
        release = expected_release(encounter)
        if data is None and release is not None and self._may_start(encounter, release):
            zone = encounter.facility.time_zone if encounter.facility else ""
            local = release.astimezone(clock.zone(zone)) if zone else release
            form.initial["release_at"] = local.strftime("%Y-%m-%dT%H:%M")
        return form

    @staticmethod
    def _may_start(encounter: Encounter, release: datetime) -> bool:
        """The issue action accepts this release time now (not too far ahead, not before)."""
        return encounter.occurred_at <= release <= timezone.now() + actions.RELEASE_LEEWAY

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        encounter = self._encounter(pk)
        return self._render(encounter, self._form(encounter))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        encounter = self._encounter(pk)
        form = self._form(encounter, request.POST)
        if form.is_valid():
            try:
                detainer = actions.issue_detainer(request.user, encounter, **form.action_data())
            except ValidationError as error:
                _add_errors(form, error)
            except PermissionDenied as denied:
                raise Http404("Not found") from denied
            else:
                messages.success(request, f"Issued {detainer}.")
                return redirect(detainer.get_absolute_url())
        return self._render(encounter, form, status=400)

    def _render(self, encounter: Encounter, form: IssueForm, status: int = 200) -> HttpResponse:
        release = expected_release(encounter)
        context = {
            "form": form,
            "encounter": encounter,
            "expected_release": release,
            "release_later": release is not None and not self._may_start(encounter, release),
            "encounter_url": encounter_url(encounter),
            "title": "Issue a detainer (Form I-247A)",
        }
        return render(self.request, "detention/issue.html", context, status=status)


class ReleaseView(DetainerScoped, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        detainer = self.get_object(pk, "resolve")
        form = ReleaseForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Enter the release time as a date and time.")
            return redirect(detainer.get_absolute_url())
        release = in_zone(form.cleaned_data["release_at"], detainer.time_zone)
        if release is None:  # the field is required; kept for the type checker
            raise Http404("Not found")
        try:
            actions.record_release(request.user, detainer, release)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        else:
            messages.success(request, "Release time recorded: the hold clock is running.")
        return redirect(detainer.get_absolute_url())


class OutcomeView(DetainerScoped, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        detainer = self.get_object(pk, "resolve")
        form = OutcomeForm(request.POST)
        if not form.is_valid():
            problems = [str(e) for errors in form.errors.values() for e in errors]
            messages.error(request, "The outcome was not recorded: " + " ".join(problems))
            return redirect(detainer.get_absolute_url())
        data = form.cleaned_data
        try:
            actions.record_outcome(
                request.user,
                detainer,
                data["outcome"],
                data["reason"],
                at=in_zone(data["at"], detainer.time_zone),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        else:
            messages.success(request, "Outcome recorded.")
        return redirect(detainer.get_absolute_url())
