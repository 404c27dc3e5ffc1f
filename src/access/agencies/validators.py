"""ORI and county FIPS validation."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

from access.agencies.choices import STATE_NAMES

# NCIC ORI: 9 characters, the first two the state's postal code, the rest letters or digits.
_ORI = re.compile(r"^[A-Z]{2}[A-Z0-9]{7}$")
_FIPS = re.compile(r"^\d{5}$")


def validate_ori(value: str) -> None:
    if len(value) != 9:
        raise ValidationError(
            f"An ORI has exactly 9 characters; this one has {len(value)}.", code="ori_length"
        )
    if not _ORI.match(value):
        raise ValidationError(
            "An ORI is 2 letters (the state) then 7 letters or digits.", code="ori_format"
        )
    if value[:2] not in STATE_NAMES:
        raise ValidationError(
            f"An ORI starts with a state code; {value[:2]} is not one.", code="ori_state"
        )


def validate_county_fips(value: str) -> None:
    if not _FIPS.match(value):
        raise ValidationError(
            "A county FIPS code is 5 digits (state + county), e.g. 12086.", code="fips_format"
        )
