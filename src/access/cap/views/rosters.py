"""CAP pages: rosters. (Filled in by the rosters work; each module lists its own URL patterns.)"""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
