"""Checks on uploaded signed agreements."""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

MAX_PDF_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"

_PDF_HEADER = re.compile(rb"%PDF-[12]\.[0-9]")
# What a browser would take for a web page: a file holding these is refused even when it
# starts like a PDF, so a stored upload can never be served or sniffed as HTML.
_MARKUP = (b"<html", b"<!doctype html", b"<script", b"<body", b"<iframe", b"<svg")


def _pdf_problem(data: bytes) -> str:
    if not _PDF_HEADER.match(data):
        return "its header names no PDF version (%PDF-1.x or %PDF-2.0)."
    if b"%%EOF" not in data[-1024:]:
        return "it does not end with %%EOF (it may be cut short)."
    if b"/Root" not in data:
        return "it has no document catalog (/Root)."
    if b"trailer" not in data and not re.search(rb"/Type\s*/XRef", data):
        return "it has no cross-reference trailer."
    lowered = data.lower()
    if any(marker in lowered for marker in _MARKUP):
        return "it contains HTML."
    return ""


def stored_pdf_name() -> str:
    """The name an upload is stored under: generated, with the checked type's extension, so
    the uploader's file name (``evil.html``, ``../x``) never reaches the storage."""
    return f"{uuid.uuid4().hex}.pdf"


def validate_pdf(upload: Any) -> None:
    """A PDF by its structure (not its name or declared type), at most 10 MB: the header
    ``%PDF-1.x``/``%PDF-2.0``, a document catalog (``/Root``), a cross-reference (a
    ``trailer`` or an xref stream), the end marker ``%%EOF`` in the last kilobyte, and no
    HTML anywhere."""
    if upload.size > MAX_PDF_BYTES:
        raise ValidationError("The signed agreement must be 10 MB or smaller.", code="too_big")
    upload.seek(0)
    data = upload.read(MAX_PDF_BYTES + 1)
    upload.seek(0)
    if not data.startswith(PDF_MAGIC):
        raise ValidationError(
            "The file is not a PDF (it does not start with %PDF-).", code="not_pdf"
        )
    problem = _pdf_problem(data)
    if problem:
        raise ValidationError(f"The file is not a valid PDF: {problem}", code="not_pdf")


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
