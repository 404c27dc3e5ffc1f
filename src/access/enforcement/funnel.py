"""The funnel by threat level: how many encounters reached each step, by priority level and
charge severity, for an agency, a model and a period (safeguard 4 of DOMAIN.md section 6).

Counts come from recorded steps only. The first three steps and the last (removed: an
``EncounterStep`` of kind "removed", recorded by ICE) are this app's own records; the
detainer steps between them (detainer issued, custody assumed) are recorded by an app above
this one (``access.detention``), which this app may not import: such an app registers each
step with ``register_stage`` in its ``AppConfig.ready``, giving a function that narrows a
queryset of encounters to those that reached the step. A step nobody registered is simply
not shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from access.enforcement.choices import PriorityLevel, Severity, StepKind
from access.enforcement.models import Encounter

Narrow = Callable[[QuerySet[Encounter]], QuerySet[Encounter]]


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    narrow: Narrow
    order: int


def _searched(rows: QuerySet[Encounter]) -> QuerySet[Encounter]:
    return rows.filter(searched_at__isnull=False)


def _identified(rows: QuerySet[Encounter]) -> QuerySet[Encounter]:
    return rows.filter(identified_record__isnull=False)


def _removed(rows: QuerySet[Encounter]) -> QuerySet[Encounter]:
    return rows.filter(steps__kind=StepKind.REMOVED).distinct()


_STAGES: dict[str, Stage] = {
    "encountered": Stage("encountered", "Encountered", lambda rows: rows, 10),
    "searched": Stage("searched", "Searched", _searched, 20),
    "identified": Stage("identified", "Identified (verified)", _identified, 30),
    # After the detainer steps other apps register (40, 50).
    "removed": Stage("removed", "Removed", _removed, 60),
}
# Steps other apps record; named here so the page can say which are not installed.
EXPECTED_ELSEWHERE = {
    "detainer_issued": "Detainer issued",
    "custody_assumed": "Custody assumed",
}


def register_stage(key: str, label: str, narrow: Narrow, order: int) -> None:
    """Add (or replace) a step of the funnel; ``order`` places it (the own steps are 10-30)."""
    _STAGES[key] = Stage(key, label, narrow, order)


def stages() -> list[Stage]:
    return sorted(_STAGES.values(), key=lambda s: s.order)


def missing_stages() -> list[str]:
    return [label for key, label in EXPECTED_ELSEWHERE.items() if key not in _STAGES]


LEVELS = PriorityLevel.values()
SEVERITIES = Severity.values()


@dataclass
class Row:
    stage: Stage
    total: int = 0
    by_level: dict[str, int] = field(default_factory=dict)
    by_severity: dict[str, int] = field(default_factory=dict)

    def share(self, count: int) -> float | None:
        return round(count / self.total, 3) if self.total else None

    @property
    def lowest_level(self) -> int:
        """Encounters at the lowest priority level (level 3)."""
        return self.by_level.get(LEVELS[-1], 0)

    @property
    def lowest_level_share(self) -> float | None:
        return self.share(self.lowest_level)

    @property
    def minor_charges(self) -> int:
        """Encounters whose most serious charge is a misdemeanor or an infraction."""
        return sum(self.by_severity.get(s, 0) for s in SEVERITIES[1:])

    @property
    def minor_charges_share(self) -> float | None:
        return self.share(self.minor_charges)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def bounds(self) -> tuple[datetime, datetime]:
        first = timezone.make_aware(datetime.combine(self.start, time.min))
        after = timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))
        return first, after


def encounters(
    base: QuerySet[Encounter], *, period: Period, agency_id: int | None, model_code: str
) -> QuerySet[Encounter]:
    """The encounters the funnel counts: ``base`` (already scoped to the viewer) within the
    period, the agency and the model (either may be empty: all)."""
    first, after = period.bounds()
    rows = base.filter(occurred_at__gte=first, occurred_at__lt=after)
    if agency_id:
        rows = rows.filter(agency_id=agency_id)
    if model_code:
        rows = rows.filter(partnership_type__code=model_code)
    return rows


def _counts(rows: QuerySet[Encounter], column: str) -> dict[str, int]:
    return {
        value: n
        for value, n in rows.order_by().values_list(column).annotate(n=Count("pk", distinct=True))
    }


def compute(rows: QuerySet[Encounter]) -> list[Row]:
    """One row per step, each counted by priority level and by most serious charge."""
    out = []
    for stage in stages():
        reached = stage.narrow(rows)
        by_level = _counts(reached, "priority_level")
        by_severity = _counts(reached, "severity")
        out.append(
            Row(
                stage=stage,
                total=reached.order_by().values("pk").distinct().count(),
                by_level={level: by_level.get(level, 0) for level in LEVELS},
                by_severity={s: by_severity.get(s, 0) for s in SEVERITIES},
            )
        )
    return out


HEADERS = [
    "step",
    *[PriorityLevel.label(level) for level in LEVELS],
    *[Severity.label(s) for s in SEVERITIES],
    "total",
    f"share at {PriorityLevel.label(LEVELS[-1]).lower()}",
    "share with misdemeanor or infraction as most serious charge",
]


def table(rows: list[Row]) -> list[list[Any]]:
    """The data table (and CSV) rows, in ``HEADERS`` order."""
    return [
        [
            row.stage.label,
            *[row.by_level[level] for level in LEVELS],
            *[row.by_severity[s] for s in SEVERITIES],
            row.total,
            "" if row.lowest_level_share is None else row.lowest_level_share,
            "" if row.minor_charges_share is None else row.minor_charges_share,
        ]
        for row in rows
    ]


def chart(rows: list[Row]) -> dict[str, Any]:
    """The chart's data (steps by priority level, stacked), for ``static/access/charts.js``."""
    return {
        "type": "bar",
        "stacked": True,
        "labels": [row.stage.label for row in rows],
        "series": [
            {"label": PriorityLevel.label(level), "data": [row.by_level[level] for row in rows]}
            for level in LEVELS
        ],
    }
