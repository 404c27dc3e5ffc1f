"""The root URLconf plus the agreements API route (until the lead registers it in access.urls)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from access.agreements.api.views import AgreementViewSet
from access.urls import handler400, handler403, handler404, handler500  # noqa: F401
from access.urls import urlpatterns as root

router = SimpleRouter()
router.register("agreements", AgreementViewSet, basename="agreement")

urlpatterns = [path("api/", include(router.urls)), *root]
