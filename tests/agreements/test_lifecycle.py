"""The agreement lifecycle: the legal path, refused moves, one audit event per step, grants."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from tests.agreements.conftest import advance, pdf_upload

from access.agreements import actions
from access.agreements.models import Agreement, AgreementSignature
from access.audit.models import AuditEvent


def state(agreement: Agreement) -> tuple:
    return (
        list(Agreement.objects.filter(pk=agreement.pk).values()),
        list(AgreementSignature.objects.order_by("pk").values()),
        AuditEvent.objects.count(),
    )


def test_the_full_legal_path_reaches_active_with_one_event_per_step(draft, manager, liaison):
    agreement = draft()
    assert agreement.status == "draft"
    steps = [
        (manager, "submit_for_legal_review", "legal_review"),
        (manager, "approve_legal_review", "agency_review"),
        (liaison, "approve_agency_review", "approved"),
    ]
    for actor, step, target in steps:
        before = AuditEvent.objects.count()
        agreement = actions.apply_transition(actor, agreement, step, reason=f"Because {step}")
        assert agreement.status == target
        new = list(AuditEvent.objects.order_by("pk")[before:])
        assert [(e.action, e.details["reason"], e.actor_id) for e in new] == [
            (f"agreement.{step}", f"Because {step}", actor.pk)
        ]
        assert new[0].before["status"] != new[0].after["status"] == target

    # The agency signs first: still approved. ICE signs second: signed.
    actions.sign(
        liaison,
        agreement,
        name="Pat Doe",
        title="Sheriff",
        signed_on=date(2025, 7, 1),
        document=pdf_upload(),
    )
    assert Agreement.objects.get(pk=agreement.pk).status == "approved"
    before = AuditEvent.objects.count()
    actions.sign(
        manager,
        agreement,
        name="Kim Lee",
        title="Field Office Director",
        signed_on=date(2025, 7, 3),
        document=pdf_upload(),
    )
    agreement = Agreement.objects.get(pk=agreement.pk)
    assert agreement.status == "signed" and agreement.signed_on == date(2025, 7, 3)
    sign_events = list(AuditEvent.objects.order_by("pk")[before:])
    assert [(e.action, e.details["party"], e.after["status"]) for e in sign_events] == [
        ("agreement.sign", "ice", "signed")
    ]
    assert sorted(agreement.signatures.values_list("party", "name")) == [
        ("agency", "Pat Doe"),
        ("ice", "Kim Lee"),
    ]
    assert agreement.signatures.get(party="ice").document.read().startswith(b"%PDF-")

    before = AuditEvent.objects.count()
    agreement = actions.apply_transition(manager, agreement, "activate", reason="Both signed")
    assert agreement.status == "active"
    assert (agreement.effective_on, agreement.expires_on) == (date(2025, 7, 3), date(2028, 7, 3))
    event = AuditEvent.objects.get(pk__gt=AuditEvent.objects.order_by("pk")[before - 1].pk)
    assert (event.action, event.details["reason"], event.details["to"]) == (
        "agreement.activate",
        "Both signed",
        "active",
    )


@pytest.mark.parametrize(
    ("until", "step", "message"),
    [
        (
            "submit_for_legal_review",
            "approve_legal_review",
            'Cannot approve ICE legal review: the agreement\'s status is "Draft"; this step needs '
            'the status "ICE legal review".',
        ),
        (
            "submit_for_legal_review",
            "activate",
            'Cannot activate: the agreement\'s status is "Draft"; this step needs the status '
            '"Signed".',
        ),
        (
            "approve_legal_review",
            "suspend",
            'Cannot suspend: the agreement\'s status is "ICE legal review"; this step needs one of the '
            'statuses "Active", "Active, modification in progress", "Active, renewal due".',
        ),
        (
            "liaison_sign_placeholder",
            "submit_for_legal_review",
            "Cannot submit to ICE legal review: the agreement's status is \"Approved for "
            'signature"; this step needs the status "Draft".',
        ),
    ],
)
def test_an_illegal_transition_is_refused_with_its_message_and_changes_nothing(
    draft, manager, liaison, until, step, message
):
    stop = "sign" if until == "liaison_sign_placeholder" else until
    agreement = advance(draft(), {"manager": manager, "liaison": liaison}, until=stop)
    before = state(agreement)
    with pytest.raises(ValidationError) as refused:
        actions.apply_transition(manager, agreement, step, reason="Try it")
    assert refused.value.messages == [message]
    assert state(agreement) == before


def test_a_transition_without_a_reason_is_refused(draft, manager):
    agreement = draft()
    before = state(agreement)
    with pytest.raises(ValidationError) as refused:
        actions.apply_transition(manager, agreement, "submit_for_legal_review", reason="  ")
    assert refused.value.messages == ["Submit to ICE legal review: give a reason."]
    assert state(agreement) == before


def test_signing_before_approval_and_signing_twice_are_refused(draft, manager, liaison):
    agreement = draft()
    before = state(agreement)
    with pytest.raises(ValidationError) as early:
        actions.sign(
            liaison,
            agreement,
            name="P",
            title="S",
            signed_on=date(2025, 7, 1),
            document=pdf_upload(),
        )
    assert early.value.messages == [
        'Cannot sign: the agreement\'s status is "Draft"; it can be signed only with the status '
        '"Approved for signature".'
    ]
    assert state(agreement) == before
    agreement = advance(agreement, {"manager": manager, "liaison": liaison}, until="sign")
    actions.sign(
        liaison, agreement, name="P", title="S", signed_on=date(2025, 7, 1), document=pdf_upload()
    )
    before = state(agreement)
    with pytest.raises(ValidationError) as twice:
        actions.sign(
            liaison,
            agreement,
            name="P",
            title="S",
            signed_on=date(2025, 7, 1),
            document=pdf_upload(),
        )
    assert twice.value.messages == ["Law enforcement agency has already signed this agreement."]
    assert state(agreement) == before


def test_grants_decide_who_moves_each_step(draft, manager, liaison, make_user, agency_a, agency_b):
    agreement = advance(
        draft(), {"manager": manager, "liaison": liaison}, until="approve_agency_review"
    )
    before = state(agreement)
    other_liaison = make_user("agency_liaison", agency_b)
    agent = make_user("ice_field_agent")
    for actor in (other_liaison, agent, manager):
        with pytest.raises(PermissionDenied):
            actions.apply_transition(actor, agreement, "approve_agency_review", reason="x")
    # A field agent drafts but does not act as legal review, and nobody but ICE signs for ICE.
    with pytest.raises(PermissionDenied):
        actions.sign(
            other_liaison,
            agreement,
            name="X",
            title="X",
            signed_on=date(2025, 7, 1),
            document=pdf_upload(),
        )
    assert state(agreement) == before


def test_a_second_agreement_in_force_of_the_same_type_is_refused(draft, manager, liaison):
    people = {"manager": manager, "liaison": liaison}
    # Drafted while the first was not yet in force (a draft is refused once it is).
    first = draft()
    second = advance(draft(), people, until="activate")
    first = advance(first, people)
    before = state(second)
    with pytest.raises(ValidationError) as refused:
        actions.apply_transition(manager, second, "activate", reason="Replace it")
    assert refused.value.messages == [
        f"Alpha County Sheriff's Office already has an agreement in force under 287(g) Jail "
        f"Enforcement Model (#{first.pk}, Active); terminate it or let it expire first."
    ]
    assert state(second) == before
    # After termination the second one can take effect.
    actions.apply_transition(manager, first, "terminate", reason="Replaced by a new MOA")
    assert actions.apply_transition(manager, second, "activate", reason="Now").status == "active"


def test_suspend_reinstate_renewal_due_terminate(draft, manager, liaison):
    agreement = advance(draft(), {"manager": manager, "liaison": liaison})
    path = [
        ("suspend", "suspended"),
        ("reinstate", "active"),
        ("mark_renewal_due", "renewal_due"),
        ("terminate", "terminated"),
    ]
    for step, target in path:
        agreement = actions.apply_transition(manager, agreement, step, reason=step)
        assert agreement.status == target, step
    # Modifying or renewing is a new agreement through the full lifecycle (test_amendments),
    # never a one-step shortcut.
    for shortcut in ("start_modification", "complete_modification", "renew"):
        with pytest.raises(ValidationError, match="Unknown step"):
            actions.apply_transition(manager, agreement, shortcut, reason="shortcut")
    actions_logged = list(
        AuditEvent.objects.filter(
            object_id=str(agreement.pk), action__in=[f"agreement.{s}" for s, _ in path]
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions_logged == [f"agreement.{s}" for s, _ in path]


def test_the_detail_page_refuses_an_illegal_step_with_an_alert(client_as, manager, draft):
    agreement = draft()
    client = client_as(manager)
    before = state(agreement)
    response = client.post(
        f"/agreements/{agreement.pk}/transition/",
        {"transition": "activate", "reason": "Skip ahead"},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="usa-alert usa-alert--error usa-alert--slim" role="alert"' in html
    assert "Cannot activate: the agreement&#x27;s status is &quot;Draft&quot;" in html
    assert state(agreement) == before


def test_the_detail_page_offers_only_the_steps_of_this_user(client_as, manager, liaison, draft):
    agreement = advance(
        draft(), {"manager": manager, "liaison": liaison}, until="approve_agency_review"
    )
    steps = client_as(liaison).get(f"/agreements/{agreement.pk}/").context["steps"]
    assert steps == [
        ("approve_agency_review", "Approve agency review"),
        ("return_from_agency_review", "Return to draft from agency review"),
    ]
    assert client_as(manager).get(f"/agreements/{agreement.pk}/").context["steps"] == []


def test_the_step_message_is_a_sentence(client_as, manager, draft):
    agreement = draft()
    response = client_as(manager).post(
        f"/agreements/{agreement.pk}/transition/",
        {"transition": "submit_for_legal_review", "reason": "Ready"},
        follow=True,
    )
    page = response.content.decode()
    assert "The agreement is now in ICE legal review." in page
    assert "is now ice legal review" not in page
