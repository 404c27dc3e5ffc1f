from django.urls import path
from django.views.generic import RedirectView

from access.cap.views import facilities, queue, rosters, screening

app_name = "cap"

urlpatterns = [
    # /cap/ itself is the CAP officer's queue (the queue page checks the grant).
    path("", RedirectView.as_view(pattern_name="cap:queue"), name="index"),
    *facilities.urlpatterns,
    *rosters.urlpatterns,
    *screening.urlpatterns,
    *queue.urlpatterns,
]
