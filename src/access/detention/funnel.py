"""The detainer steps of the enforcement funnel: "detainer issued" and "custody assumed".

Counts come from recorded detainers only. ``register`` adds both steps to the enforcement
app's funnel (``access.enforcement.funnel.register_stage``) at start-up; ``counts`` gives the
two numbers for any queryset of encounters.
"""

from __future__ import annotations

from django.db.models import QuerySet

from access.detention.choices import DetainerStatus
from access.enforcement.models import Encounter


def detainer_issued(rows: QuerySet[Encounter]) -> QuerySet[Encounter]:
    return rows.filter(detainers__isnull=False).distinct()


def custody_assumed(rows: QuerySet[Encounter]) -> QuerySet[Encounter]:
    return rows.filter(detainers__status=DetainerStatus.CUSTODY_ASSUMED).distinct()


def counts(rows: QuerySet[Encounter]) -> dict[str, int]:
    """Encounters in ``rows`` with a detainer issued, and with custody assumed by ICE."""
    return {
        "detainer_issued": detainer_issued(rows).count(),
        "custody_assumed": custody_assumed(rows).count(),
    }


def register() -> None:
    """Add the two steps to the enforcement funnel, when that funnel exists."""
    try:
        from access.enforcement.funnel import register_stage
    except ImportError:  # the funnel page is not in this build yet
        return
    register_stage("detainer_issued", "Detainer issued", detainer_issued, 40)
    register_stage("custody_assumed", "Custody assumed", custody_assumed, 50)
