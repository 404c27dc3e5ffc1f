"""Officer pages and commands: each step from the web for the right role, 404 and nothing
changed for the others; the roster import all-or-nothing; the command line."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import Workbook
from tests.conftest import sign_in
from tests.officers.conftest import nomination

from access.audit import registry
from access.audit.models import AuditEvent
from access.officers.models import BackgroundCheck, ExamAttempt, Officer
from access.officers.roster import COLUMNS

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Any:
    from django.test import Client

    return sign_in(Client(), user)


def _form(**overrides: Any) -> dict[str, Any]:
    data = nomination(**overrides)
    return {k: ("on" if v is True else "" if v is False else v) for k, v in data.items()}


def test_liaison_lists_only_own_agency_and_gets_404_elsewhere(
    walk: Callable[..., Officer], people: Any, make_user: Any, agency_b: Any
) -> None:
    mine = walk("nominated")
    other_liaison = make_user("agency_liaison", agency_b)
    page = _client(people["liaison"]).get("/officers/")
    assert page.status_code == 200 and mine.badge_number in page.content.decode()
    other = _client(other_liaison)
    assert mine.badge_number not in other.get("/officers/").content.decode()
    events = AuditEvent.objects.count()
    assert other.get(f"/officers/{mine.pk}/").status_code == 404
    response = other.post(f"/officers/{mine.pk}/step/", {"step": "withdraw", "reason": "x"})
    assert response.status_code == 404
    assert Officer.objects.get(pk=mine.pk).status == "nominated"
    assert AuditEvent.objects.count() == events


def test_nominate_from_the_web(people: Any, agreement: Any) -> None:
    client = _client(people["liaison"])
    assert client.get("/officers/nominate/").status_code == 200
    refused = client.post(
        "/officers/nominate/",
        {**_form(citizenship_attested=False), "agreement": agreement.pk, "reason": "x"},
    )
    assert refused.status_code == 400 and "U.S. citizen" in refused.content.decode()
    assert not Officer.objects.exists()
    done = client.post(
        "/officers/nominate/", {**_form(), "agreement": agreement.pk, "reason": "New unit"}
    )
    assert done.status_code == 302
    assert Officer.objects.get().status == "nominated"


def test_liaison_sees_only_the_outcome_of_the_ice_check(
    walk: Callable[..., Officer], people: Any
) -> None:
    officer = walk("cleared")
    check = BackgroundCheck.objects.get(officer=officer)
    liaison_page = _client(people["liaison"]).get(f"/officers/{officer.pk}/").content.decode()
    assert check.reason in liaison_page
    assert check.personal_history not in liaison_page
    agent_page = _client(people["agent"]).get(f"/officers/{officer.pk}/").content.decode()
    assert check.personal_history in agent_page


def test_background_check_and_exam_forms(walk: Callable[..., Officer], people: Any) -> None:
    officer = walk("nominated")
    liaison = _client(people["liaison"])
    assert liaison.get(f"/officers/{officer.pk}/check/").status_code == 404
    agent = _client(people["agent"])
    response = agent.post(
        f"/officers/{officer.pk}/check/",
        {
            "fingerprints_submitted_on": str(timezone.localdate() - timedelta(days=5)),
            "fingerprint_result": "passed",
            "personal_history": "ok",
            "disciplinary_review": "ok",
            "outcome": "cleared",
            "reason": "Nothing found",
        },
    )
    assert response.status_code == 302
    assert Officer.objects.get(pk=officer.pk).status == "cleared"
    from access.officers.models import Course

    course = Course.objects.get(code="jem-initial-4wk")
    bad = agent.post(
        f"/officers/{officer.pk}/exam/",
        {
            "course": course.pk,
            "taken_on": str(timezone.localdate()),
            "location": "online",
            "score": 130,
            "reason": "Final",
        },
    )
    assert bad.status_code == 400 and "0 to 100" in bad.content.decode()
    assert not ExamAttempt.objects.exists()


def test_authorize_page_for_the_director_only(walk: Callable[..., Officer], people: Any) -> None:
    officer = walk("certified")
    assert _client(people["agent"]).get(f"/officers/{officer.pk}/authorize/").status_code == 404
    director = _client(people["director"])
    response = director.post(
        f"/officers/{officer.pk}/authorize/",
        {
            "functions": ["interview", "process"],
            "supervisor": people["supervisor"].pk,
            "reason": "ok",
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.status == "authorized"
    page = director.get(f"/officers/{officer.pk}/").content.decode()
    assert "Authority today" in page and "Allowed" in page


def _csv(rows: list[dict[str, Any]], columns: list[str] | None = None) -> SimpleUploadedFile:
    columns = columns or list(COLUMNS)
    out = io.StringIO()
    out.write(",".join(columns) + "\n")
    for row in rows:
        out.write(",".join(str(row.get(c, "")) for c in columns) + "\n")
    return SimpleUploadedFile("roster.csv", out.getvalue().encode(), content_type="text/csv")


def _row(badge: str, **overrides: Any) -> dict[str, Any]:
    data = nomination(badge_number=badge, **overrides)
    return {k: ("yes" if v is True else "no" if v is False else v) for k, v in data.items()}


def test_roster_all_or_nothing_with_row_errors(people: Any, agreement: Any) -> None:
    client = _client(people["liaison"])
    bad = client.post(
        "/officers/roster/",
        {
            "agreement": agreement.pk,
            "reason": "Unit roster",
            "roster": _csv(
                [
                    _row("R-1"),
                    _row("R-2", citizenship_attested=False),
                    _row("R-3", hired_on="03/04/2020"),
                ]
            ),
        },
    )
    body = bad.content.decode()
    assert bad.status_code == 400
    assert "Nothing was saved" in body and "U.S. citizen" in body and "not a date" in body
    assert not Officer.objects.exists()
    missing = client.post(
        "/officers/roster/",
        {"agreement": agreement.pk, "reason": "x", "roster": _csv([_row("R-1")], ["first_name"])},
    )
    assert missing.status_code == 400 and "missing column" in missing.content.decode()
    assert not Officer.objects.exists()
    over = client.post(
        "/officers/roster/",
        {
            "agreement": agreement.pk,
            "reason": "x",
            "roster": _csv([_row(f"R-{n}") for n in range(6)]),
        },
    )
    assert over.status_code == 400 and "allows 5 officers" in over.content.decode()
    assert not Officer.objects.exists()
    good = client.post(
        "/officers/roster/",
        {
            "agreement": agreement.pk,
            "reason": "Unit roster",
            "roster": _csv([_row("R-1"), _row("R-2")]),
        },
    )
    assert good.status_code == 302
    assert sorted(Officer.objects.values_list("badge_number", flat=True)) == ["R-1", "R-2"]
    assert AuditEvent.objects.filter(action="officer.bulk_nominate").count() == 1


def test_roster_from_xlsx(people: Any, agreement: Any) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(COLUMNS))
    row = nomination(badge_number="X-1")
    sheet.append(
        [
            row.get(c, "") if not isinstance(row.get(c), bool) else ("yes" if row[c] else "no")
            for c in COLUMNS
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("roster.xlsx", buffer.getvalue())
    response = _client(people["liaison"]).post(
        "/officers/roster/", {"agreement": agreement.pk, "reason": "Unit roster", "roster": upload}
    )
    assert response.status_code == 302
    assert Officer.objects.get().badge_number == "X-1"


def test_cli_authority_and_list(walk: Callable[..., Officer], agency_a: Any) -> None:
    officer = walk("authorized")
    out = io.StringIO()
    call_command(
        "officers",
        "authority",
        officer.badge_number,
        "--agency",
        str(agency_a.pk),
        "--function",
        "interview",
        stdout=out,
    )
    assert json.loads(out.getvalue())["allowed"] is True
    out = io.StringIO()
    with pytest.raises(SystemExit) as denied:
        call_command(
            "officers",
            "authority",
            officer.badge_number,
            "--agency",
            str(agency_a.pk),
            "--function",
            "interview",
            "--on",
            "2020-01-01",
            stdout=out,
        )
    assert denied.value.code == 3
    assert json.loads(out.getvalue())["reasons"]
    with pytest.raises(CommandError) as unknown:
        call_command(
            "officers", "authority", "NOPE", "--agency", str(agency_a.pk), "--function", "interview"
        )
    assert unknown.value.returncode == 2
    with pytest.raises(CommandError) as bad_function:
        call_command(
            "officers",
            "authority",
            officer.badge_number,
            "--agency",
            str(agency_a.pk),
            "--function",
            "fly",
        )
    assert bad_function.value.returncode == 2
    out = io.StringIO()
    call_command("officers", "list", "--agency", str(agency_a.pk), "--format", "json", stdout=out)
    [row] = json.loads(out.getvalue())
    assert row["badge"] == officer.badge_number and row["status"] == "authorized"
    assert "interview" in row["functions"]
    out = io.StringIO()
    call_command("officers", "list", "--format", "csv", stdout=out)
    assert out.getvalue().splitlines()[0].startswith("badge,agency_id")


def test_certificate_and_letter_pdfs_are_audited(
    walk: Callable[..., Officer], people: Any, make_user: Any, agency_b: Any
) -> None:
    officer = walk("authorized")
    certificate = officer.certifications.get()
    letter = officer.authorizations.get()
    client = _client(people["liaison"])
    for kind, number in (("certificate", certificate.pk), ("authorization", letter.pk)):
        response = client.get(f"/officers/{officer.pk}/{kind}/{number}/pdf/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="officer.print", object_id=str(officer.pk)).count() == 2
    other = _client(make_user("agency_liaison", agency_b))
    assert other.get(f"/officers/{officer.pk}/certificate/{certificate.pk}/pdf/").status_code == 404
    assert AuditEvent.objects.filter(action="officer.print").count() == 2


def test_supervisor_filters_their_own_officers(
    walk: Callable[..., Officer], people: Any, make_user: Any
) -> None:
    mine = walk("authorized")
    walk("certified")
    client = _client(people["supervisor"])
    rows = client.get("/officers/", {"mine": "me"}).context["table"].rows
    assert [r.record.pk for r in rows] == [mine.pk]
    other = _client(make_user("ice_supervisor", username="sup.other"))
    assert list(other.get("/officers/", {"mine": "me"}).context["table"].rows) == []


def test_disciplinary_reports_and_acknowledgement(
    walk: Callable[..., Officer], people: Any, make_user: Any, agency_b: Any
) -> None:
    from access.officers.models import DisciplinaryReport

    officer = walk("authorized")
    other = _client(make_user("agency_liaison", agency_b))
    form = {
        "occurred_on": str(timezone.localdate()),
        "description": "Use-of-force complaint filed",
        "excessive_force": "on",
    }
    assert other.post(f"/officers/{officer.pk}/report/", form).status_code == 404
    assert not DisciplinaryReport.objects.exists()
    liaison = _client(people["liaison"])
    future = {**form, "occurred_on": str(timezone.localdate() + timedelta(days=3))}
    assert liaison.post(f"/officers/{officer.pk}/report/", future).status_code == 400
    assert liaison.post(f"/officers/{officer.pk}/report/", form).status_code == 302
    report = DisciplinaryReport.objects.get()
    assert report.excessive_force and report.acknowledged_at is None
    assert (
        liaison.post(
            f"/officers/{officer.pk}/report/{report.pk}/acknowledge/", {"reason": "x"}
        ).status_code
        == 404
    )
    agent = _client(people["agent"])
    agent.post(
        f"/officers/{officer.pk}/report/{report.pk}/acknowledge/", {"reason": "Referred to OPR"}
    )
    report.refresh_from_db()
    assert report.acknowledged_by == people["agent"] and report.review_note == "Referred to OPR"
    page = liaison.get(f"/officers/{officer.pk}/").content.decode()
    assert "Referred to OPR" in page


def test_the_history_reads_event_labels_not_codes(
    walk: Callable[..., Officer], make_user: Callable[..., Any]
) -> None:
    """Issue 15 item 6: the officer's history names each step by its declared label."""
    officer = walk("cleared")
    page = _client(make_user("oversight_auditor")).get(f"/officers/{officer.pk}/").content.decode()
    history = page[page.index('id="history-heading"') :]
    assert registry.label("officer.clear_check") in history
    assert "<code>officer." not in history
    assert not re.search(r"\d\d:\d\d:\d\d\.\d{6}", history)
