"""The project's URLs plus the inquiries API router line (until it is added to access/urls.py)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from access import urls as project
from access.inquiries.api.views import InquiryViewSet

router = SimpleRouter()
router.register("inquiries", InquiryViewSet, basename="inquiry")

urlpatterns = [path("api/", include(router.urls)), *project.urlpatterns]

handler400 = project.handler400
handler403 = project.handler403
handler404 = project.handler404
handler500 = project.handler500
