from django.urls import path  # noqa: F401  (the inquiry views add their routes here)

app_name = "inquiries"

urlpatterns: list = []
