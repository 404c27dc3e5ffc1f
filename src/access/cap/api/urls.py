"""The CAP API's routes (registered in ``access.urls`` under ``/api/cap/``)."""

from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from access.cap.api import screening
from access.cap.api.facilities import FacilityViewSet
from access.cap.api.queue import CandidateViewSet, InterviewViewSet
from access.cap.api.rosters import FacilityRostersView, RosterViewSet

router = SimpleRouter()
router.register("rosters", RosterViewSet, basename="cap-roster")
router.register("facilities", FacilityViewSet, basename="cap-facility")
router.register("candidates", CandidateViewSet, basename="cap-candidate")
router.register("interviews", InterviewViewSet, basename="cap-interview")
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
