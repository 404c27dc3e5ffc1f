"""A person record as stored: names, birth dates, identifiers, addresses.

Records are not agency-owned (``agency_scope = None``): only a grant with scope "all" sees
them. A record is evidence about *someone*; which records are the same person is decided by
a person (DOMAIN.md section 6), never by this table.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.urls import reverse

from access.core.models import ProgramRecord
from access.records.choices import Citizenship, RecordSource, Sex


class PersonRecord(ProgramRecord):
    agency_scope: ClassVar[str | None] = None

    record_id = models.CharField(
        "record id", max_length=64, unique=True, help_text="The id the source gave the record."
    )
    source = models.CharField(
        "source", max_length=20, choices=RecordSource.choices(), default=RecordSource.OTHER
    )
    given_name = models.CharField("given name", max_length=100, blank=True)
    middle_name = models.CharField("middle name", max_length=100, blank=True)
    family_names = models.JSONField(
        "family names",
        default=list,
        blank=True,
        help_text="Each surname separately (paternal, maternal, compound parts).",
    )
    full_name = models.CharField(
        "full name as recorded", max_length=300, blank=True, help_text="The raw name, unparsed."
    )
    aliases = models.JSONField("aliases", default=list, blank=True, help_text="Other names used.")
    sex = models.CharField("sex", max_length=1, choices=Sex.choices(), blank=True)
    country_of_birth = models.CharField(
        "country of birth", max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code."
    )
    place_of_birth = models.CharField("place of birth", max_length=200, blank=True)
    citizenship = models.CharField(
        "citizenship as recorded",
        max_length=30,
        choices=Citizenship.choices(),
        default=Citizenship.UNKNOWN,
        help_text="What the source says; a claim of U.S. citizenship stops any workflow.",
    )
    synthetic_person_id = models.CharField(
        "synthetic person id",
        max_length=20,
        blank=True,
        db_index=True,
        help_text="Ground truth of synthetic data (benchmarks only); empty for real records.",
    )

    class Meta:
        verbose_name = "person record"
        verbose_name_plural = "person records"
        ordering = ["record_id"]

    def __str__(self) -> str:
        return f"{self.display_name or 'unnamed'} ({self.record_id})"

    @property
    def display_name(self) -> str:
        family = " ".join(self.family_names or [])
        return ", ".join(p for p in (family, f"{self.given_name} {self.middle_name}".strip()) if p)

    @property
    def is_recorded_citizen(self) -> bool:
        return self.citizenship in Citizenship.CITIZENS

    def get_absolute_url(self) -> str:
        return reverse("records:detail", args=[self.pk])


class BirthDate(ProgramRecord):
    """A date of birth as recorded (possibly partial: ``1985``, ``1985-03``) and its parts."""

    record = models.ForeignKey(
        PersonRecord, on_delete=models.PROTECT, related_name="birth_dates", verbose_name="record"
    )
    position = models.PositiveSmallIntegerField("position", default=0)
    recorded = models.CharField("as recorded", max_length=40)
    year = models.PositiveSmallIntegerField("year", null=True, blank=True)
    month = models.PositiveSmallIntegerField("month", null=True, blank=True)
    day = models.PositiveSmallIntegerField("day", null=True, blank=True)

    class Meta:
        verbose_name = "date of birth"
        verbose_name_plural = "dates of birth"
        ordering = ["record", "position"]

    def __str__(self) -> str:
        return self.recorded


class Identifier(ProgramRecord):
    """An identifier of any kind (A-number, FBI number, ...), as written and normalised."""

    record = models.ForeignKey(
        PersonRecord, on_delete=models.PROTECT, related_name="identifiers", verbose_name="record"
    )
    kind = models.CharField(
        "kind", max_length=40, help_text="a_number, fbi_number, state_id, fingerprint_id, ..."
    )
    value = models.CharField("as recorded", max_length=64)
    normalized = models.CharField(
        "normalised", max_length=64, help_text="Comparable form (A-number: 9 digits)."
    )

    class Meta:
        verbose_name = "identifier"
        verbose_name_plural = "identifiers"
        ordering = ["record", "kind"]
        indexes = [models.Index(fields=["kind", "normalized"], name="records_identifier_lookup")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"


class Address(ProgramRecord):
    record = models.ForeignKey(
        PersonRecord, on_delete=models.PROTECT, related_name="addresses", verbose_name="record"
    )
    street = models.CharField("street", max_length=200, blank=True)
    city = models.CharField("city", max_length=100, blank=True)
    postcode = models.CharField("postcode", max_length=20, blank=True)
    state = models.CharField("state", max_length=2, blank=True)

    class Meta:
        verbose_name = "address"
        verbose_name_plural = "addresses"
        ordering = ["record", "pk"]

    def __str__(self) -> str:
        return ", ".join(p for p in (self.street, self.city, self.state, self.postcode) if p)
