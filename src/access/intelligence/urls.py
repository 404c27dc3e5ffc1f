from access.intelligence.views import urlpatterns

app_name = "intelligence"

__all__ = ["app_name", "urlpatterns"]
