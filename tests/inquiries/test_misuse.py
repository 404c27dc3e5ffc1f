"""Misuse rules: configured by oversight, flags with evidence, each closed with a finding."""

from __future__ import annotations

import pytest
from tests.inquiries.conftest import form_fields

from access.audit.models import AuditEvent
from access.inquiries.models import Inquiry, MisuseFlag, MisuseRule


@pytest.fixture
def people(client_as, agency_a):
    return {
        "officer": client_as("agency_officer", agency_a),
        "oversight": client_as("oversight_auditor"),
        "analyst": client_as("lesc_analyst"),
    }


def _rule(client, kind, threshold=0, window=60):
    response = client.post(
        "/inquiries/misuse/rules/",
        {"kind": kind, "threshold": threshold, "window_minutes": window},
    )
    assert response.status_code == 302
    return MisuseRule.objects.latest("pk")


def test_volume_and_repeat_rules_flag_with_evidence(people, db):
    oversight, officer = people["oversight"], people["officer"]
    _rule(oversight, "volume", threshold=2)
    _rule(oversight, "repeat_subject", threshold=1)
    for _ in range(3):
        officer.post("/inquiries/new/", form_fields(a_number="A12345678", in_custody="on"))
    inquiries = list(Inquiry.objects.order_by("pk").values_list("pk", flat=True))
    flags = list(MisuseFlag.objects.order_by("pk"))
    assert [(f.rule.kind, f.inquiry_id) for f in flags] == [
        ("repeat_subject", inquiries[1]),
        ("repeat_subject", inquiries[2]),
        ("volume", inquiries[2]),
    ]
    assert flags[2].evidence["count"] == 3 and flags[2].evidence["inquiries"] == inquiries
    assert flags[1].evidence["matched_on"] == "a_number"
    submitted = AuditEvent.objects.filter(action="inquiry.submitted").order_by("pk").last()
    assert [f["rule"] for f in submitted.details["misuse_flags"]] == ["repeat_subject", "volume"]


def test_repeat_subject_counts_one_officers_inquiries(people, client_as, agency_a, db):
    _rule(people["oversight"], "repeat_subject", threshold=1)
    colleague = client_as("agency_officer", agency_a)
    for client in (people["officer"], colleague, people["officer"]):
        client.post("/inquiries/new/", form_fields(a_number="A12345678", in_custody="on"))
    first, second, third = Inquiry.objects.order_by("pk")
    flag = MisuseFlag.objects.get()  # the colleague's inquiry is not the officer's repeat
    assert flag.inquiry == third and flag.evidence["inquiries"] == [first.pk, third.pk]
    assert second.pk not in flag.evidence["inquiries"]
    assert flag.evidence["user"] == people["officer"].user.get_username()


def test_oversight_closes_a_flag_with_a_finding(people, db):
    oversight = people["oversight"]
    rule = _rule(oversight, "no_charge")
    people["officer"].post("/inquiries/new/", form_fields(a_number="A12345678"))
    flag = MisuseFlag.objects.get()
    assert flag.rule == rule and flag.evidence["offense_code"] == "0399"
    listed = oversight.get("/inquiries/misuse/flags/")
    assert list(listed.context["rows"]) == [flag]
    assert oversight.get(f"/inquiries/misuse/flags/{flag.pk}/").status_code == 200
    empty = oversight.post(f"/inquiries/misuse/flags/{flag.pk}/", {"finding": "misuse"})
    assert empty.status_code == 400
    closed = oversight.post(
        f"/inquiries/misuse/flags/{flag.pk}/",
        {"finding": "training_needed", "notes": "Warrant check was legitimate; retrain on 0399."},
    )
    assert closed.status_code == 302
    flag.refresh_from_db()
    assert (flag.status, flag.finding, flag.closed_by) == (
        "closed",
        "training_needed",
        oversight.user,
    )
    assert AuditEvent.objects.filter(action="misuseflag.close", object_id=str(flag.pk)).count() == 1


def test_a_deactivated_rule_no_longer_fires(people, db):
    rule = _rule(people["oversight"], "no_charge")
    response = people["oversight"].post(f"/inquiries/misuse/rules/{rule.pk}/deactivate/")
    assert response.status_code == 302
    people["officer"].post("/inquiries/new/", form_fields(a_number="A12345678"))
    assert MisuseFlag.objects.count() == 0
    assert AuditEvent.objects.filter(action__startswith="misuserule.").count() == 2


def test_only_oversight_configures_and_reviews(people, client_as, agency_b, db):
    rule = _rule(people["oversight"], "no_charge")
    people["officer"].post("/inquiries/new/", form_fields(a_number="A12345678"))
    flag = MisuseFlag.objects.get()
    before = (MisuseRule.objects.filter(active=True).count(), MisuseFlag.objects.get().status)
    for client in (people["officer"], people["analyst"], client_as("agency_officer", agency_b)):
        assert client.get("/inquiries/misuse/rules/").status_code == 404
        assert client.get("/inquiries/misuse/flags/").status_code == 404
        assert client.get(f"/inquiries/misuse/flags/{flag.pk}/").status_code == 404
        assert client.post(f"/inquiries/misuse/rules/{rule.pk}/deactivate/").status_code == 404
        assert (
            client.post(
                f"/inquiries/misuse/flags/{flag.pk}/", {"finding": "misuse", "notes": "x"}
            ).status_code
            == 404
        )
        assert (
            client.post(
                "/inquiries/misuse/rules/", {"kind": "volume", "threshold": 1, "window_minutes": 5}
            ).status_code
            == 404
        )
    assert (
        MisuseRule.objects.filter(active=True).count(),
        MisuseFlag.objects.get().status,
    ) == before
