from django.urls import path

from access.core import home

urlpatterns = [
    path("", home.home, name="home"),
    path("health/", home.health, name="health"),
]
