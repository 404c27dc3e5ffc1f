from django.urls import path

from access.messaging import views

app_name = "outbox"

urlpatterns = [
    path("", views.outbox, name="list"),
    path("<int:pk>/resend/", views.outbox_resend, name="resend"),
]
