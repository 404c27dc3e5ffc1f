from django.urls import path

from access.agreements import views

app_name = "agreements"

urlpatterns = [
    path("", views.AgreementListView.as_view(), name="list"),
    path("new/", views.AgreementCreateView.as_view(), name="add"),
    path("<int:pk>/", views.AgreementDetailView.as_view(), name="detail"),
    path("<int:pk>/transition/", views.TransitionView.as_view(), name="transition"),
    path("<int:pk>/edit/", views.SectionsEditView.as_view(), name="edit"),
    path("<int:pk>/amend/", views.AmendView.as_view(), name="amend"),
    path("<int:pk>/sign/", views.SignView.as_view(), name="sign"),
    path("<int:pk>/versions/<int:number>/", views.VersionView.as_view(), name="version"),
    path("<int:pk>/versions/<int:number>/pdf/", views.VersionPdfView.as_view(), name="pdf"),
    path(
        "<int:pk>/signatures/<str:party>/document/",
        views.SignedDocumentView.as_view(),
        name="signed_document",
    ),
]
