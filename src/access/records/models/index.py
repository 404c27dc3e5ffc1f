"""The candidate index: blocking keys from ``access.matching`` pointing at records."""

from __future__ import annotations

from django.db import models

from access.records.models.person import PersonRecord


class CandidateKey(models.Model):
    """Derived data: written only by the audited loaders, rebuilt from the records.

    The union of records sharing any key with a query is its candidate set.
    """

    key = models.CharField("key", max_length=200, db_index=True)
    record = models.ForeignKey(
        PersonRecord,
        on_delete=models.PROTECT,
        related_name="candidate_keys",
        verbose_name="record",
    )

    class Meta:
        verbose_name = "candidate key"
        verbose_name_plural = "candidate keys"
        ordering = ["key", "record"]

    def __str__(self) -> str:
        return f"{self.key} -> {self.record_id}"
