"""The agency case register: the liaison keeps their agency's, program managers any agency's,
oversight reads; CSV imports are all or nothing with a report of every bad row; audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from access.audit.models import AuditEvent
from access.inquiries import cases
from access.inquiries.models import AgencyCase


@pytest.fixture
def liaison(client_as, agency_a):
    return client_as("agency_liaison", agency_a)


def _csv(text: str, name: str = "cases.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def _state() -> tuple:
    return (
        list(AgencyCase.objects.order_by("pk").values_list("case_number", "closed_on")),
        AuditEvent.objects.count(),
    )


def test_the_liaison_adds_and_closes_a_case_of_their_agency(liaison, agency_a):
    page = liaison.get("/inquiries/cases/")
    assert page.status_code == 200 and "No cases in the register." in page.content.decode()
    added = liaison.post(
        "/inquiries/cases/",
        {
            "add-case_number": " 24-00123 ",
            "add-opened_on": "2024-01-05",
            "add-description": "Burglary series",
        },
    )
    assert added.status_code == 302
    case = AgencyCase.objects.get()
    assert (case.agency, case.case_number, case.opened_on, case.closed_on) == (
        agency_a,
        "24-00123",
        date(2024, 1, 5),
        None,
    )
    created = AuditEvent.objects.get(action="agencycase.create")
    assert created.after["case_number"] == "24-00123" and created.actor_id == liaison.user.pk
    again = liaison.post(
        "/inquiries/cases/", {"add-case_number": "24-00123", "add-opened_on": "2024-02-01"}
    )
    assert again.status_code == 400 and "already in the register" in again.content.decode()
    assert liaison.get(f"/inquiries/cases/{case.pk}/close/").status_code == 200
    early = liaison.post(f"/inquiries/cases/{case.pk}/close/", {"closed_on": "2023-12-31"})
    assert early.status_code == 400 and "cannot close before it opened" in early.content.decode()
    closed = liaison.post(f"/inquiries/cases/{case.pk}/close/", {"closed_on": "2024-03-01"})
    assert closed.status_code == 302
    case.refresh_from_db()
    assert case.closed_on == date(2024, 3, 1)
    event = AuditEvent.objects.get(action="agencycase.close")
    assert (event.before["closed_on"], event.after["closed_on"]) == (None, "2024-03-01")
    twice = liaison.post(f"/inquiries/cases/{case.pk}/close/", {"closed_on": "2024-03-02"})
    assert twice.status_code == 400 and "already closed" in twice.content.decode()
    case.refresh_from_db()
    assert case.closed_on == date(2024, 3, 1)


def test_a_csv_import_adds_every_case(liaison, agency_a):
    text = (
        "case_number,opened_on,closed_on,description\n"
        "24-00001,2024-01-02,,Fraud\n"
        "24-00002,2024-01-03,2024-05-01,\n"
        "\n"
        "=cmd|' /C calc'!A0,2024-01-04,,Kept as text\n"
    )
    response = liaison.post("/inquiries/cases/import/", {"import-file": _csv(text)})
    assert response.status_code == 302, response.content.decode()[-2000:]
    rows = list(AgencyCase.objects.order_by("case_number").values_list("case_number", "closed_on"))
    assert rows == [
        ("24-00001", None),
        ("24-00002", date(2024, 5, 1)),
        ("=CMD|' /C CALC'!A0", None),  # stored as text, never evaluated
    ]
    assert all(c.agency == agency_a for c in AgencyCase.objects.all())
    event = AuditEvent.objects.get(action="agencycase.import")
    assert event.details["cases"] == 3 and event.details["file"] == "cases.csv"
    assert sorted(event.details["case_numbers"]) == sorted(r[0] for r in rows)


def test_a_csv_with_bad_rows_imports_nothing_and_reports_each_row(liaison, agency_a):
    cases.add_case(
        liaison.user, agency=agency_a, case_number="24-00009", opened_on=date(2024, 1, 1)
    )
    before = _state()
    text = (
        "case_number,opened_on,closed_on\n"
        "24-00001,2024-01-02,\n"
        ",2024-01-03,\n"
        "24-00003,03/01/2024,\n"
        "24-00004,2024-02-01,2024-01-01\n"
        "24-00001,2024-01-05,\n"
        "24-00006,2024-01-06\n"
    )
    response = liaison.post("/inquiries/cases/import/", {"import-file": _csv(text)})
    assert response.status_code == 400
    errors = [(e.row, e.field) for e in response.context["import_errors"]]
    assert errors == [
        (3, "case_number"),
        (4, "opened_on"),
        (5, "closed_on"),
        (6, "case_number"),
        (7, "row"),
    ]
    page = response.content.decode()
    assert "Nothing was imported" in page and "Case 24-00001 is also on line 2." in page
    assert _state() == before
    clash = liaison.post(
        "/inquiries/cases/import/",
        {"import-file": _csv("case_number,opened_on\n24-00010,2024-01-02\n24-00009,2024-01-02\n")},
    )
    assert clash.status_code == 400
    assert [(e.row, e.field) for e in clash.context["import_errors"]] == [(3, "case_number")]
    assert _state() == before


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "file is empty"),
        (b"number,date\n1,2024-01-01\n", "missing column case_number"),
        (b"\xff\xfe\x00b\x00a\x00d", "not UTF-8"),
        (b"case_number,opened_on\n", "The file has no cases."),
        (b"case_number,opened_on\n" + b"x" * (1024 * 1024), "larger than 1 MB"),
    ],
)
def test_unreadable_files_are_refused_whole(liaison, content, problem):
    before = _state()
    upload = SimpleUploadedFile("cases.csv", content, content_type="text/csv")
    response = liaison.post("/inquiries/cases/import/", {"import-file": upload})
    assert response.status_code == 400
    assert problem in response.content.decode()
    assert _state() == before


def test_a_program_manager_keeps_any_agencys_register(client_as, agency_a, agency_b):
    manager = client_as("ice_program_manager")
    response = manager.post(
        "/inquiries/cases/",
        {"add-agency": agency_b.pk, "add-case_number": "TX-1", "add-opened_on": "2024-01-01"},
    )
    assert response.status_code == 302
    assert AgencyCase.objects.get().agency == agency_b
    imported = manager.post(
        "/inquiries/cases/import/",
        {
            "import-agency": agency_a.pk,
            "import-file": _csv("case_number,opened_on\nFL-1,2024-01-01\n"),
        },
    )
    assert imported.status_code == 302
    page = manager.get(f"/inquiries/cases/?agency={agency_a.pk}")
    assert [c.case_number for c in page.context["rows"]] == ["FL-1"]


def test_oversight_reads_every_register_and_changes_nothing(client_as, agency_a, liaison):
    case = cases.add_case(
        liaison.user, agency=agency_a, case_number="24-00001", opened_on=date(2024, 1, 1)
    )
    oversight = client_as("oversight_auditor")
    page = oversight.get("/inquiries/cases/")
    assert page.status_code == 200 and list(page.context["rows"]) == [case]
    assert "Add a case" not in page.content.decode()
    before = _state()
    assert (
        oversight.post(
            "/inquiries/cases/", {"add-case_number": "X", "add-opened_on": "2024-01-01"}
        ).status_code
        == 404
    )
    assert (
        oversight.post(
            f"/inquiries/cases/{case.pk}/close/", {"closed_on": "2024-02-01"}
        ).status_code
        == 404
    )
    assert (
        oversight.post(
            "/inquiries/cases/import/",
            {"import-file": _csv("case_number,opened_on\nY,2024-01-01\n")},
        ).status_code
        == 404
    )
    assert _state() == before


def test_other_agencies_and_officers_get_404_and_change_nothing(
    client_as, agency_a, agency_b, liaison
):
    case = cases.add_case(
        liaison.user, agency=agency_a, case_number="24-00001", opened_on=date(2024, 1, 1)
    )
    other = client_as("agency_liaison", agency_b)
    officer = client_as("agency_officer", agency_a)
    analyst = client_as("lesc_analyst")
    before = _state()
    # Another agency's liaison sees only their own (empty) register and cannot touch this case.
    assert list(other.get("/inquiries/cases/").context["rows"]) == []
    assert other.get(f"/inquiries/cases/{case.pk}/close/").status_code == 404
    assert (
        other.post(f"/inquiries/cases/{case.pk}/close/", {"closed_on": "2024-02-01"}).status_code
        == 404
    )
    for client in (officer, analyst):
        assert client.get("/inquiries/cases/").status_code == 404
        assert client.get(f"/inquiries/cases/{case.pk}/close/").status_code == 404
        assert (
            client.post(
                "/inquiries/cases/", {"add-case_number": "X", "add-opened_on": "2024-01-01"}
            ).status_code
            == 404
        )
        assert (
            client.post(
                "/inquiries/cases/import/",
                {"import-file": _csv("case_number,opened_on\nY,2024-01-01\n")},
            ).status_code
            == 404
        )
    assert _state() == before


def test_a_liaison_cannot_add_to_another_agencys_register(liaison, agency_b):
    before = _state()
    # No agency field is offered; a forged one is ignored: the case lands in their own agency.
    response = liaison.post(
        "/inquiries/cases/",
        {"add-agency": agency_b.pk, "add-case_number": "TX-9", "add-opened_on": "2024-01-01"},
    )
    assert response.status_code == 302
    assert AgencyCase.objects.get(case_number="TX-9").agency == liaison.user.agency
    assert not AgencyCase.objects.filter(agency=agency_b).exists()
    assert _state()[1] == before[1] + 1


def test_the_register_needs_an_actor_and_a_grant(make_user, agency_a, agency_b):
    officer = make_user("agency_officer", agency_a)
    with pytest.raises(Exception, match="Not found"):
        cases.add_case(officer, agency=agency_a, case_number="1", opened_on=date(2024, 1, 1))
    liaison = make_user("agency_liaison", agency_a)
    with pytest.raises(Exception, match="Not found"):
        cases.add_case(liaison, agency=agency_b, case_number="1", opened_on=date(2024, 1, 1))
    assert AgencyCase.objects.count() == 0


def test_a_case_cannot_be_opened_or_closed_in_the_future(liaison, agency_a):
    before = _state()
    future = liaison.post(
        "/inquiries/cases/", {"add-case_number": "99-1", "add-opened_on": "2099-01-01"}
    )
    assert future.status_code == 400
    assert "A case cannot be opened in the future" in future.content.decode()
    imported = liaison.post(
        "/inquiries/cases/import/",
        {"import-file": _csv("case_number,opened_on\n99-2,2099-01-01\n")},
    )
    assert imported.status_code == 400
    assert "A case cannot be opened in the future" in imported.content.decode()
    assert _state() == before
    with pytest.raises(cases.NotAllowed):
        cases.add_case(
            liaison.user, agency=agency_a, case_number="99-3", opened_on=date(2099, 1, 1)
        )
    assert _state() == before


def test_the_register_shows_a_page_of_cases_at_a_time(client_as, make_user, agency_a, agency_b):
    """A register of thousands is not rendered whole (issue 15 item 21): 25 rows a page, the
    count of every case in the caption, and the agency chosen kept from page to page."""
    keeper = make_user("agency_liaison", agency_a)
    for n in range(30):
        cases.add_case(
            keeper, agency=agency_a, case_number=f"24-{n:05d}", opened_on=date(2024, 1, 1)
        )
    other = make_user("agency_liaison", agency_b)
    cases.add_case(other, agency=agency_b, case_number="B-1", opened_on=date(2024, 1, 1))
    manager = client_as("ice_program_manager")
    first = manager.get(f"/inquiries/cases/?agency={agency_a.pk}").content.decode()
    assert "30 cases, 30 open (page 1 of 2)" in first
    assert first.count("<td>24-") == 25 and "B-1" not in first
    assert f'href="?agency={agency_a.pk}&amp;page=2"' in first
    second = manager.get(f"/inquiries/cases/?agency={agency_a.pk}&page=2").content.decode()
    assert second.count("<td>24-") == 5 and "(page 2 of 2)" in second
    shown = {
        number
        for html in (first, second)
        for number in AgencyCase.objects.values_list("case_number", flat=True)
        if f"<td>{number}</td>" in html
    }
    assert shown == {f"24-{n:05d}" for n in range(30)}  # every case on one page or the other
    beyond = manager.get(f"/inquiries/cases/?agency={agency_a.pk}&page=99").content.decode()
    assert "(page 2 of 2)" in beyond  # a page past the end shows the last one
