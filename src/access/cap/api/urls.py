"""The CAP API's routes (registered in ``access.urls`` under ``/api/cap/``)."""

from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from access.cap.api import screening
from access.cap.api.rosters import FacilityRostersView, RosterViewSet

router = SimpleRouter()
# Each part registers its viewsets here: rosters, screening, queue, facilities.
router.register("rosters", RosterViewSet, basename="cap-roster")
urlpatterns = [
    # Screening's explicit roster paths (progress, cancel, results) come before the router's
    # roster detail route so neither shadows the other.
    *screening.urlpatterns,
    *router.urls,
    path(
        "facilities/<int:id>/rosters/",
        FacilityRostersView.as_view(),
        name="cap-facility-rosters",
    ),
]
