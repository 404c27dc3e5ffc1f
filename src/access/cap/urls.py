from access.cap.views import facilities, queue, rosters, screening

app_name = "cap"

urlpatterns = [
    *facilities.urlpatterns,
    *rosters.urlpatterns,
    *screening.urlpatterns,
    *queue.urlpatterns,
]
