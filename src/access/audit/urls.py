from django.urls import path

from access.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.AuditEventListView.as_view(), name="list"),
    path("<int:pk>/", views.audit_event_detail, name="detail"),
    path("review/", views.review, name="review"),
]
