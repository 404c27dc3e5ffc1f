"""The site app's audit events (the demo population load)."""

from __future__ import annotations

from access.audit.registry import EventSet


class Event(EventSet):
    DEMO_POPULATION_QUEUED = "site.demo_population_queued"
    DEMO_POPULATION_LOADED = "site.demo_population_loaded"
    DEMO_POPULATION_FAILED = "site.demo_population_failed"
    CHOICES = [
        (DEMO_POPULATION_QUEUED, "Demo population load queued", ""),
        (DEMO_POPULATION_LOADED, "Demo population loaded", ""),
        (DEMO_POPULATION_FAILED, "Demo population load failed", ""),
    ]
