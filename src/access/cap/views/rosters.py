"""CAP pages: rosters. The list of rosters a user may see; the upload page; the mapping preview
shown before a facility's first import (or when a file's headers lack mapped columns).

Between the upload and the mapping confirmation the file waits in a staging file under
``var/`` named by a random token kept in the session: nothing of the roster goes in a URL or in
the session itself, and the file is removed once it is imported or refused.
"""

from __future__ import annotations

import secrets
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import django_filters
import django_tables2 as tables
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils.html import format_html
from django.views import View

from access.cap import rosters
from access.cap.actions import rosters as actions
from access.cap.choices import RosterSource, RosterStatus
from access.cap.forms import MappingForm, RosterUploadForm
from access.cap.models import CapFacility, Roster
from access.core.views import ObjectListView, ScopedMixin

STAGING_SESSION_KEY = "cap_roster_staging"
# A staged file nobody confirmed is removed by the next upload after this many seconds.
STAGING_MAX_AGE = 24 * 3600


def staging_dir() -> Path:
    return Path(settings.VAR_DIR) / "cap-roster-staging"


def roster_url(roster: Roster) -> str:
    """The roster's page (the screening work's ``cap:roster``), resolved when it exists."""
    try:
        return reverse("cap:roster", args=[roster.pk])
    except NoReverseMatch:
        return f"{reverse('cap:rosters')}{roster.pk}/"


class RosterTable(tables.Table):
    id = tables.Column(verbose_name="Roster", order_by=("pk",))
    facility = tables.Column(verbose_name="Facility", order_by=("facility__facility__name",))
    as_of = tables.DateTimeColumn(verbose_name="Snapshot time", format="Y-m-d H:i")
    row_count = tables.Column(verbose_name="Bookings")
    booked_in = tables.Column(verbose_name="New")
    released = tables.Column(verbose_name="Released")
    status = tables.Column(verbose_name="Status")

    export_columns = {
        "pk": "roster",
        "facility__facility__name": "facility",
        "as_of": "as_of",
        "row_count": "bookings",
        "booked_in": "booked_in",
        "released": "released",
        "status": "status",
    }

    class Meta:
        model = Roster
        fields = ["id", "facility", "as_of", "row_count", "booked_in", "released", "status"]
        order_by = ["-as_of"]

    def render_id(self, record: Roster) -> Any:
        return format_html('<a class="usa-link" href="{}">#{}</a>', roster_url(record), record.pk)

    def render_status(self, record: Roster) -> Any:
        return format_html(
            '<span class="usa-tag {}">{}</span>',
            RosterStatus.colour(record.status),
            RosterStatus.label(record.status),
        )


class RosterFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label="Status", choices=RosterStatus.choices(), empty_label="Any status"
    )
    facility = django_filters.ModelChoiceFilter(
        label="Facility", queryset=CapFacility.objects.none(), empty_label="Any facility"
    )

    class Meta:
        model = Roster
        fields = ["status", "facility"]

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        facilities = CapFacility.objects.restrict(request.user if request else None).select_related(
            "facility"
        )
        self.filters["facility"].queryset = facilities
        self.form.fields["facility"].queryset = facilities


class RosterListView(ObjectListView):
    model = Roster
    filterset_class = RosterFilterSet
    table_class = RosterTable
    title = "Rosters"
    export_name = "cap-rosters"
    template_name = "cap/roster_list.html"

    def scoped(self, action: str | None = None) -> Any:
        return super().scoped(action).select_related("facility__facility")


class FacilityRosterMixin(ScopedMixin):
    """The facility comes through ``restrict``; sending rosters needs ``cap.add_roster`` for
    it (the action checks the team); without it the pages are a 404 like everything else."""

    model = CapFacility

    def facility(self, pk: int) -> CapFacility:
        facility = self.get_object(pk)
        if not self.request.user.can("cap.add_roster"):  # type: ignore[union-attr]
            raise Http404("Not found")
        return facility

    def receive(
        self, facility: CapFacility, data: bytes, filename: str, as_of: datetime | None
    ) -> tuple[Roster | None, list[rosters.RowError], str]:
        try:
            roster, created = actions.receive_roster(
                self.request.user,
                facility,
                data=data,
                filename=filename,
                source=RosterSource.UPLOAD,
                as_of=as_of,
            )
        except actions.RosterRefused as refused:
            return None, refused.row_errors, str(refused)
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        if created:
            messages.success(
                self.request,
                f"Roster received: {roster.row_count} bookings, {roster.booked_in} new, "
                f"{roster.released} released since the last roster. Screening is queued.",
            )
        else:
            messages.info(
                self.request, "This roster was already received; it is not screened again."
            )
        return roster, [], ""


class RosterUploadView(FacilityRosterMixin, View):
    template_name = "cap/roster_upload.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        facility = self.facility(pk)
        return self._render(facility, RosterUploadForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        facility = self.facility(pk)
        form = RosterUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._render(facility, form, status=400)
        upload = form.cleaned_data["roster"]
        data = upload.read()
        as_of = form.cleaned_data.get("as_of")
        try:
            table = rosters.read_table(data)
        except rosters.RosterRefused as refused:
            return self._render(facility, form, refused.row_errors, str(refused), status=400)
        if rosters.needs_mapping(facility.column_mapping, table.headers):
            _stage(request, facility, data, upload.name, as_of)
            return redirect("cap:roster_mapping", pk=facility.pk)
        roster, errors, message = self.receive(facility, data, upload.name, as_of)
        if roster is None:
            return self._render(facility, form, errors, message, status=400)
        return HttpResponseRedirect(roster_url(roster))

    def _render(
        self,
        facility: CapFacility,
        form: Any,
        errors: Any = (),
        message: str = "",
        status: int = 200,
    ) -> HttpResponse:
        context = {
            "facility": facility,
            "form": form,
            "errors": errors,
            "message": message,
            "mapping": [(rosters.FIELDS.get(f, f), c) for f, c in facility.column_mapping.items()],
            "title": f"Send a roster: {facility}",
        }
        return render(self.request, self.template_name, context, status=status)


class RosterMappingView(FacilityRosterMixin, View):
    """Which column holds each field, with the first rows as they would be read; confirming
    saves the mapping for the facility and imports the staged file."""

    template_name = "cap/roster_mapping.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        facility = self.facility(pk)
        staged = _staged(request, facility)
        if staged is None:
            return self._expired(facility)
        table = rosters.read_table(staged[0])
        saved = {f: c for f, c in facility.column_mapping.items() if c in table.headers}
        initial = (
            saved
            if not rosters.missing_fields(saved)
            else {
                **rosters.suggest_mapping(table.headers),
                **saved,
            }
        )
        form = MappingForm(initial=initial, headers=table.headers)
        return self._render(facility, form, table, initial, staged[1])

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        facility = self.facility(pk)
        staged = _staged(request, facility)
        if staged is None:
            return self._expired(facility)
        data, filename, as_of = staged
        table = rosters.read_table(data)
        form = MappingForm(request.POST, headers=table.headers)
        if not form.is_valid():
            return self._render(facility, form, table, {}, filename, status=400)
        mapping = form.mapping()
        if "confirm" not in request.POST:
            return self._render(facility, form, table, mapping, filename)
        try:
            actions.save_mapping(request.user, facility, mapping)
        except actions.RosterRefused as refused:
            return self._render(
                facility, form, table, mapping, filename, refused.row_errors, str(refused), 400
            )
        except PermissionDenied as denied:
            raise Http404("Not found") from denied
        facility.refresh_from_db()
        _unstage(request)
        roster, errors, message = self.receive(facility, data, filename, as_of)
        if roster is None:
            messages.info(request, "The column mapping was saved.")
            upload = RosterUploadView()
            upload.request = request
            return upload._render(facility, RosterUploadForm(), errors, message, status=400)
        return HttpResponseRedirect(roster_url(roster))

    def _expired(self, facility: CapFacility) -> HttpResponse:
        messages.info(self.request, "Choose the roster file to send.")
        return redirect("cap:roster_upload", pk=facility.pk)

    def _render(
        self,
        facility: CapFacility,
        form: MappingForm,
        table: rosters.Table,
        mapping: dict[str, str],
        filename: str,
        errors: Any = (),
        message: str = "",
        status: int = 200,
    ) -> HttpResponse:
        context = {
            "facility": facility,
            "form": form,
            "filename": filename,
            "row_count": len(table.rows),
            "fields": list(rosters.FIELDS.values()),
            "preview": rosters.preview(table, mapping),
            "preview_rows": rosters.PREVIEW_ROWS,
            "errors": errors,
            "message": message,
            "title": f"Map the roster's columns: {facility}",
        }
        return render(self.request, self.template_name, context, status=status)


def _stage(
    request: HttpRequest, facility: CapFacility, data: bytes, filename: str, as_of: Any
) -> None:
    folder = staging_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = time.time()
    for old in folder.glob("*.roster"):
        if now - old.stat().st_mtime > STAGING_MAX_AGE:
            old.unlink(missing_ok=True)
    _unstage(request)
    token = secrets.token_hex(16)
    (folder / f"{token}.roster").write_bytes(data)
    request.session[STAGING_SESSION_KEY] = {
        "token": token,
        "facility": facility.pk,
        "filename": filename[:255],
        "as_of": as_of.isoformat() if as_of else "",
    }


def _staged(request: HttpRequest, facility: CapFacility) -> tuple[bytes, str, Any] | None:
    held = request.session.get(STAGING_SESSION_KEY)
    if not held or held.get("facility") != facility.pk:
        return None
    token = str(held.get("token", ""))
    if not token.isalnum():
        return None
    try:
        data = (staging_dir() / f"{token}.roster").read_bytes()
    except OSError:
        return None
    as_of = datetime.fromisoformat(held["as_of"]) if held.get("as_of") else None
    return data, str(held.get("filename", "")), as_of


def _unstage(request: HttpRequest) -> None:
    held = request.session.pop(STAGING_SESSION_KEY, None)
    token = str((held or {}).get("token", ""))
    if token.isalnum():
        (staging_dir() / f"{token}.roster").unlink(missing_ok=True)


urlpatterns: list[URLPattern] = [
    path("rosters/", RosterListView.as_view(), name="rosters"),
    path("facilities/<int:pk>/rosters/upload/", RosterUploadView.as_view(), name="roster_upload"),
    path(
        "facilities/<int:pk>/rosters/mapping/", RosterMappingView.as_view(), name="roster_mapping"
    ),
]
