from django.urls import path  # noqa: F401  (the agreements views add their routes here)

app_name = "agreements"

urlpatterns: list = []
