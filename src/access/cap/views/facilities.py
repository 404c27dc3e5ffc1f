"""CAP pages: facilities. (Filled in by the facilities work; each module lists its own URL patterns.)"""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
