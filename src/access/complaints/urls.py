from django.urls import path

from access.complaints import views

app_name = "complaints"

urlpatterns = [
    path("", views.ComplaintListView.as_view(), name="list"),
    path("record/", views.StaffFileView.as_view(), name="add"),
    path("<int:pk>/", views.ComplaintDetailView.as_view(), name="detail"),
    path("<int:pk>/assign/", views.AssignView.as_view(), name="assign"),
    path("<int:pk>/suspend/", views.SuspendView.as_view(), name="suspend"),
    path("<int:pk>/resolve/", views.ResolveView.as_view(), name="resolve"),
    # No sign-in (core.middleware.PUBLIC_URL_NAMES).
    path("file/", views.public_form, name="public_form"),
    path("file/receipt/", views.public_receipt, name="public_receipt"),
    path("status/", views.public_status, name="public_status"),
]
