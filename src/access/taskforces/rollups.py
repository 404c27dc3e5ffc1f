"""Outcome roll-ups: counts over completed operations, per task force and, for Operation
Community Shield, nationally. Aggregates only: no names, no case numbers, no person data.

Each roll-up gives the tables (the source of truth), an SVG bar chart drawn from the same
rows (``officers.charts.bar_chart``) and the CSV rows of the download."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet, Sum

from access.enforcement.choices import PriorityLevel, Severity
from access.officers.charts import bar_chart
from access.taskforces.choices import OperationStatus
from access.taskforces.models import ArrestCount, Operation


@dataclass
class Rollup:
    operations: int = 0
    by_severity: list[tuple[str, int]] = field(default_factory=list)
    by_level: list[tuple[str, int]] = field(default_factory=list)
    totals: list[tuple[str, int]] = field(default_factory=list)

    @property
    def arrests(self) -> int:
        return sum(count for _, count in self.by_severity)

    def charts(self) -> list[dict[str, Any]]:
        return [
            {
                "key": key,
                "title": title,
                "column": column,
                "rows": rows,
                "chart": bar_chart(rows),
            }
            for key, title, column, rows in (
                ("severity", "Arrests by charge severity", "Charge severity", self.by_severity),
                ("level", "Arrests by priority level", "Priority level", self.by_level),
                ("totals", "Outcomes", "Outcome", self.totals),
            )
        ]

    def csv_rows(self) -> list[tuple[str, str, int]]:
        rows = [("Operations completed", "", self.operations)]
        rows += [("Arrests by charge severity", label, n) for label, n in self.by_severity]
        rows += [("Arrests by priority level", label, n) for label, n in self.by_level]
        rows += [("Outcome", label, n) for label, n in self.totals]
        return rows


CSV_HEADERS = ["Measure", "Category", "Count"]


def rollup(operations: QuerySet[Operation]) -> Rollup:
    """The counts of the completed operations among ``operations``."""
    done = operations.filter(status=OperationStatus.COMPLETED)
    arrests = ArrestCount.objects.filter(operation__in=done.values("pk"))
    severity = dict(arrests.values_list("severity").annotate(n=Sum("count")))
    level = dict(arrests.values_list("priority_level").annotate(n=Sum("count")))
    sums = done.aggregate(
        seizures=Sum("seizures"),
        referrals=Sum("prosecution_referrals"),
        victims=Sum("victims_identified"),
    )
    by_severity = [(Severity.label(s), severity.get(s, 0)) for s in Severity.values()]
    by_level = [(PriorityLevel.label(v), level.get(v, 0)) for v in PriorityLevel.values()]
    return Rollup(
        operations=done.count(),
        by_severity=by_severity,
        by_level=by_level,
        totals=[
            ("Arrests", sum(n for _, n in by_severity)),
            ("Seizures", sums["seizures"] or 0),
            ("Referrals for prosecution", sums["referrals"] or 0),
            ("Victims identified", sums["victims"] or 0),
        ],
    )


def community_shield() -> Rollup:
    """The national roll-up: every completed operation that was part of Community Shield."""
    return rollup(Operation.objects.filter(community_shield=True))
