from django.urls import path

from access.partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.request_create, name="add"),
    path("recommendation-settings/", views.settings_page, name="settings"),
    path("<int:pk>/", views.request_detail, name="detail"),
    path("<int:pk>/edit/", views.request_edit, name="edit"),
    path("<int:pk>/assign/", views.request_assign, name="assign"),
    path("<int:pk>/assessment/", views.assessment_edit, name="assessment"),
    path("<int:pk>/meetings/new/", views.meeting_add, name="meeting_add"),
    path("<int:pk>/decision/", views.decision_save, name="decision"),
    path("<int:pk>/plan/", views.plan_edit, name="plan"),
    path("<int:pk>/plan/milestones/new/", views.milestone_add, name="milestone_add"),
    path("<int:pk>/<slug:step>/", views.request_step, name="step"),
]
