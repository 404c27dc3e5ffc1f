"""Immigration history and criminal history of a person record."""

from __future__ import annotations

from django.db import models

from access.core.models import ProgramRecord
from access.records.choices import Disposition, ImmigrationEventKind
from access.records.models.person import PersonRecord


class ImmigrationEvent(ProgramRecord):
    """An entry, a status grant, a naturalization, an order or a removal."""

    record = models.ForeignKey(
        PersonRecord,
        on_delete=models.PROTECT,
        related_name="immigration_events",
        verbose_name="record",
    )
    kind = models.CharField("kind", max_length=20, choices=ImmigrationEventKind.choices())
    occurred_on = models.DateField("date", null=True, blank=True)
    details = models.TextField("details", blank=True)

    class Meta:
        verbose_name = "immigration event"
        verbose_name_plural = "immigration events"
        ordering = ["record", "occurred_on", "pk"]

    def __str__(self) -> str:
        return f"{ImmigrationEventKind.label(self.kind)} {self.occurred_on or ''}".strip()


class Arrest(ProgramRecord):
    record = models.ForeignKey(
        PersonRecord, on_delete=models.PROTECT, related_name="arrests", verbose_name="record"
    )
    arrested_on = models.DateField("arrest date", null=True, blank=True)
    agency_ori = models.CharField("arresting agency ORI", max_length=9, blank=True)
    booking_number = models.CharField("booking number", max_length=40, blank=True)

    class Meta:
        verbose_name = "arrest"
        verbose_name_plural = "arrests"
        ordering = ["record", "arrested_on", "pk"]

    def __str__(self) -> str:
        return f"arrest {self.arrested_on or 'undated'}"


class Charge(ProgramRecord):
    arrest = models.ForeignKey(
        Arrest, on_delete=models.PROTECT, related_name="charges", verbose_name="arrest"
    )
    ncic_code = models.CharField(
        "NCIC offense code", max_length=4, help_text="Four-digit NCIC uniform offense code."
    )
    description = models.CharField("description", max_length=200, blank=True)
    disposition = models.CharField(
        "disposition", max_length=20, choices=Disposition.choices(), default=Disposition.PENDING
    )
    disposition_date = models.DateField("disposition date", null=True, blank=True)

    class Meta:
        verbose_name = "charge"
        verbose_name_plural = "charges"
        ordering = ["arrest", "pk"]

    def __str__(self) -> str:
        return f"{self.ncic_code} {self.description}".strip()
