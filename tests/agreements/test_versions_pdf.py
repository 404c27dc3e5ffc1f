"""Edits make versions; the version page shows a readable diff; PDFs are tagged PDF/UA."""

from __future__ import annotations

import re
import zlib

import pytest
from django.core.exceptions import ValidationError
from tests.agreements.conftest import advance

from access.agreements import actions
from access.agreements.diff import inline_diff
from access.agreements.models import Agreement, AgreementVersion
from access.audit.models import AuditEvent


def inflated(pdf: bytes) -> bytes:
    """The PDF with every Flate stream decompressed (no PDF library is installed)."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_each_edit_creates_a_version_with_author_and_note(draft, manager):
    agreement = draft()
    before = AuditEvent.objects.count()
    version = actions.edit_sections(
        manager, agreement, {"reporting": "The LEA reports monthly."}, "Monthly reports"
    )
    assert (version.number, version.author, version.note) == (2, manager, "Monthly reports")
    assert [s["text"] for s in version.sections if s["key"] == "reporting"] == [
        "The LEA reports monthly."
    ]
    event = AuditEvent.objects.order_by("pk")[before]
    assert (event.action, event.details["changed_sections"], event.details["version"]) == (
        "agreement.edit",
        ["reporting"],
        2,
    )
    assert AuditEvent.objects.count() == before + 1


def test_an_edit_that_changes_nothing_or_comes_too_late_is_refused(draft, manager, liaison):
    agreement = draft()
    with pytest.raises(ValidationError) as same:
        actions.edit_sections(manager, agreement, {}, "Nothing")
    assert same.value.messages == ["Nothing changed: no new version was created."]
    agreement = advance(
        agreement, {"manager": manager, "liaison": liaison}, until="approve_legal_review"
    )
    with pytest.raises(ValidationError) as late:
        actions.edit_sections(manager, agreement, {"purpose": "New"}, "Late")
    assert late.value.messages == [
        "Section text can be edited only in a draft or during a modification; the agreement's "
        'status is "ICE legal review".'
    ]
    assert AgreementVersion.objects.filter(agreement=agreement).count() == 1


def test_the_edit_page_saves_a_new_version_and_the_version_page_shows_the_diff(
    client_as, manager, draft
):
    agreement = draft()
    client = client_as(manager)
    form = client.get(f"/agreements/{agreement.pk}/edit/").context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data["section_reporting"] = data["section_reporting"].replace(
        "at least once a year", "at least twice a year"
    )
    data["note"] = "Twice-yearly meetings"
    response = client.post(f"/agreements/{agreement.pk}/edit/", data)
    assert response.status_code == 302
    assert response["Location"] == f"/agreements/{agreement.pk}/versions/2/"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.context["changed"] == 1
    changed = [d["key"] for d in page.context["diffs"] if d["changed"]]
    assert changed == ["reporting"]
    assert (
        '<del class="bg-secondary-lighter"><span class="usa-sr-only">[removed: </span>once'
        '<span class="usa-sr-only">]</span></del><ins class="bg-success-lighter"><span '
        'class="usa-sr-only">[added: </span>twice<span class="usa-sr-only">]</span></ins>'
    ) in html
    assert "Compared with version 1: 1 section changed." in html


def test_version_one_shows_plain_text_without_change_markers(client_as, manager, draft):
    agreement = draft()
    page = client_as(manager).get(f"/agreements/{agreement.pk}/versions/1/")
    html = page.content.decode()
    assert page.status_code == 200
    assert page.context["diffs"] and not any(d["changed"] for d in page.context["diffs"])
    assert "<ins" not in html and "<del" not in html and "[added: " not in html
    assert ">Changed<" not in html
    assert "The first version, shown as written." in html
    purpose = next(d for d in page.context["diffs"] if d["key"] == "purpose")
    first = agreement.versions.get(number=1)
    text = next(s["text"] for s in first.sections if s["key"] == "purpose")
    assert str(purpose["html"]).startswith(text.split("\n")[0][:40].replace("'", "&#x27;"))


def test_the_diff_escapes_text():
    assert str(inline_diff("a <b>", "a <i>")) == (
        'a <del class="bg-secondary-lighter"><span class="usa-sr-only">[removed: </span>&lt;b&gt;'
        '<span class="usa-sr-only">]</span></del><ins class="bg-success-lighter"><span '
        'class="usa-sr-only">[added: </span>&lt;i&gt;<span class="usa-sr-only">]</span></ins>'
    )


def test_the_pdf_is_tagged_pdf_ua_with_title_language_and_the_agency(client_as, manager, draft):
    agreement = draft()
    before = AuditEvent.objects.count()
    response = client_as(manager).get(f"/agreements/{agreement.pk}/versions/1/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="agreement-{agreement.pk}-v1.pdf"'
    )
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    content = inflated(pdf)
    assert b'pdfuaid:part="1"' in content
    assert b"/StructTreeRoot" in content and b"/Lang (en)" in content
    assert b"Alpha County Sheriff" in content  # in the document title (Info and XMP)
    assert b"/DisplayDocTitle true" in content
    event = AuditEvent.objects.get(pk__gt=AuditEvent.objects.order_by("pk")[before - 1].pk)
    assert (event.action, event.details["version"], event.object_id) == (
        "agreement.print",
        1,
        str(agreement.pk),
    )


def test_the_signed_pdf_downloads_and_is_audited(client_as, manager, liaison, draft):
    agreement = advance(draft(), {"manager": manager, "liaison": liaison})
    client = client_as(liaison)
    response = client.get(f"/agreements/{agreement.pk}/signatures/agency/document/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert AuditEvent.objects.filter(action="agreement.download_signed").count() == 1
    assert Agreement.objects.get(pk=agreement.pk).status == "active"


def test_the_sign_form_accepts_only_pdfs_up_to_10_mb(client_as, liaison, manager, draft):
    from tests.agreements.conftest import pdf_upload

    agreement = advance(draft(), {"manager": manager, "liaison": liaison}, until="sign")
    client = client_as(liaison)
    data = {"name": "Pat Doe", "title": "Sheriff", "signed_on": "2025-07-01"}
    not_pdf = client.post(
        f"/agreements/{agreement.pk}/sign/",
        {**data, "document": pdf_upload("x.pdf", b"GIF89a not a pdf")},
    )
    assert not_pdf.status_code == 400
    assert not_pdf.context["form"].errors["document"] == [
        "The file is not a PDF (it does not start with %PDF-)."
    ]
    big = pdf_upload("big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024))
    too_big = client.post(f"/agreements/{agreement.pk}/sign/", {**data, "document": big})
    assert too_big.context["form"].errors["document"] == [
        "The signed agreement must be 10 MB or smaller."
    ]
    assert agreement.signatures.count() == 0
    ok = client.post(f"/agreements/{agreement.pk}/sign/", {**data, "document": pdf_upload()})
    assert ok.status_code == 302
    assert list(agreement.signatures.values_list("party", "name", "title")) == [
        ("agency", "Pat Doe", "Sheriff")
    ]
