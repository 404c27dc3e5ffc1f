"""CAP pages: the facilities the user's teams cover, a facility's settings, contacts, saved
column mapping and rosters, and the settings form (an audited change)."""

from __future__ import annotations

from typing import Any

from django.db.models import Max, QuerySet
from django.urls import NoReverseMatch, URLPattern, path, reverse

from access.cap.actions import facilities as actions
from access.cap.filtersets import FacilityFilterSet
from access.cap.forms import FacilityForm
from access.cap.models import CapFacility, Roster
from access.cap.tables import FacilityTable
from access.core.views import ObjectDetailView, ObjectEditView, ObjectListView, ScopedMixin


def optional_url(name: str, *args: Any) -> str | None:
    """A page another part of the CAP work provides (rosters), or None where it is absent."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


class FacilityScoped(ScopedMixin):
    model = CapFacility

    def scoped(self, action: str | None = None) -> QuerySet:
        return (
            super()
            .scoped(action)
            .select_related("facility__agency", "team")
            .annotate(last_roster_at=Max("rosters__as_of"))
        )


class FacilityListView(FacilityScoped, ObjectListView):
    filterset_class = FacilityFilterSet
    table_class = FacilityTable
    title = "CAP facilities"
    export_name = "cap-facilities"


class FacilityDetailView(FacilityScoped, ObjectDetailView):
    template_name = "cap/facility_detail.html"

    def extra_context(self, obj: CapFacility) -> dict[str, Any]:
        user: Any = self.request.user
        rosters = Roster.objects.restrict(user).filter(facility=obj).order_by("-as_of")[:20]
        return {
            "title": str(obj),
            "can_change": actions.may_change(user, obj),
            "mapping": sorted((obj.column_mapping or {}).items()),
            "rosters": [(r, optional_url("cap:roster", r.pk)) for r in rosters],
            "upload_url": optional_url("cap:roster_upload", obj.pk)
            if user.can("cap.add_roster")
            else None,
            "remote_modes": obj.remote_modes,
        }


class FacilityEditView(FacilityScoped, ObjectEditView):
    form_class = FacilityForm

    def save(self, instance: Any, data: dict[str, Any]) -> Any:
        return actions.change_facility(self.request.user, instance, **data)


urlpatterns: list[URLPattern] = [
    path("facilities/", FacilityListView.as_view(), name="facilities"),
    path("facilities/<int:pk>/", FacilityDetailView.as_view(), name="facility"),
    path("facilities/<int:pk>/edit/", FacilityEditView.as_view(), name="facility_edit"),
]
