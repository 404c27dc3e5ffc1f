"""The agreements app's answers to intake (installed into ``partnerships.held`` at start-up):
agreements in force per agency and type, and which types have a clause template."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from access.agreements.choices import IN_FORCE, AgreementStatus, ModelCode
from access.agreements.models import Agreement, ClauseTemplate
from access.partnerships.held import HeldAgreement


def _held(agreement: Agreement) -> HeldAgreement:
    return HeldAgreement(
        partnership_type_id=agreement.partnership_type_id,
        partnership_type=agreement.partnership_type.name,
        number=agreement.pk,
        status=AgreementStatus.label(agreement.status),
        url=agreement.get_absolute_url(),
        from_public_list=agreement.from_public_list,
    )


class AgreementsInForce:
    """ICE's published rows count: an agency on ICE's list holds that agreement."""

    def in_force(self, agency: Any, partnership_types: Iterable[Any]) -> list[HeldAgreement]:
        type_ids = [t.pk for t in partnership_types]
        rows = (
            Agreement.objects.filter(
                agency=agency, partnership_type__in=type_ids, status__in=IN_FORCE
            )
            .select_related("partnership_type")
            .order_by("partnership_type__name", "pk")
        )
        return [_held(a) for a in rows]

    def draftable(self, partnership_types: Iterable[Any]) -> set[int]:
        today = timezone.localdate()
        return {
            t.pk
            for t in partnership_types
            if (code := ModelCode.BY_PARTNERSHIP_TYPE.get(t.code))
            and ClauseTemplate.in_effect(code, today) is not None
        }


LOOKUP = AgreementsInForce()


def refuse_if_held(agency: Any, partnership_type: Any, *, exclude: int | None = None) -> None:
    """Raise ``ValidationError`` naming the agreement in force, if the agency holds one."""
    held = [h for h in LOOKUP.in_force(agency, [partnership_type]) if h.number != exclude]
    if held:
        raise ValidationError(held[0].sentence(agency.name), code="held")
