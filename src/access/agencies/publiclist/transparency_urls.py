from django.urls import path

from access.agencies.publiclist import transparency

app_name = "public"

urlpatterns = [
    path("", transparency.home, name="home"),
    path("export/", transparency.export, name="export"),
]
