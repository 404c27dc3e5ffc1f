"""CAP pages: queue. (Filled in by the queue work; each module lists its own URL patterns.)"""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
