from django.urls import path

from access.core import errors

urlpatterns = [
    path("health/", errors.health, name="health"),
]
