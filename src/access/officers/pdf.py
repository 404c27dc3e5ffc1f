"""Tagged PDFs (PDF/UA-1) of an officer's certificate and authorization letter (WeasyPrint)."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from access.officers.models import Authorization, Certification, ModelFunction


def _render(context: dict[str, Any]) -> bytes:
    # WeasyPrint logs every rendering step at INFO; only its warnings belong in our logs.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    from weasyprint import HTML  # imported on use: it parses its stylesheets at import

    html = render_to_string("officers/document_pdf.html", context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant="pdf/ua-1")


def certificate_pdf(certificate: Certification) -> bytes:
    officer = certificate.officer
    return _render(
        {
            "title": f"Certificate of training: {officer.full_name}",
            "heading": "Certificate of training",
            "officer": officer,
            "rows": [
                ("Officer", f"{officer.full_name} ({officer.badge_number})"),
                ("Agency", officer.agency.name),
                ("Course", certificate.course.name),
                ("Certified on", f"{certificate.certified_on:%Y-%m-%d}"),
                ("Certificate", f"#{certificate.pk}"),
            ],
            "text": (
                f"{officer.full_name} completed {certificate.course.name} and passed its final "
                f"examination with at least {certificate.course.pass_mark} percent. This "
                "certificate alone gives no authority: an authorization letter does."
            ),
            "functions": [],
        }
    )


def authorization_pdf(letter: Authorization) -> bytes:
    officer = letter.officer
    names = ModelFunction.codes_in_effect(officer.agreement.partnership_type_id, letter.valid_from)
    supervisor = letter.supervisor.get_full_name() or letter.supervisor.get_username()
    issuer = letter.issued_by.get_full_name() or letter.issued_by.get_username()
    return _render(
        {
            "title": f"Authorization letter: {officer.full_name}",
            "heading": f"Authorization under the {officer.agreement.partnership_type.name}",
            "officer": officer,
            "rows": [
                ("Officer", f"{officer.full_name} ({officer.badge_number})"),
                ("Agency", officer.agency.name),
                ("Agreement", f"#{officer.agreement_id}"),
                ("Valid", f"{letter.valid_from:%Y-%m-%d} to {letter.valid_until:%Y-%m-%d}"),
                ("Supervising ICE officer", supervisor),
                ("Issued by", issuer),
                ("Letter", f"#{letter.pk}"),
            ],
            "text": (
                "The officer named above may perform only the functions listed below, only "
                "while certified, current on training, assigned an ICE supervisor and not "
                "suspended, and only under the direction and supervision of ICE."
            ),
            "functions": [names.get(code, code) for code in letter.functions],
        }
    )
