"""Misuse rules: configured by oversight, evaluated on every new inquiry, flags with evidence,
each flag closed by oversight with a finding.

Rules are rows (``MisuseRule``), never edited in place: a change adds a rule and deactivates
the old one, so a flag always points at the rule as it was when it fired.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.db.models.functions import ExtractHour
from django.http import Http404
from django.utils import timezone

from access.audit import events
from access.audit.denials import denial_counts
from access.audit.events import actor_display_name, audited
from access.audit.models import AuditEvent
from access.inquiries.choices import Finding, FlagStatus, MisuseRuleKind
from access.inquiries.events import Event
from access.inquiries.models import (
    AgencyCase,
    Inquiry,
    MisuseFlag,
    MisuseRule,
    normalize_case_number,
)
from access.matching.names import fold
from access.records.events import Event as RecordEvent

K = MisuseRuleKind
RECORD_VIEWED = RecordEvent.RECORD_VIEWED


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
            rows = _recent(rule, inquiry).filter(same, submitted_by_id=inquiry.submitted_by_id)
            ids = sorted(rows.values_list("pk", flat=True))
            if len(ids) > rule.threshold:
                return {
                    "user": inquiry.submitted_by.get_username(),
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
    elif rule.kind == K.NO_CASE:
        return no_matching_case(inquiry)
    elif rule.kind == K.OFF_HOURS:
        return off_hours_burst(rule, inquiry)
    elif rule.kind == K.SAME_AS_OFFICER:
        return same_as_officer(inquiry)
    return None


# --- No matching agency case -------------------------------------------------------------


def no_matching_case(inquiry: Inquiry) -> dict[str, Any] | None:
    """Fires unless the case number is an open case of the inquiring agency on the day the
    inquiry arrived (opened on or before, not closed before)."""
    day = timezone.localdate(inquiry.created_at)
    cases = AgencyCase.objects.filter(agency_id=inquiry.agency_id)
    open_cases = cases.filter(opened_on__lte=day).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=day)
    )
    number = normalize_case_number(inquiry.case_number)
    if open_cases.filter(case_number=number).exists():
        return None
    evidence: dict[str, Any] = {
        "case_number": inquiry.case_number,
        "agency": inquiry.agency_id,
        "open_cases": open_cases.count(),
    }
    known = cases.filter(case_number=number).first()
    if known is not None:
        closed = known.closed_on.isoformat() if known.closed_on else "not closed"
        evidence["register"] = (
            f"case {known.case_number} opened {known.opened_on.isoformat()}, closed {closed}"
        )
    else:
        evidence["register"] = "no case with this number"
    return evidence


# --- Bursts outside the officer's usual hours -----------------------------------------------


def _hours_text(hours: list[int]) -> str:
    """``[1, 2, 3, 9]`` -> ``"01:00-03:59, 09:00-09:59"``."""
    spans: list[list[int]] = []
    for hour in sorted(set(hours)):
        if spans and hour == spans[-1][1] + 1:
            spans[-1][1] = hour
        else:
            spans.append([hour, hour])
    return ", ".join(f"{a:02d}:00-{b:02d}:59" for a, b in spans) or "none"


def usual_hours(rule: MisuseRule, inquiry: Inquiry) -> tuple[int, dict[int, int]]:
    """(past inquiries, count per hour of day) of the submitting user over the look-back,
    before the rule's window (a burst does not teach itself). Hours are in the server's time
    zone (``settings.TIME_ZONE``)."""
    window_start = inquiry.created_at - timedelta(minutes=rule.window_minutes)
    since = inquiry.created_at - timedelta(days=rule.lookback_days)
    rows = (
        Inquiry.objects.filter(
            submitted_by_id=inquiry.submitted_by_id,
            created_at__gte=since,
            created_at__lt=window_start,
        )
        .annotate(hour=ExtractHour("created_at", tzinfo=timezone.get_default_timezone()))
        .order_by()
        .values("hour")
        .annotate(n=Count("pk"))
        .values_list("hour", "n")
    )
    per_hour = {int(hour): int(n) for hour, n in rows}
    return sum(per_hour.values()), per_hour


def off_hours_burst(rule: MisuseRule, inquiry: Inquiry) -> dict[str, Any] | None:
    """Fires when this inquiry falls in an hour that held less than ``quiet_percent`` of the
    user's past inquiries and at least ``threshold`` of their inquiries in the window (this
    one included) fall in such hours. A user with fewer than ``min_history`` past inquiries has
    no usual hours yet and is not flagged."""
    total, per_hour = usual_hours(rule, inquiry)
    if total < max(rule.min_history, 1):
        return None
    quiet = {h for h in range(24) if per_hour.get(h, 0) * 100 < rule.quiet_percent * total}
    zone = timezone.get_default_timezone()
    if timezone.localtime(inquiry.created_at, zone).hour not in quiet:
        return None
    window_start = inquiry.created_at - timedelta(minutes=rule.window_minutes)
    burst = [
        (pk, timezone.localtime(at, zone).hour)
        for pk, at in Inquiry.objects.filter(
            submitted_by_id=inquiry.submitted_by_id,
            created_at__gte=window_start,
            created_at__lte=inquiry.created_at,
        )
        .order_by("created_at", "pk")
        .values_list("pk", "created_at")
    ]
    off = [(pk, hour) for pk, hour in burst if hour in quiet]
    if len(off) < max(rule.threshold, 1):
        return None
    counts: dict[str, int] = {}
    for _, hour in off:
        counts[f"{hour:02d}:00"] = counts.get(f"{hour:02d}:00", 0) + 1
    usual = [h for h in range(24) if h not in quiet]
    return {
        "user": inquiry.submitted_by.get_username(),
        "count": len(off),
        "window_minutes": rule.window_minutes,
        "inquiries": sorted(pk for pk, _ in off),
        "hours": _hours_text([hour for _, hour in off]),
        "count_per_hour": counts,
        "usual_hours": _hours_text(usual),
        "past_inquiries": total,
        "lookback_days": rule.lookback_days,
        "quiet_percent": rule.quiet_percent,
        "time_zone": str(zone),
    }


# --- Same surname or address as the officer -------------------------------------------------

_STREET_WORDS = {
    "street": "st",
    "avenue": "ave",
    "av": "ave",
    "road": "rd",
    "drive": "dr",
    "boulevard": "blvd",
    "lane": "ln",
    "court": "ct",
    "place": "pl",
    "highway": "hwy",
    "parkway": "pkwy",
    "terrace": "ter",
    "circle": "cir",
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "apartment": "apt",
    "suite": "ste",
    "unit": "apt",
}


def fold_name(text: str) -> str:
    """Names compare without case, diacritics, hyphens or spaces: ``Núñez-Pérez`` equals
    ``NUNEZ PEREZ``."""
    return fold(text).replace(" ", "")


def fold_street(text: str) -> str:
    words = fold(text).replace("#", " ").split()
    return " ".join(_STREET_WORDS.get(w, w) for w in words)


def _zip5(text: str) -> str:
    return re.sub(r"\D", "", text or "")[:5]


def same_address(officer: Any, street: str, city: str, state: str, postcode: str) -> bool:
    """The same street line, and the same ZIP code (first five digits) or, without one, the
    same city and state."""
    mine = fold_street(officer.address_street)
    if not mine or mine != fold_street(street):
        return False
    if _zip5(officer.address_postcode) and _zip5(postcode):
        return _zip5(officer.address_postcode) == _zip5(postcode)
    if not fold(officer.address_city) or fold(officer.address_city) != fold(city):
        return False
    states = {fold(officer.address_state), fold(state)} - {""}
    return len(states) <= 1


def same_as_officer(inquiry: Inquiry) -> dict[str, Any] | None:
    """Fires when the subject's family name is the submitting user's surname, or when a
    candidate record has an address equal to the user's own (inquiries carry no address)."""
    officer = inquiry.submitted_by
    matched: list[str] = []
    evidence: dict[str, Any] = {"user": officer.get_username()}
    surname = fold_name(officer.last_name)
    if surname and fold_name(inquiry.family_name) == surname:
        matched.append("family name")
        evidence["surname"] = officer.last_name
    if officer.address_street:
        records = []
        for candidate in inquiry.candidates.select_related("record").prefetch_related(
            "record__addresses"
        ):
            if any(
                same_address(officer, a.street, a.city, a.state, a.postcode)
                for a in candidate.record.addresses.all()
            ):
                records.append(
                    {
                        "candidate": candidate.pk,
                        "record": candidate.record.record_id,
                        "band": candidate.band,
                    }
                )
        if records:
            matched.append("address")
            evidence["address"] = officer.address_display
            evidence["candidates"] = records
    if not matched:
        return None
    return {**evidence, "matched_on": matched}


# --- Reads of person records outside an inquiry -----------------------------------------------


def record_reads(rule: MisuseRule, actor: Any, record: Any) -> dict[str, Any] | None:
    """Fires when ``actor``'s reads of person records outside an inquiry (``record.viewed``
    events) within the window, this one included, number more than the threshold; once per
    user and window (no new flag while one raised within the window exists)."""
    since = timezone.now() - timedelta(minutes=rule.window_minutes)
    earlier = list(
        AuditEvent.objects.filter(action=RECORD_VIEWED, actor_id=actor.pk, occurred_at__gte=since)
        .order_by("pk")
        .values_list("pk", "object_id")
    )
    if len(earlier) + 1 <= rule.threshold:
        return None
    user = actor.get_username()
    if MisuseFlag.objects.filter(
        rule=rule, inquiry__isnull=True, created_at__gte=since, evidence__user=user
    ).exists():
        return None
    return {
        "user": user,
        "count": len(earlier) + 1,
        "window_minutes": rule.window_minutes,
        "reads": [pk for pk, _ in earlier],  # audit events; this read's event follows the flag
        "records": sorted({int(pk) for _, pk in earlier if pk.isdigit()} | {record.pk}),
    }


def flag_record_read(sender: Any, *, actor: Any, record: Any, **_: Any) -> list[dict[str, Any]]:
    """Receiver of ``records.actions.record_viewed``: run the record-read rules on a read of a
    person record outside an inquiry (inside the reading action); what it raised."""
    raised = []
    for rule in MisuseRule.objects.filter(active=True, kind=K.RECORD_READS):
        evidence = record_reads(rule, actor, record)
        if evidence is not None:
            flag = MisuseFlag(rule=rule, inquiry=None, evidence=evidence)
            flag.save()
            raised.append({"flag": flag.pk, "rule": rule.kind})
    return raised


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


# --- Refusals (permission denials) -------------------------------------------------------


@audited
def flag_denials(actor: Any) -> list[MisuseFlag]:
    """Run the refusal rules (a scheduled job: ``tasks.flag_repeated_denials``): a user refused
    more than the threshold times (``access.denied`` events, counted by
    ``audit.denials.denial_counts``) within the window gets a flag without an inquiry; once
    per user and window (no new flag while one raised within the window exists)."""
    raised = []
    now = timezone.now()
    for rule in MisuseRule.objects.filter(active=True, kind=K.DENIALS):
        since = now - timedelta(minutes=rule.window_minutes)
        for row in denial_counts(since, at_least=rule.threshold + 1):
            if row["actor_id"] is None:
                continue
            flagged = MisuseFlag.objects.filter(
                rule=rule, inquiry__isnull=True, created_at__gte=since
            ).filter(evidence__user_id=row["actor_id"])
            if flagged.exists():
                continue
            routes = AuditEvent.objects.filter(
                action=events.Event.ACCESS_DENIED,
                actor_id=row["actor_id"],
                occurred_at__gte=since,
            ).order_by("pk")
            evidence = {
                "user": row["actor_name"],
                "user_id": row["actor_id"],
                "count": row["count"],
                "window_minutes": rule.window_minutes,
                "routes": sorted({e.details.get("route", "") for e in routes[:500]}),
                "denials": [e.pk for e in routes[:50]],  # audit events, the first 50
            }
            flag = MisuseFlag(rule=rule, inquiry=None, evidence=evidence)
            flag.save()
            events.record(Event.FLAG_DENIALS, obj=flag, details=evidence)
            raised.append(flag)
    return raised


@audited
def add_rule(
    actor: Any,
    *,
    kind: str,
    threshold: int,
    window_minutes: int,
    lookback_days: int | None = None,
    quiet_percent: int | None = None,
    min_history: int | None = None,
) -> MisuseRule:
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
    if kind == K.OFF_HOURS:
        if threshold < 1:
            raise NotAllowed("The outside-usual-hours rule needs a threshold of at least 1.")
        if lookback_days is not None:
            rule.lookback_days = lookback_days
        if quiet_percent is not None:
            rule.quiet_percent = quiet_percent
        if min_history is not None:
            rule.min_history = min_history
        if not 1 <= rule.quiet_percent <= 100:
            raise NotAllowed("Little activity is a share between 1 and 100 percent.")
        if rule.lookback_days * 24 * 60 <= rule.window_minutes:
            raise NotAllowed("The look-back must be longer than the window.")
    rule.full_clean()
    rule.save()
    events.record(Event.RULE_CREATE, obj=rule, after=events.snapshot(rule))
    return rule


# The documented starting rules (docs/inquiries.md, "Misuse rules and flags"): one per kind.
# Oversight tunes them on /inquiries/misuse/rules/ by adding a rule and deactivating this one.
DOCUMENTED_RULES: list[dict[str, Any]] = [
    {"kind": K.VOLUME, "threshold": 50, "window_minutes": 60},
    {"kind": K.REPEAT_SUBJECT, "threshold": 3, "window_minutes": 24 * 60},
    {"kind": K.NO_CHARGE, "threshold": 0, "window_minutes": 60},
    {"kind": K.NO_CASE, "threshold": 0, "window_minutes": 60},
    {"kind": K.OFF_HOURS, "threshold": 5, "window_minutes": 60},
    {"kind": K.SAME_AS_OFFICER, "threshold": 0, "window_minutes": 60},
    {"kind": K.DENIALS, "threshold": 20, "window_minutes": 60},
]


@audited
def seed_documented_rules(actor: Any) -> list[MisuseRule]:
    """Add each documented rule whose kind has no active rule yet (a set-up step: the demo
    and a new installation; no grant check, the actor is the system). Returns those added."""
    active = set(MisuseRule.objects.filter(active=True).values_list("kind", flat=True))
    added = []
    for spec in DOCUMENTED_RULES:
        if spec["kind"] in active:
            continue
        rule = MisuseRule(**spec, created_by_name=actor_display_name(actor))
        rule.full_clean()
        rule.save()
        events.record(
            Event.RULE_CREATE, obj=rule, after=events.snapshot(rule), details={"seeded": True}
        )
        added.append(rule)
    return added


@audited
def deactivate_rule(actor: Any, rule: MisuseRule) -> None:
    if actor.grant_scope("inquiries.configure_misuserule") != "all":
        raise Http404("Not found")
    if not rule.active:
        raise NotAllowed("The rule is already inactive.")
    rule.active = False
    rule.save()
    events.record(Event.RULE_DEACTIVATE, obj=rule, before={"active": True}, after={"active": False})


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
        Event.FLAG_CLOSE,
        obj=flag,
        before={"status": FlagStatus.OPEN},
        after={"status": flag.status, "finding": finding},
        details={"inquiry": flag.inquiry_id, "rule": flag.rule_id, "notes": notes[:500]},
    )
