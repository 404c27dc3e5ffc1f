"""Item 20 (issue 15): a signature upload is checked as a PDF by its structure, and stored
under a generated name with the checked type, never under the uploader's file name."""

from __future__ import annotations

import re

import pytest
from tests.agreements.conftest import PDF_BYTES, advance, pdf_upload

from access.agreements.models import AgreementSignature

EVIL_HTML = (
    b"%PDF-1.4\n<html><body><script>fetch('/api/tokens/',{method:'POST'})</script>"
    b"</body></html>\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
DATA = {"name": "Pat Doe", "title": "Sheriff", "signed_on": "2025-07-01"}


@pytest.fixture
def signing(client_as, liaison, manager, draft):
    agreement = advance(draft(), {"manager": manager, "liaison": liaison}, until="sign")
    return agreement, client_as(liaison)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (EVIL_HTML, "it contains HTML."),
        (b"%PDF-1.4\n" + PDF_BYTES[9:].replace(b"%%EOF", b""), "it does not end with %%EOF"),
        (PDF_BYTES.replace(b"/Root", b"/Roof"), "it has no document catalog (/Root)."),
        (b"%PDF-x\n" + PDF_BYTES[9:], "its header names no PDF version"),
        (PDF_BYTES.replace(b"trailer", b"nothing"), "it has no cross-reference trailer."),
    ],
)
def test_a_file_that_only_starts_like_a_pdf_is_refused(signing, settings, content, reason):
    agreement, client = signing
    response = client.post(
        f"/agreements/{agreement.pk}/sign/", {**DATA, "document": pdf_upload("evil.html", content)}
    )
    assert response.status_code == 400
    [error] = response.context["form"].errors["document"]
    assert error.startswith("The file is not a valid PDF: ") and reason in error
    assert AgreementSignature.objects.count() == 0
    media = settings.STORAGES["default"]["OPTIONS"]["location"]
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_a_pdf_is_stored_under_a_generated_name_not_the_uploaders(signing):
    agreement, client = signing
    response = client.post(
        f"/agreements/{agreement.pk}/sign/", {**DATA, "document": pdf_upload("evil.html")}
    )
    assert response.status_code == 302
    stored = AgreementSignature.objects.get(agreement=agreement).document
    assert re.fullmatch(r"agreements/signed/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", stored.name)
    assert "evil" not in stored.name
    assert stored.read() == PDF_BYTES
