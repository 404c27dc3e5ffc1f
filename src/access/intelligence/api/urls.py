"""The intelligence API's routes (registered in ``access.urls`` under ``/api/intelligence/``)."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from access.intelligence.api.views import RecordViewSet, ReleaseViewSet

router = SimpleRouter()
router.register("records", RecordViewSet, basename="intelligence-record")
router.register("releases", ReleaseViewSet, basename="intelligence-release")
urlpatterns = router.urls
