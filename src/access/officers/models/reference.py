"""Reference data: each model's functions and the training courses, both effective-dated.

Rows are seeded by migrations and changed only by new rows with a later ``effective_from``
(closing the old row with ``effective_until``), so a past date keeps its own answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import models
from django.db.models import Q

from access.officers.choices import CourseKind, Delivery


def in_effect_on(on: date) -> Q:
    return Q(effective_from__lte=on) & (
        Q(effective_until__isnull=True) | Q(effective_until__gte=on)
    )


class ModelFunction(models.Model):
    """One immigration function a partnership model allows (e.g. serve administrative warrants)."""

    partnership_type = models.ForeignKey(
        "partnerships.PartnershipType",
        on_delete=models.PROTECT,
        related_name="functions",
        verbose_name="partnership type",
    )
    code = models.SlugField("code", max_length=40)
    name = models.CharField("function", max_length=200)
    effective_from = models.DateField("effective from")
    effective_until = models.DateField("effective until", null=True, blank=True)

    class Meta:
        ordering = ["partnership_type__name", "code", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership_type", "code", "effective_from"],
                name="unique_model_function_version",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def codes_in_effect(cls, partnership_type_id: int, on: date) -> dict[str, str]:
        """``{code: name}`` of the functions the model allows on ``on``."""
        return cls.codes_in_effect_for([partnership_type_id], on).get(partnership_type_id, {})

    @classmethod
    def codes_in_effect_for(
        cls, partnership_type_ids: Iterable[int], on: date
    ) -> dict[int, dict[str, str]]:
        """``{model id: {code: name}}`` for several models in one query (a page of officers)."""
        rows = cls.objects.filter(
            in_effect_on(on), partnership_type_id__in=set(partnership_type_ids)
        )
        found: dict[int, dict[str, str]] = {}
        for type_id, code, name in rows.order_by("partnership_type_id", "code").values_list(
            "partnership_type_id", "code", "name"
        ):
            found.setdefault(type_id, {})[code] = name
        return found


class Course(models.Model):
    """A training course of one partnership model, with its exam rule and how long it counts."""

    partnership_type = models.ForeignKey(
        "partnerships.PartnershipType",
        on_delete=models.PROTECT,
        related_name="courses",
        verbose_name="partnership type",
    )
    code = models.SlugField("code", max_length=40, unique=True)
    name = models.CharField("course", max_length=200)
    kind = models.CharField("kind", max_length=20, choices=CourseKind.choices())
    delivery = models.CharField("delivery", max_length=20, choices=Delivery.choices())
    hours = models.PositiveIntegerField("hours")
    pass_mark = models.PositiveIntegerField("pass mark (%)", default=70)
    retakes_allowed = models.PositiveIntegerField(
        "retakes allowed", default=1, help_text="Failing the last allowed attempt disqualifies."
    )
    valid_months = models.PositiveIntegerField(
        "counts for (months)", default=12, help_text="Training is current this long after passing."
    )
    effective_from = models.DateField("effective from")
    effective_until = models.DateField("effective until", null=True, blank=True)

    class Meta:
        ordering = ["partnership_type__name", "kind", "-effective_from"]

    def __str__(self) -> str:
        return self.name

    @property
    def attempts_allowed(self) -> int:
        return 1 + self.retakes_allowed

    @classmethod
    def in_effect(cls, partnership_type_id: int, on: date, kind: str) -> models.QuerySet[Course]:
        return cls.objects.filter(
            in_effect_on(on), partnership_type_id=partnership_type_id, kind=kind
        )
