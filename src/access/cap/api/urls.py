"""The CAP API's routes (registered in ``access.urls`` under ``/api/cap/``)."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from access.cap.api import screening

router = SimpleRouter()
# Each part registers its viewsets here: rosters, screening, queue, facilities.
urlpatterns = [*router.urls, *screening.urlpatterns]
