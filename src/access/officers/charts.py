"""Officers by status and by training currency: the counts (the table, which is the source of
truth) and the SVG bar geometry drawn from the same counts (the chart beside it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from access.officers import authority
from access.officers.choices import OfficerStatus
from access.officers.models import Officer

S = OfficerStatus
DUE_WITHIN = timedelta(days=60)
# Statuses whose training must stay current (the others have not finished the initial
# course or have left the path).
TRAINED = [S.CERTIFIED, S.AUTHORIZED, S.SUSPENDED, S.LAPSED]

CURRENT, DUE, LAPSED, UNTRAINED = "current", "due", "lapsed", "not_applicable"
CURRENCY = [
    (CURRENT, "Training current"),
    (DUE, "Refresher due within 60 days"),
    (LAPSED, "Training lapsed"),
    (UNTRAINED, "Not yet certified or off the path"),
]

# Bar chart geometry (px): a label column, bars scaled to the largest count, the count after.
LABEL_WIDTH, BAR_SPACE, VALUE_WIDTH = 270, 240, 40
BAR_HEIGHT, BAR_GAP = 18, 8


def training_until(officer: Officer, today: date) -> date | None:
    """The last day the officer's newest passed course counts (exams prefetched with their
    courses; the authority check's own rule)."""
    return authority.training_until_of(officer.exams.all(), today)


def currency_of(officer: Officer, today: date) -> str:
    """The officer's training currency: current, due within 60 days, lapsed, or not
    applicable (not yet certified, or off the path)."""
    if officer.status not in TRAINED:
        return UNTRAINED
    until = training_until(officer, today)
    if until is None or until < today:
        return LAPSED
    return DUE if until <= today + DUE_WITHIN else CURRENT


def currency_label(key: str) -> str:
    return dict(CURRENCY)[key]


@dataclass
class Counts:
    """How many officers in each status and each training currency."""

    status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(S.values(), 0))
    currency: dict[str, int] = field(default_factory=lambda: dict.fromkeys(dict(CURRENCY), 0))

    @property
    def total(self) -> int:
        return sum(self.status.values())

    def add(self, officer: Officer, today: date) -> None:
        self.status[officer.status] += 1
        self.currency[currency_of(officer, today)] += 1

    def status_values(self) -> list[int]:
        return [self.status[value] for value in S.values()]

    def currency_values(self) -> list[int]:
        return [self.currency[key] for key, _ in CURRENCY]

    def merge(self, other: Counts) -> None:
        for key, value in other.status.items():
            self.status[key] += value
        for key, value in other.currency.items():
            self.currency[key] += value

    def status_rows(self) -> list[tuple[str, int]]:
        return [(S.label(value), self.status[value]) for value in S.values()]

    def currency_rows(self) -> list[tuple[str, int]]:
        return [(label, self.currency[key]) for key, label in CURRENCY]


def _officers(officers: QuerySet[Officer]) -> QuerySet[Officer]:
    return officers.select_related("agency").prefetch_related("exams__course")


def counts(officers: QuerySet[Officer], today: date | None = None) -> Counts:
    today = today or timezone.localdate()
    result = Counts()
    for officer in _officers(officers):
        result.add(officer, today)
    return result


def counts_by_agency(
    officers: QuerySet[Officer], today: date | None = None
) -> list[tuple[Any, Counts]]:
    """(agency, its counts) for every agency with officers in ``officers``, by name."""
    today = today or timezone.localdate()
    agencies: dict[int, tuple[Any, Counts]] = {}
    for officer in _officers(officers):
        agencies.setdefault(officer.agency_id, (officer.agency, Counts()))[1].add(officer, today)
    return sorted(agencies.values(), key=lambda pair: pair[0].name)


def bar_chart(rows: list[tuple[str, int]]) -> dict[str, Any]:
    """SVG coordinates for a horizontal bar per row (label, count)."""
    largest = max((count for _, count in rows), default=0) or 1
    bars = []
    for index, (label, count) in enumerate(rows):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        width = round(BAR_SPACE * count / largest, 1)
        bars.append(
            {
                "label": label,
                "count": count,
                "y": y,
                "middle": y + BAR_HEIGHT / 2,
                "width": width,
                "value_x": LABEL_WIDTH + width + 6,
            }
        )
    return {
        "bars": bars,
        "left": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 8,
        "bar_height": BAR_HEIGHT,
        "width": LABEL_WIDTH + BAR_SPACE + VALUE_WIDTH,
        "height": BAR_GAP + len(rows) * (BAR_HEIGHT + BAR_GAP),
    }


def charts_for(result: Counts) -> list[dict[str, Any]]:
    """The two charts (status, training currency), each with the rows of its table."""
    return [
        {
            "key": "status",
            "title": "Officers by status",
            "rows": result.status_rows(),
            "chart": bar_chart(result.status_rows()),
        },
        {
            "key": "currency",
            "title": "Officers by training currency",
            "rows": result.currency_rows(),
            "chart": bar_chart(result.currency_rows()),
        },
    ]
