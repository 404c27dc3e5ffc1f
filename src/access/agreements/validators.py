"""Checks on uploaded signed agreements."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

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
