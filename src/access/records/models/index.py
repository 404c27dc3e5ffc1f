"""The candidate index: blocking keys from ``access.matching`` pointing at records, and one
denormalised feature row per record so an inquiry is scored from one query."""

from __future__ import annotations

from django.db import models

from access.records.models.person import PersonRecord


class CandidateKey(models.Model):
    """Derived data: written only by the audited loaders, rebuilt from the records.

    The union of records sharing any key with a query is its candidate set. The index on
    (key, record) answers a query's keys and their posting counts from the index alone.
    """

    key = models.CharField("key", max_length=200)
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
        indexes = [models.Index(fields=["key", "record"], name="records_candidatekey_lookup")]

    def __str__(self) -> str:
        return f"{self.key} -> {self.record_id}"


class FeatureRow(models.Model):
    """Derived data: ``access.matching.normalize.features`` of one record, as the engine
    scores it. Written with the record's candidate keys (same loader, same transaction) and
    rebuilt by ``access records reindex``."""

    record = models.OneToOneField(
        PersonRecord,
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="feature_row",
        verbose_name="record",
    )
    row = models.JSONField("features")

    class Meta:
        verbose_name = "feature row"
        verbose_name_plural = "feature rows"
        ordering = ["record"]

    def __str__(self) -> str:
        return f"features of {self.record_id}"
