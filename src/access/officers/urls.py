from django.urls import path

from access.officers import class_views, views

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
    path("classes/", class_views.ClassListView.as_view(), name="class_list"),
    path("classes/schedule/", class_views.ScheduleClassView.as_view(), name="class_add"),
    path("classes/<int:pk>/", class_views.ClassDetailView.as_view(), name="class_detail"),
    path("classes/<int:pk>/enrol/", class_views.EnrolView.as_view(), name="class_enrol"),
    path(
        "classes/<int:pk>/attendance/",
        class_views.ClassAttendanceView.as_view(),
        name="class_attendance",
    ),
    path("classes/<int:pk>/scores/", class_views.ClassScoresView.as_view(), name="class_scores"),
    path("classes/<int:pk>/step/", class_views.ClassStepView.as_view(), name="class_step"),
    path("<int:pk>/<str:kind>/<int:number>/pdf/", views.DocumentPdfView.as_view(), name="document"),
]
