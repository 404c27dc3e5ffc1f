"""Agencies, their jails and their points of contact."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse

from access.agencies.choices import US_STATES, AgencyKind, ContactRole
from access.agencies.timezones import US_ZONES, default_zone
from access.agencies.validators import validate_county_fips, validate_ori
from access.core.models import ProgramRecord

# Two-digit state FIPS prefixes, to check a county code belongs to the agency's state.
STATE_FIPS = {
    "AL": "01",
    "AK": "02",
    "AZ": "04",
    "AR": "05",
    "CA": "06",
    "CO": "08",
    "CT": "09",
    "DE": "10",
    "DC": "11",
    "FL": "12",
    "GA": "13",
    "HI": "15",
    "ID": "16",
    "IL": "17",
    "IN": "18",
    "IA": "19",
    "KS": "20",
    "KY": "21",
    "LA": "22",
    "ME": "23",
    "MD": "24",
    "MA": "25",
    "MI": "26",
    "MN": "27",
    "MS": "28",
    "MO": "29",
    "MT": "30",
    "NE": "31",
    "NV": "32",
    "NH": "33",
    "NJ": "34",
    "NM": "35",
    "NY": "36",
    "NC": "37",
    "ND": "38",
    "OH": "39",
    "OK": "40",
    "OR": "41",
    "PA": "42",
    "RI": "44",
    "SC": "45",
    "SD": "46",
    "TN": "47",
    "TX": "48",
    "UT": "49",
    "VT": "50",
    "VA": "51",
    "WA": "53",
    "WV": "54",
    "WI": "55",
    "WY": "56",
    "AS": "60",
    "GU": "66",
    "MP": "69",
    "PR": "72",
    "VI": "78",
}


class Agency(ProgramRecord):
    name = models.CharField("name", max_length=200, help_text="Official name of the agency.")
    kind = models.CharField("kind", max_length=20, choices=AgencyKind.choices())
    state = models.CharField("state", max_length=2, choices=US_STATES)
    county_fips = models.CharField(
        "county FIPS",
        max_length=5,
        blank=True,
        validators=[validate_county_fips],
        help_text="5-digit county FIPS code (state + county), e.g. 12086 for Miami-Dade.",
    )
    county_name = models.CharField("county", max_length=100, blank=True)
    ori = models.CharField(
        "ORI",
        max_length=9,
        blank=True,
        validators=[validate_ori],
        help_text="NCIC Originating Agency Identifier: 9 characters, e.g. FL0130000.",
    )
    street = models.CharField("street address", max_length=200, blank=True)
    city = models.CharField("city", max_length=100, blank=True)
    postcode = models.CharField("ZIP code", max_length=10, blank=True)
    notes = models.TextField("notes", blank=True)

    agency_scope = "pk"

    class Meta:
        ordering = ["name", "state"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(
                Upper("ori"), name="unique_agency_ori", condition=~models.Q(ori="")
            ),
        ]
        indexes = [models.Index(fields=["state", "kind"], name="agency_state_kind_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.state})"

    def get_absolute_url(self) -> str:
        return reverse("agencies:detail", args=[self.pk])

    def clean(self) -> None:
        self.ori = self.ori.strip().upper()
        if self.ori and self.state and not self.ori.startswith(self.state):
            raise ValidationError({"ori": f"This ORI belongs to {self.ori[:2]}, not {self.state}."})
        prefix = STATE_FIPS.get(self.state)
        if self.county_fips and prefix and not self.county_fips.startswith(prefix):
            raise ValidationError(
                {"county_fips": f"County FIPS codes in {self.state} start with {prefix}."}
            )


class Facility(ProgramRecord):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="facilities")
    name = models.CharField("name", max_length=200)
    rated_capacity = models.PositiveIntegerField(
        "rated capacity", null=True, blank=True, help_text="Beds the jail is rated for."
    )
    average_daily_population = models.PositiveIntegerField(
        "average daily population",
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    annual_bookings = models.PositiveIntegerField("annual bookings", null=True, blank=True)
    street = models.CharField("street address", max_length=200, blank=True)
    city = models.CharField("city", max_length=100, blank=True)
    time_zone = models.CharField(
        "time zone",
        max_length=40,
        blank=True,
        choices=US_ZONES,
        help_text="The facility's local clock (detainer hold clocks count in it). Filled in "
        "from the agency's state where the state has one zone.",
    )

    agency_scope = "agency"

    class Meta:
        ordering = ["agency", "name"]
        verbose_name_plural = "facilities"
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="unique_facility_per_agency")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.time_zone and self.agency_id:
            self.time_zone = default_zone(self.agency.state)
        super().save(*args, **kwargs)


class Contact(ProgramRecord):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="contacts")
    name = models.CharField("name", max_length=200)
    title = models.CharField("title", max_length=200, blank=True)
    role = models.CharField(
        "role", max_length=30, choices=ContactRole.choices(), default=ContactRole.PRIMARY
    )
    email = models.EmailField("email", blank=True)
    phone = models.CharField("phone", max_length=30, blank=True)

    agency_scope = "agency"

    class Meta:
        ordering = ["agency", "name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name
