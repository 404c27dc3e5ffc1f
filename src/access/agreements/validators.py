"""Checks on uploaded signed agreements."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

MAX_PDF_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def validate_pdf(upload: Any) -> None:
    """A PDF by its first bytes (not its name or declared type), at most 10 MB."""
    if upload.size > MAX_PDF_BYTES:
        raise ValidationError("The signed agreement must be 10 MB or smaller.", code="too_big")
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError(
            "The file is not a PDF (it does not start with %PDF-).", code="not_pdf"
        )


def check_signed_on(signed_on: date, today: date | None = None) -> None:
    """A signature is recorded after it was made: its date cannot be in the future."""
    today = today or timezone.localdate()
    if signed_on > today:
        raise ValidationError(
            {
                "signed_on": f"The date signed cannot be in the future (today is "
                f"{today:%Y-%m-%d}); record the signature once it is made."
            }
        )
