from django.urls import path

from access.agencies import views
from access.agencies.publiclist import views as publiclist_views

app_name = "agencies"

urlpatterns = [
    path("", views.AgencyListView.as_view(), name="list"),
    path("new/", views.AgencyEditView.as_view(), name="add"),
    path("<int:pk>/", views.AgencyDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.AgencyEditView.as_view(), name="edit"),
    path("<int:agency_pk>/facilities/new/", views.FacilityEditView.as_view(), name="facility_add"),
    path(
        "<int:agency_pk>/facilities/<int:pk>/edit/",
        views.FacilityEditView.as_view(),
        name="facility_edit",
    ),
    path("<int:agency_pk>/contacts/new/", views.ContactEditView.as_view(), name="contact_add"),
    path(
        "<int:agency_pk>/contacts/<int:pk>/edit/",
        views.ContactEditView.as_view(),
        name="contact_edit",
    ),
    path("public-list/", publiclist_views.overview, name="publiclist"),
    path("public-list/entries/<int:pk>/", publiclist_views.entry_detail, name="publiclist_entry"),
    path("public-list/import/", publiclist_views.upload, name="publiclist_upload"),
    path(
        "public-list/import/<uuid:pk>/",
        publiclist_views.upload_status,
        name="publiclist_upload_status",
    ),
    path(
        "public-list/import/<uuid:pk>/confirm/",
        publiclist_views.confirm,
        name="publiclist_confirm",
    ),
]
