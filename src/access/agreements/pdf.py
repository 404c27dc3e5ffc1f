"""Tagged PDF (PDF/UA-1) of one version of an agreement, rendered with WeasyPrint."""

from __future__ import annotations

import logging

from django.conf import settings
from django.template.loader import render_to_string

from access.agencies.choices import STATE_NAMES
from access.agreements.models import Agreement, AgreementVersion


def pdf_title(agreement: Agreement, version: AgreementVersion) -> str:
    return (
        f"Memorandum of Agreement, {agreement.partnership_type.name}: {agreement.agency.name} "
        f"(version {version.number})"
    )


def agreement_pdf(agreement: Agreement, version: AgreementVersion) -> bytes:
    """PDF/UA-1: tagged structure, document language and title, page numbers."""
    # WeasyPrint logs every rendering step at INFO; only its warnings belong in our logs.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import HTML  # imported on use: it parses its stylesheets at import

    html = render_to_string(
        "agreements/agreement_pdf.html",
        {
            "agreement": agreement,
            "version": version,
            "title": pdf_title(agreement, version),
            "state_name": STATE_NAMES.get(agreement.agency.state, agreement.agency.state),
            "signatures": agreement.signatures.all(),
        },
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")
