"""A signature cannot be dated in the future, on the page or through the action."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from tests.agreements.conftest import advance, pdf_upload

from access.agreements import actions
from access.audit.models import AuditEvent


def test_the_sign_form_refuses_a_future_date_and_records_nothing(
    client_as, liaison, manager, draft
):
    agreement = advance(draft(), {"manager": manager, "liaison": liaison}, until="sign")
    events = AuditEvent.objects.count()
    response = client_as(liaison).post(
        f"/agreements/{agreement.pk}/sign/",
        {
            "name": "Pat Doe",
            "title": "Sheriff",
            "signed_on": "2099-12-01",
            "document": pdf_upload(),
        },
    )
    assert response.status_code == 400
    [message] = response.context["form"].errors["signed_on"]
    assert message.startswith("The date signed cannot be in the future")
    assert agreement.signatures.count() == 0 and AuditEvent.objects.count() == events


def test_the_sign_action_refuses_a_future_date_too(liaison, manager, draft):
    agreement = advance(draft(), {"manager": manager, "liaison": liaison}, until="sign")
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        actions.sign(
            liaison,
            agreement,
            name="Pat Doe",
            title="Sheriff",
            signed_on=tomorrow,
            document=pdf_upload(),
        )
    assert "cannot be in the future" in str(refused.value)
    assert agreement.signatures.count() == 0
    today = timezone.localdate()
    actions.sign(
        liaison, agreement, name="Pat Doe", title="Sheriff", signed_on=today, document=pdf_upload()
    )
    assert agreement.signatures.get().signed_on == today
