from django.urls import path

from access.records import views

app_name = "records"

urlpatterns = [
    path("<int:pk>/", views.RecordDetailView.as_view(), name="detail"),
    path("models/", views.ModelVersionListView.as_view(), name="model_versions"),
    path("models/<int:pk>/", views.ModelVersionDetailView.as_view(), name="model_version"),
]
