from django.urls import path

from access.records import views

app_name = "records"

urlpatterns = [
    path("<int:pk>/", views.RecordDetailView.as_view(), name="detail"),
]
