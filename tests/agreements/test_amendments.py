"""A modification or renewal of an agreement in force goes through the same reviews and
signatures as the original, with the changes shown to each signer; it then replaces it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from tests.agreements.conftest import advance, pdf_upload

from access.agreements import actions
from access.agreements.models import Agreement
from access.audit.models import AuditEvent


@pytest.fixture
def people(manager, liaison) -> dict:
    return {"manager": manager, "liaison": liaison}


@pytest.fixture
def active(draft, people) -> Agreement:
    return advance(draft(), people)


def _steps(agreement: Agreement) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="agreements.agreement", object_id=str(agreement.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_a_modification_goes_through_every_review_and_signature(active, people, client_as):
    manager, liaison = people["manager"], people["liaison"]
    text = active.current_version.sections
    mod = actions.start_amendment(manager, active, kind="modification", reason="Officer limit")
    assert (mod.status, mod.amends, mod.amendment_kind) == ("draft", active, "modification")
    assert mod.current_version.sections == text
    active.refresh_from_db()
    assert active.status == "active"  # the original stays in force meanwhile
    key = text[0]["key"]
    actions.edit_sections(manager, mod, {key: text[0]["text"] + " Amended."}, "Limit raised")
    # No shortcut: activation before the reviews and signatures is refused.
    with pytest.raises(ValidationError, match="this step needs the status"):
        actions.apply_transition(manager, mod, "activate", reason="Skip")
    mod = advance(mod, people, until="sign")
    assert mod.status == "approved"
    for signer in (liaison, manager):
        page = client_as(signer).get(f"/agreements/{mod.pk}/sign/").content.decode()
        assert "Changes from the text in force" in page
        assert "[added: </span> Amended.<span" in page
    for signer, day in ((liaison, date(2025, 7, 1)), (manager, date(2025, 7, 3))):
        actions.sign(
            signer, mod, name="A Signer", title="Title", signed_on=day, document=pdf_upload()
        )
    mod = actions.apply_transition(manager, mod, "activate", reason="Both signed")
    active.refresh_from_db()
    assert (mod.status, active.status) == ("active", "superseded")
    assert (mod.effective_on, mod.expires_on) == (date(2025, 7, 3), active.expires_on)
    assert _steps(mod) == [
        "agreement.create",
        "agreement.edit",
        "agreement.submit_for_legal_review",
        "agreement.approve_legal_review",
        "agreement.approve_agency_review",
        "agreement.sign",
        "agreement.sign",
        "agreement.activate",
    ]
    assert _steps(active)[-2:] == ["agreement.start_amendment", "agreement.supersede"]


def test_a_renewal_runs_a_new_term_from_the_end_of_the_old_one(active, people):
    renewal = actions.start_amendment(people["manager"], active, kind="renewal", reason="Term ends")
    renewal = advance(renewal, people)
    active.refresh_from_db()
    assert (renewal.status, active.status) == ("active", "superseded")
    assert (renewal.effective_on, renewal.expires_on) == (date(2028, 7, 4), date(2031, 7, 4))


def test_one_amendment_at_a_time_and_only_of_an_agreement_in_force(active, people, draft):
    manager = people["manager"]
    first = actions.start_amendment(manager, active, kind="modification", reason="One")
    count = Agreement.objects.count()
    with pytest.raises(ValidationError, match=f"Agreement #{first.pk} already amends"):
        actions.start_amendment(manager, active, kind="renewal", reason="Two")
    with pytest.raises(ValidationError, match="only an agreement in force"):
        actions.start_amendment(manager, first, kind="modification", reason="Of a draft")
    with pytest.raises(ValidationError, match="give a reason"):
        actions.start_amendment(manager, active, kind="renewal", reason=" ")
    assert Agreement.objects.count() == count


def test_the_detail_page_starts_one_for_the_manager_only(active, people, client_as):
    liaison_page = client_as(people["liaison"]).get(f"/agreements/{active.pk}/")
    assert "Modify or renew" not in liaison_page.content.decode()
    count = Agreement.objects.count()
    denied = client_as(people["liaison"]).post(
        f"/agreements/{active.pk}/amend/", {"kind": "modification", "reason": "x"}
    )
    assert denied.status_code == 404 and Agreement.objects.count() == count
    manager = client_as(people["manager"])
    assert "Modify or renew" in manager.get(f"/agreements/{active.pk}/").content.decode()
    response = manager.post(
        f"/agreements/{active.pk}/amend/", {"kind": "renewal", "reason": "Term ends"}
    )
    renewal = Agreement.objects.get(amends=active)
    assert response.status_code == 302 and response["Location"] == f"/agreements/{renewal.pk}/"
    page = manager.get(f"/agreements/{renewal.pk}/").content.decode()
    assert f"Renewal of agreement #{active.pk}" in page
