"""Stored versions of the matching model: what each was trained on, its calibration, its
thresholds, its evaluation and who activated it (docs/records.md, "Model versions")."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django_fsm import FSMField, FSMModelMixin, transition

from access.core.models import ProgramRecord
from access.records.choices import ModelStatus

S = ModelStatus


class MatchModelVersion(FSMModelMixin, ProgramRecord):
    """One trained matching model. At most one is active; inquiries band with it."""

    version = models.PositiveIntegerField("version", unique=True)
    status = FSMField(
        "status", default=S.TRAINED, choices=S.choices(), protected=True, db_index=True
    )
    store_size = models.PositiveIntegerField(
        "store size", help_text="Feature rows in the store when the model was trained."
    )
    sample_size = models.PositiveIntegerField(
        "sample size", help_text="Feature rows the EM training read (a bounded sample)."
    )
    sample_description = models.CharField(
        "training sample", max_length=300, help_text="How the training rows were chosen."
    )
    model_json = models.TextField(
        "model", help_text="The trained model (matching.model.Model JSON, without calibration)."
    )
    calibration = models.JSONField(
        "calibration",
        null=True,
        blank=True,
        help_text="Isotonic calibration knots {x: raw, y: calibrated}; empty until calibrated.",
    )
    calibration_pairs = models.JSONField(
        "calibration pairs",
        default=dict,
        blank=True,
        help_text="How many labelled pairs, true pairs and pairs from each source were used.",
    )
    thresholds = models.JSONField(
        "thresholds", default=dict, help_text="Band thresholds {possible, probable}."
    )
    evaluation = models.JSONField(
        "evaluation",
        default=dict,
        blank=True,
        help_text="Precision and recall per band and the reliability table.",
    )
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="activated by",
    )
    activated_by_name = models.CharField(
        "activated by (name)",
        max_length=200,
        blank=True,
        help_text="Who activated it, as recorded (a person or a scheduled job).",
    )
    activated_at = models.DateTimeField("activated", null=True, blank=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=models.Q(status="active"),
                name="one_active_match_model",
            )
        ]

    def __str__(self) -> str:
        return f"matching model v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("records:model_version", args=[self.pk])

    @property
    def status_label(self) -> str:
        return S.label(self.status)

    @property
    def status_colour(self) -> str:
        return S.colour(self.status)

    def model(self) -> Any:
        """The ``matching.model.Model`` with this version's calibration and thresholds."""
        from access.matching.model import Model

        found = Model.from_json(self.model_json)
        found.calibration = self.calibration or None
        if self.thresholds:
            found.thresholds = dict(self.thresholds)
        return found

    @transition(field=status, source=[S.TRAINED, S.CALIBRATED, S.RETIRED], target=S.CALIBRATED)
    def mark_calibrated(self) -> None:
        """A new calibration; an active version is retired first (its bands would change)."""

    @transition(field=status, source=[S.CALIBRATED, S.RETIRED], target=S.ACTIVE)
    def mark_active(self) -> None:
        pass

    @transition(field=status, source=S.ACTIVE, target=S.RETIRED)
    def mark_retired(self) -> None:
        pass
