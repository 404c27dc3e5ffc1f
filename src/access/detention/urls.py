from django.urls import path

from access.detention import views

app_name = "detention"

urlpatterns = [
    path("", views.DetainerListView.as_view(), name="list"),
    path("<int:pk>/", views.DetainerDetailView.as_view(), name="detail"),
    path("<int:pk>/release/", views.ReleaseView.as_view(), name="release"),
    path("<int:pk>/outcome/", views.OutcomeView.as_view(), name="outcome"),
    path("encounter/<int:pk>/issue/", views.IssueView.as_view(), name="issue"),
]
