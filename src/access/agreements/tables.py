from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html

from access.agreements.choices import AgreementStatus
from access.agreements.models import Agreement


class AgreementTable(tables.Table):
    id = tables.Column(linkify=True, verbose_name="Agreement")
    agency = tables.Column(verbose_name="Agency", order_by=("agency__name",))
    partnership_type = tables.Column(verbose_name="Type", order_by=("partnership_type__name",))
    status = tables.Column(verbose_name="Status")
    signed_on = tables.DateColumn(verbose_name="Signed", format="Y-m-d")
    expires_on = tables.DateColumn(verbose_name="Expires", format="Y-m-d")
    needs_review = tables.BooleanColumn(verbose_name="Needs review", yesno="Yes,No")

    class Meta:
        model = Agreement
        fields = [
            "id",
            "agency",
            "partnership_type",
            "status",
            "signed_on",
            "expires_on",
            "needs_review",
        ]
        order_by = ["agency"]

    def render_id(self, value: int) -> str:
        return f"#{value}"

    def render_agency(self, value: Any) -> str:
        return str(value.name)

    def render_status(self, record: Agreement) -> Any:
        value = record.status
        return format_html(
            '<span class="usa-tag {}">{}</span>',
            AgreementStatus.colour(value),
            AgreementStatus.label(value),
        )

    export_columns = {
        "id": "ID",
        "agency__name": "Agency",
        "agency__state": "State",
        "partnership_type__name": "Partnership type",
        "status": "Status",
        "published_signed": "Signed (as published)",
        "signed_on": "Signed",
        "effective_on": "Effective",
        "expires_on": "Expires",
        "officer_limit": "Officer limit",
        "needs_review": "Needs review",
        "review_reason": "Why it needs review",
        "published_entry_id": "ICE list entry",
    }
