"""Effective-dated reference data: offense categories (NCIC code ranges) and priority rules.

Rows are seeded by migrations (``access.enforcement.reference``) and changed only by new
rows with a later ``effective_from`` (closing the old row with ``effective_until``), so a past
encounter keeps the answer of its own date (the pattern of ``officers.models.reference``).
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q

from access.enforcement.choices import PriorityLevel, Severity


def in_effect_on(on: date) -> Q:
    return Q(effective_from__lte=on) & (
        Q(effective_until__isnull=True) | Q(effective_until__gte=on)
    )


class OffenseCategory(models.Model):
    """A category of the NCIC uniform offense codes: the four-digit codes from ``code_from``
    to ``code_to`` (e.g. 1300-1399 assault)."""

    code = models.SlugField("category code", max_length=40)
    name = models.CharField("category", max_length=200)
    code_from = models.CharField("first NCIC code", max_length=4)
    code_to = models.CharField("last NCIC code", max_length=4)
    effective_from = models.DateField("effective from")
    effective_until = models.DateField("effective until", null=True, blank=True)

    class Meta:
        verbose_name = "offense category"
        verbose_name_plural = "offense categories"
        ordering = ["code_from", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "effective_from"], name="unique_offense_category_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code_from}-{self.code_to} {self.name}"

    @classmethod
    def for_code(cls, offense_code: str, on: date) -> OffenseCategory | None:
        """The category whose range holds the four-digit ``offense_code`` on ``on``."""
        if len(offense_code) != 4 or not offense_code.isdigit():
            return None
        return (
            cls.objects.filter(
                in_effect_on(on), code_from__lte=offense_code, code_to__gte=offense_code
            )
            .order_by("-effective_from")
            .first()
        )


class PriorityRule(models.Model):
    """Configuration: the priority level (1..3) of a charge by offense category and/or
    severity. The most specific rule in effect wins (category and severity, then category,
    then severity, then the rule with neither, the default)."""

    offense_category = models.ForeignKey(
        OffenseCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="priority_rules",
        verbose_name="offense category",
        help_text="Blank: any category.",
    )
    severity = models.CharField(
        "severity", max_length=20, choices=Severity.choices(), blank=True, help_text="Blank: any."
    )
    level = models.CharField("priority level", max_length=1, choices=PriorityLevel.choices())
    effective_from = models.DateField("effective from")
    effective_until = models.DateField("effective until", null=True, blank=True)
    note = models.CharField("source", max_length=300, blank=True)

    class Meta:
        verbose_name = "priority rule"
        ordering = ["-effective_from", "level"]

    def __str__(self) -> str:
        category = self.offense_category.name if self.offense_category else "any category"
        severity = Severity.label(self.severity) if self.severity else "any severity"
        return f"{category}, {severity}: {PriorityLevel.label(self.level)}"

    @property
    def specificity(self) -> int:
        return (2 if self.offense_category_id else 0) + (1 if self.severity else 0)

    @classmethod
    def for_charge(
        cls, category: OffenseCategory | None, severity: str, on: date
    ) -> PriorityRule | None:
        rows = cls.objects.filter(in_effect_on(on)).filter(
            Q(offense_category__isnull=True)
            | Q(offense_category__code=category.code if category else "")
        )
        rows = rows.filter(Q(severity="") | Q(severity=severity)).select_related("offense_category")
        ranked = sorted(rows, key=lambda r: (-r.specificity, -r.effective_from.toordinal()))
        return ranked[0] if ranked else None
