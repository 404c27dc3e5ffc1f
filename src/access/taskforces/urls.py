from access.taskforces.views import charter, operations, outcomes

app_name = "taskforces"

urlpatterns = [*charter.urlpatterns, *operations.urlpatterns, *outcomes.urlpatterns]
