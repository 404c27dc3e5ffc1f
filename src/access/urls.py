from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from access.accounts.api.views import TokenCreateView, TokenRevokeView
from access.agencies.api.views import AgencyViewSet
from access.agreements.api.views import AgreementViewSet
from access.complaints.api.views import ComplaintViewSet
from access.core.api.docs import api_docs
from access.detention.api.views import DetainerViewSet
from access.enforcement.api.views import EncounterViewSet
from access.inquiries.api.misuse import MisuseFlagViewSet, MisuseRuleViewSet
from access.inquiries.api.views import InquiryViewSet
from access.officers.api.classes import TrainingClassViewSet
from access.officers.api.views import AuthorizationViewSet, OfficerViewSet

router = SimpleRouter()
router.register("agencies", AgencyViewSet, basename="agency")
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("inquiries", InquiryViewSet, basename="inquiry")
router.register("officers", OfficerViewSet, basename="officer")
router.register("complaints", ComplaintViewSet, basename="complaint")
router.register("classes", TrainingClassViewSet, basename="trainingclass")
router.register("authorizations", AuthorizationViewSet, basename="authorization")
router.register("encounters", EncounterViewSet, basename="encounter")
router.register("detainers", DetainerViewSet, basename="detainer")
router.register("misuse/flags", MisuseFlagViewSet, basename="misuseflag")
router.register("misuse/rules", MisuseRuleViewSet, basename="misuserule")

api_patterns = [
    path("schema/", SpectacularJSONAPIView.as_view(), name="api-schema"),
    path("tokens/", TokenCreateView.as_view(), name="api-token-create"),
    path("tokens/revoke/", TokenRevokeView.as_view(), name="api-token-revoke"),
    path("cap/", include("access.cap.api.urls")),
    path("intelligence/", include("access.intelligence.api.urls")),
    path("taskforces/", include("access.taskforces.api.urls")),
    *router.urls,
]

urlpatterns = [
    path("", include(("access.site.urls", "site"))),
    path("", include(("access.core.urls", "core"))),
    path("accounts/", include("access.accounts.urls")),
    path("agencies/", include("access.agencies.urls")),
    path("audit/", include("access.audit.urls")),
    path("requests/", include("access.partnerships.urls")),
    path("agreements/", include("access.agreements.urls")),
    path("records/", include("access.records.urls")),
    path("officers/", include("access.officers.urls")),
    path("complaints/", include("access.complaints.urls")),
    path("inquiries/", include("access.inquiries.urls")),
    path("encounters/", include("access.enforcement.urls")),
    path("detainers/", include("access.detention.urls")),
    path("cap/", include("access.cap.urls")),
    path("intelligence/", include("access.intelligence.urls")),
    path("taskforces/", include("access.taskforces.urls")),
    path("notifications/", include("access.messaging.urls")),
    path("outbox/", include("access.messaging.outbox_urls")),
    path("transparency/", include("access.agencies.publiclist.transparency_urls")),
    path("api/docs/", api_docs, name="api-docs"),
    path("api/", include(api_patterns)),
]

handler400 = "access.core.errors.error_400"
handler403 = "access.core.errors.error_403"
handler404 = "access.core.errors.error_404"
handler500 = "access.core.errors.error_500"
