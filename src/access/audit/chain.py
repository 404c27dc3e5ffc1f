"""Hashing and verification of the audit chain."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64

HASHED_FIELDS = (
    "occurred_at",
    "actor_id",
    "actor_name",
    "agency_id",
    "agency_name",
    "source_ip",
    "request_id",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "outcome",
    "before",
    "after",
    "details",
    "prev_hash",
)


def canonical(values: dict[str, Any]) -> str:
    return json.dumps(values, sort_keys=True, separators=(",", ":"), default=str)


def event_hash(values: dict[str, Any]) -> str:
    payload = {name: values[name] for name in HASHED_FIELDS}
    payload["occurred_at"] = values["occurred_at"].isoformat(timespec="microseconds")
    return hashlib.sha256(canonical(payload).encode()).hexdigest()


@dataclass(frozen=True)
class Break:
    event_id: int | None
    reason: str

    def __str__(self) -> str:
        where = f"event #{self.event_id}" if self.event_id is not None else "end of chain"
        return f"audit chain broken at {where}: {self.reason}"


def verify(
    rows: Iterable[dict[str, Any]], head: tuple[int, str] | None
) -> tuple[int, Break | None]:
    """Walk the events in id order; return how many were checked and the first break."""
    previous = GENESIS
    last_id = 0
    count = 0
    for row in rows:
        count += 1
        if row["prev_hash"] != previous:
            return count, Break(
                row["id"],
                "its link does not match the event before it "
                "(an event was removed or inserted before it)",
            )
        if event_hash(row) != row["hash"]:
            return count, Break(row["id"], "its content does not match its hash (it was changed)")
        previous = row["hash"]
        last_id = row["id"]
    if head is not None and (head[0] != last_id or head[1] != previous):
        return count, Break(
            last_id or None,
            f"the chain ends at #{last_id} but the recorded head "
            f"is #{head[0]} (events were removed from the end)",
        )
    return count, None
