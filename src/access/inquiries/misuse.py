"""Misuse rules: configured by oversight, evaluated on every new inquiry, flags with evidence,
each flag closed by oversight with a finding.

Rules are rows (``MisuseRule``), never edited in place: a change adds a rule and deactivates
the old one, so a flag always points at the rule as it was when it fired.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from access.audit import events
from access.audit.events import actor_display_name, audited
from access.inquiries.choices import Finding, FlagStatus, MisuseRuleKind
from access.inquiries.models import Inquiry, MisuseFlag, MisuseRule


class NotAllowed(ValidationError):
    """Refused; nothing changed."""


def _recent(rule: MisuseRule, inquiry: Inquiry) -> Any:
    since = inquiry.created_at - timedelta(minutes=rule.window_minutes)
    return Inquiry.objects.filter(created_at__gte=since, created_at__lte=inquiry.created_at)


def _same_subject(inquiry: Inquiry) -> Q | None:
    if inquiry.a_number:
        return Q(a_number=inquiry.a_number)
    if inquiry.family_name and inquiry.date_of_birth:
        return Q(
            family_name=inquiry.family_name,
            given_name=inquiry.given_name,
            date_of_birth=inquiry.date_of_birth,
        )
    return None


def evaluate(rule: MisuseRule, inquiry: Inquiry) -> dict[str, Any] | None:
    """The evidence when ``rule`` fires on ``inquiry``, else ``None``."""
    if rule.kind == MisuseRuleKind.VOLUME:
        rows = _recent(rule, inquiry).filter(submitted_by_id=inquiry.submitted_by_id)
        ids = sorted(rows.values_list("pk", flat=True))
        if len(ids) > rule.threshold:
            return {
                "user": inquiry.submitted_by.get_username(),
                "count": len(ids),
                "window_minutes": rule.window_minutes,
                "inquiries": ids,
            }
    elif rule.kind == MisuseRuleKind.REPEAT_SUBJECT:
        same = _same_subject(inquiry)
        if same is not None:
            rows = _recent(rule, inquiry).filter(same, agency_id=inquiry.agency_id)
            ids = sorted(rows.values_list("pk", flat=True))
            if len(ids) > rule.threshold:
                return {
                    "count": len(ids),
                    "window_minutes": rule.window_minutes,
                    "inquiries": ids,
                    "matched_on": "a_number" if inquiry.a_number else "name and date of birth",
                }
    elif (
        rule.kind == MisuseRuleKind.NO_CHARGE
        and inquiry.offense_code == "0399"
        and not inquiry.in_custody
    ):
        return {
            "offense_code": inquiry.offense_code,
            "in_custody": False,
            "purpose_code": inquiry.purpose_code,
            "reason": inquiry.reason,
        }
    return None


def flag_inquiry(inquiry: Inquiry) -> list[MisuseFlag]:
    """Run every active rule on a new inquiry (inside the submitting action)."""
    flags = []
    for rule in MisuseRule.objects.filter(active=True):
        evidence = evaluate(rule, inquiry)
        if evidence is not None:
            flag = MisuseFlag(rule=rule, inquiry=inquiry, evidence=evidence)
            flag.save()
            flags.append(flag)
    return flags


@audited
def add_rule(actor: Any, *, kind: str, threshold: int, window_minutes: int) -> MisuseRule:
    if actor.grant_scope("inquiries.configure_misuserule") != "all":
        raise Http404("Not found")
    if kind not in MisuseRuleKind.values():
        raise NotAllowed("Choose a rule.")
    rule = MisuseRule(
        kind=kind,
        threshold=threshold,
        window_minutes=window_minutes,
        created_by_name=actor_display_name(actor),
    )
    rule.full_clean()
    rule.save()
    events.record("misuserule.create", obj=rule, after=events.snapshot(rule))
    return rule


@audited
def deactivate_rule(actor: Any, rule: MisuseRule) -> None:
    if actor.grant_scope("inquiries.configure_misuserule") != "all":
        raise Http404("Not found")
    if not rule.active:
        raise NotAllowed("The rule is already inactive.")
    rule.active = False
    rule.save()
    events.record(
        "misuserule.deactivate", obj=rule, before={"active": True}, after={"active": False}
    )


@audited
def close_flag(actor: Any, flag: MisuseFlag, *, finding: str, notes: str) -> None:
    if actor.grant_scope("inquiries.review_misuseflag") != "all":
        raise Http404("Not found")
    if flag.status != FlagStatus.OPEN:
        raise NotAllowed("The flag is already closed.")
    if finding not in Finding.values() or not notes.strip():
        raise NotAllowed("Record a finding and the reasons for it.")
    flag.status, flag.finding, flag.finding_notes = FlagStatus.CLOSED, finding, notes
    flag.closed_by, flag.closed_at = actor, timezone.now()
    flag.save()
    events.record(
        "misuseflag.close",
        obj=flag,
        before={"status": FlagStatus.OPEN},
        after={"status": flag.status, "finding": finding},
        details={"inquiry": flag.inquiry_id, "rule": flag.rule_id, "notes": notes[:500]},
    )
