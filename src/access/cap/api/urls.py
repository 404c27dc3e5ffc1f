"""The CAP API's routes (registered in ``access.urls`` under ``/api/cap/``)."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from access.cap.api.facilities import FacilityViewSet
from access.cap.api.queue import CandidateViewSet, InterviewViewSet

router = SimpleRouter()
# Each part registers its viewsets here: rosters, screening, queue, facilities.
router.register("facilities", FacilityViewSet, basename="cap-facility")
router.register("candidates", CandidateViewSet, basename="cap-candidate")
router.register("interviews", InterviewViewSet, basename="cap-interview")
urlpatterns = [*router.urls]
