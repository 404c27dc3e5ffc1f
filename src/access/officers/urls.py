from django.urls import path

from access.officers import views

app_name = "officers"

urlpatterns = [
    path("", views.OfficerListView.as_view(), name="list"),
    path("nominate/", views.NominateView.as_view(), name="add"),
    path("roster/", views.RosterView.as_view(), name="roster"),
    path("me/", views.MyRecordView.as_view(), name="mine"),
    path("me/<str:kind>/<int:number>/pdf/", views.MyDocumentPdfView.as_view(), name="my_document"),
    path("supervised/", views.SupervisedView.as_view(), name="supervised"),
    path("<int:pk>/", views.OfficerDetailView.as_view(), name="detail"),
    path("<int:pk>/check/", views.BackgroundCheckView.as_view(), name="check"),
    path("<int:pk>/exam/", views.ExamView.as_view(), name="exam"),
    path("<int:pk>/certify/", views.CertifyView.as_view(), name="certify"),
    path("<int:pk>/authorize/", views.AuthorizeView.as_view(), name="authorize"),
    path("<int:pk>/supervisor/", views.SupervisorView.as_view(), name="supervisor"),
    path("<int:pk>/account/", views.AccountLinkView.as_view(), name="account"),
    path("<int:pk>/step/", views.StepView.as_view(), name="step"),
    path("<int:pk>/report/", views.DisciplinaryReportView.as_view(), name="report"),
    path(
        "<int:pk>/report/<int:report>/acknowledge/",
        views.AcknowledgeView.as_view(),
        name="acknowledge",
    ),
    path("<int:pk>/<str:kind>/<int:number>/pdf/", views.DocumentPdfView.as_view(), name="document"),
]
