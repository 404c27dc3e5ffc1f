from django.urls import path

from access.enforcement import views

app_name = "enforcement"

urlpatterns = [
    path("", views.EncounterListView.as_view(), name="list"),
    path("new/", views.record, name="add"),
    path("citizenship-stops/", views.stops, name="stops"),
    path("funnel/", views.funnel_page, name="funnel"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/candidates/<int:candidate_pk>/", views.compare, name="candidate"),
    path("<int:pk>/verify/", views.verify, name="verify"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/not-identified/", views.not_identified, name="not_identified"),
    path("<int:pk>/citizenship/", views.report_citizenship, name="report_citizenship"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/steps/new/", views.step, name="step"),
    path("<int:pk>/removal/", views.removal, name="removal"),
    path("<int:pk>/search/", views.search_again, name="search"),
]
