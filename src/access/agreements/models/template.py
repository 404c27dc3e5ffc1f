"""Clause templates: effective-dated data, one version per model and date."""

from __future__ import annotations

from datetime import date

from django.db import models

from access.agreements.choices import ModelCode
from access.core.models import ProgramRecord


class ClauseTemplate(ProgramRecord):
    """The clauses of one model's MOA from a date on; the newest in effect is used to draft."""

    model_code = models.CharField(
        "model",
        max_length=10,
        choices=ModelCode.choices(),
        help_text="JEM, TFM, WSO, LESC, CAP or JTF (joint task force).",
    )
    version = models.PositiveIntegerField("version")
    effective_from = models.DateField(
        "effective from", help_text="Agreements drafted on or after this date use this version."
    )
    term_months = models.PositiveIntegerField(
        "term (months)", default=36, help_text="Default duration of an agreement from activation."
    )
    sections = models.JSONField(
        "sections", help_text="[{key, heading, text}]; text is sandboxed template source."
    )
    note = models.CharField("note", max_length=300, blank=True)

    class Meta:
        ordering = ["model_code", "-effective_from", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["model_code", "version"], name="unique_clause_template_version"
            ),
            models.UniqueConstraint(
                fields=["model_code", "effective_from"], name="unique_clause_template_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.model_code} clauses v{self.version} (from {self.effective_from})"

    @classmethod
    def in_effect(cls, model_code: str, on: date) -> ClauseTemplate | None:
        return (
            cls.objects.filter(model_code=model_code, effective_from__lte=on)
            .order_by("-effective_from", "-version")
            .first()
        )
