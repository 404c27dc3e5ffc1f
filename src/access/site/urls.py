from django.urls import path

from access.site import views

urlpatterns = [
    path("", views.home, name="home"),
    path("demo-progress/", views.demo_progress, name="demo_progress"),
]
