from django.urls import path

from access.inquiries import case_views, misuse_views, views

app_name = "inquiries"

urlpatterns = [
    path("", views.inquiry_list, name="list"),
    path("new/", views.inquiry_create, name="add"),
    path("queue/", views.queue, name="queue"),
    path("citizenship-stops/", views.stops, name="stops"),
    path("misuse/rules/", misuse_views.rules, name="misuse_rules"),
    path(
        "misuse/rules/<int:pk>/deactivate/",
        misuse_views.rule_deactivate,
        name="misuse_rule_deactivate",
    ),
    path("misuse/flags/", misuse_views.flags, name="misuse_flags"),
    path("misuse/flags/<int:pk>/", misuse_views.flag_detail, name="flag"),
    path("cases/", case_views.case_list, name="cases"),
    path("cases/import/", case_views.case_import, name="case_import"),
    path("cases/<int:pk>/close/", case_views.case_close, name="case_close"),
    path("<int:pk>/", views.inquiry_detail, name="detail"),
    path("<int:pk>/candidates/<int:candidate_pk>/", views.candidate_compare, name="candidate"),
    path("<int:pk>/details/", views.record_details, name="details"),
    path("<int:pk>/determination/", views.determine, name="determine"),
    path("<int:pk>/decision/", views.decide, name="decide"),
    path("<int:pk>/iar/", views.iar_page, name="iar"),
]
