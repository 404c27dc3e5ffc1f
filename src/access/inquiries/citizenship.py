"""The citizenship stop, shared by every workflow that identifies a person (safeguard 2 of
DOMAIN.md section 6): LESC inquiries here, and the apps above (enforcement encounters).

A claim of U.S. citizenship, or a candidate record that shows birth in the U.S. or
naturalization, stops the workflow and routes it to an ICE supervisor, who decides with
``SupervisorDecision``. The reasons are ``StopReason`` values, kept with the stopped case as
data. Each app keeps its own ``stop_for_citizenship`` transition and its own supervisor queue
items; the rule that decides whether to stop, and the vocabulary, live here once.
"""

from __future__ import annotations

from collections.abc import Iterable

from access.inquiries.choices import StopReason, SupervisorDecision

__all__ = ["StopReason", "SupervisorDecision", "reason_labels", "stop_reasons"]


def stop_reasons(*, claimed: bool, indicators: Iterable[str]) -> list[str]:
    """Why the workflow stops, in order and without repeats: the subject's claim first, then
    what each candidate record indicates (``engine.citizenship_indicator``; "" for nothing).
    An empty list means no stop."""
    reasons = [StopReason.CLAIM] if claimed else []
    for indicator in indicators:
        if indicator and indicator not in reasons:
            reasons.append(indicator)
    return reasons


def reason_labels(reasons: Iterable[str]) -> list[str]:
    return [StopReason.label(reason) for reason in reasons]
