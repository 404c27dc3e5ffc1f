"""Agreements from ICE's public 287(g) list: one per published entry, never merged or dropped.

A participating entry becomes an active agreement, a pending entry a ``pending`` one; both keep
ICE's SIGNED text verbatim and a parsed date when it is a date. The same agency listed twice
under one model keeps both agreements, flagged for review. Running it again changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from access.agencies.models import PublishedEntry
from access.agencies.models.publiclist import ListKind
from access.agencies.publiclist.ice287g import clean, parse_signed
from access.agreements.actions import apply_transition
from access.agreements.choices import AgreementStatus
from access.agreements.events import Event
from access.agreements.models import Agreement
from access.audit import events
from access.audit.events import audited
from access.partnerships.models import PartnershipType

S = AgreementStatus
SYNCED_FIELDS = [
    "status",
    "published_signed",
    "signed_on",
    "effective_on",
    "needs_review",
    "review_reason",
]


@dataclass
class SyncReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    flagged: int = 0
    skipped: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "flagged": self.flagged,
            "skipped": self.skipped,
        }


def _support_types() -> dict[str, PartnershipType]:
    return {
        clean(t.public_list_label).lower(): t
        for t in PartnershipType.objects.exclude(public_list_label="")
    }


def _entries() -> list[tuple[PublishedEntry, dict[str, str]]]:
    entries = PublishedEntry.objects.filter(current_version__isnull=False).select_related(
        "current_version", "agency"
    )
    return [(e, e.current_version.values) for e in entries.order_by("id")]  # type: ignore[union-attr]


def _duplicates(rows: list[tuple[PublishedEntry, PartnershipType]]) -> dict[int, str]:
    """Reasons for entries listed more than once (same list, agency and model)."""
    groups: dict[tuple[str, int, int], list[int]] = defaultdict(list)
    for entry, ptype in rows:
        if entry.listed and entry.agency_id:
            groups[(entry.list_kind, entry.agency_id, ptype.pk)].append(entry.pk)
    reasons: dict[int, str] = {}
    for (kind, _, _), ids in groups.items():
        if len(ids) > 1:
            listed = ", ".join(f"#{i}" for i in ids)
            for entry_id in ids:
                reasons[entry_id] = (
                    f"ICE's {kind} list shows this agency under this model {len(ids)} times "
                    f"(entries {listed}); each is kept as its own agreement."
                )
    return reasons


def _reasons(entry: PublishedEntry, signed: str, duplicate: str | None) -> list[str]:
    reasons = [duplicate] if duplicate else []
    if not entry.listed:
        reasons.append(f"No longer on ICE's {entry.list_kind} list.")
    if clean(signed) and parse_signed(signed) is None:
        reasons.append(f"ICE's SIGNED value {clean(signed)!r} is not a date.")
    return reasons


@audited
def sync_from_public_list(actor: Any) -> SyncReport:
    """Create or update one agreement per entry of ICE's participating and pending lists."""
    report = SyncReport()
    types = _support_types()
    rows: list[tuple[PublishedEntry, PartnershipType]] = []
    for entry, values in _entries():
        ptype = types.get(clean(values.get("SUPPORT TYPE", "")).lower())
        name = clean(values.get("LAW ENFORCEMENT AGENCY", ""))
        if ptype is None:
            support = clean(values.get("SUPPORT TYPE", ""))
            report.skipped.append(f"entry #{entry.pk} ({name}): unknown SUPPORT TYPE {support!r}")
            continue
        if entry.agency_id is None:
            state = clean(values.get("STATE", ""))
            report.skipped.append(f"entry #{entry.pk} ({name}, {state}): no agency record linked")
            continue
        rows.append((entry, ptype))
    duplicates = _duplicates(rows)
    existing = {
        a.published_entry_id: a for a in Agreement.objects.filter(published_entry__isnull=False)
    }
    for entry, ptype in rows:
        values = entry.current_version.values  # type: ignore[union-attr]
        signed = values.get("SIGNED", "")
        reasons = _reasons(entry, signed, duplicates.get(entry.pk))
        wanted = {
            "published_signed": signed[:60],
            "signed_on": parse_signed(signed),
            "needs_review": bool(reasons),
            "review_reason": " ".join(reasons),
        }
        wanted["effective_on"] = wanted["signed_on"]
        report.flagged += bool(reasons)
        agreement = existing.get(entry.pk)
        if agreement is None:
            if not entry.listed:
                continue
            _create(entry, ptype, wanted)
            report.created += 1
        elif _update(actor, agreement, entry, wanted):
            report.updated += 1
        else:
            report.unchanged += 1
    events.record(
        Event.SYNC_PUBLIC_LIST,
        object_type="agreements.agreement",
        object_repr=f"{report.created} created, {report.updated} updated",
        details=report.as_dict(),
    )
    return report


def _create(entry: PublishedEntry, ptype: PartnershipType, wanted: dict[str, Any]) -> None:
    status = S.ACTIVE if entry.list_kind == ListKind.PARTICIPATING else S.PENDING
    agreement = Agreement(
        agency=entry.agency,
        partnership_type=ptype,
        published_entry=entry,
        status=status,
        **wanted,
    )
    agreement.save()
    events.record(
        Event.SYNC_CREATE,
        obj=agreement,
        after=events.snapshot(agreement),
        details={"entry": entry.pk, "list": entry.list_kind},
    )


def _update(
    actor: Any, agreement: Agreement, entry: PublishedEntry, wanted: dict[str, Any]
) -> bool:
    if agreement.status == S.PENDING and entry.list_kind == ListKind.PARTICIPATING:
        agreement = apply_transition(
            actor,
            agreement,
            "record_published_participation",
            reason=f"ICE's participating list now shows entry #{entry.pk}.",
        )
    elif agreement.status in (S.ACTIVE, S.RENEWAL_DUE) and entry.list_kind == ListKind.PENDING:
        note = f"ICE's list moved entry #{entry.pk} back to pending."
        wanted = {
            **wanted,
            "needs_review": True,
            "review_reason": f"{wanted['review_reason']} {note}".strip(),
        }
    before = events.snapshot(agreement, SYNCED_FIELDS)
    changed = {k: v for k, v in wanted.items() if getattr(agreement, k) != v}
    if not changed:
        return False
    for name, value in changed.items():
        setattr(agreement, name, value)
    agreement.save()
    events.record(
        Event.SYNC_UPDATE,
        obj=agreement,
        before=before,
        after=events.snapshot(agreement, SYNCED_FIELDS),
        details={"entry": entry.pk, "fields": sorted(changed)},
    )
    return True
