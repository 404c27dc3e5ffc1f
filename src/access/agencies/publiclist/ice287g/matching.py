"""Pairing of a snapshot's rows with the entries the history already knows.

ICE publishes no identifiers, so a row is paired with an entry in passes, most certain first:

1. exact key (state + agency name, ignoring case/spacing/punctuation/abbreviations, + support
   type) against the entries listed in the same list;
2. exact key against entries of the other list that may move here, then removed entries
   (a removed entry that reappears keeps its id);
3. a conservative pass for renames (`names.py`): same support type, same state (or a state
   that is no U.S. state and is spelled almost like the other, such as "UTAHJ"), county and
   type agreeing (an unknown "#N/A" county agrees with any), signed dates equal when both
   rows have one, and names that are the same agency by `names.name_score` (for an entry
   that was removed, the names must be nearly identical or the signed dates equal).

Inside each pass, pairs are taken best first: most fields agreeing, then the most recently
known pool, then file order. So a duplicated row (same agency and model twice) is paired with
the entry whose values it repeats, and identical duplicates keep their order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum

from .columns import AGENCY, COUNTY, SIGNED, STATE, SUPPORT_TYPE, TYPE, ListKind
from .names import NEARLY_SAME, name_score, same_place, same_state, same_type
from .normalize import agency_key, clean, fold

IDENTITY_FIELDS = (STATE, TYPE, COUNTY, SUPPORT_TYPE, SIGNED)


class Pool(IntEnum):
    """Where a candidate entry stands relative to a row; lower values are preferred."""

    LISTED = 0  # listed in the row's list until now
    OTHER_LIST = 1  # listed in the other list and allowed to move to the row's list
    REMOVED = 2  # no longer listed anywhere


@dataclass(frozen=True)
class Incoming:
    index: int  # unique within the batch
    list_kind: ListKind
    values: Mapping[str, str]


@dataclass(frozen=True)
class Candidate:
    entry_id: int
    list_kind: ListKind
    values: Mapping[str, str]
    listed: bool  # False once removed
    # Whether a row of the other list may take this entry while it is still listed; the
    # caller decides (the natural pending -> participating step, or its list is replaced).
    may_move: bool
    position: int  # row index in the entry's last snapshot, to keep duplicates in order

    def pool_for(self, row: Incoming) -> Pool | None:
        if not self.listed:
            return Pool.REMOVED
        if self.list_kind == row.list_kind:
            return Pool.LISTED
        return Pool.OTHER_LIST if self.may_move else None


@dataclass(frozen=True)
class Pairing:
    entry_id: int
    how: str  # "key" or "name"


Scored = list[tuple[tuple[float, ...], Incoming, Candidate]]


def row_key(values: Mapping[str, str]) -> tuple[str, str]:
    return agency_key(values.get(STATE), values.get(AGENCY)), fold(values.get(SUPPORT_TYPE))


def agreement(
    left: Mapping[str, str], right: Mapping[str, str], fields: Iterable[str] | None = None
) -> int:
    """How many fields present in both rows agree once trimmed."""
    common = left.keys() & right.keys() if fields is None else set(fields) & left.keys()
    return sum(1 for f in common if f in right and clean(left[f]) == clean(right[f]))


def pair_rows(rows: Sequence[Incoming], candidates: Sequence[Candidate]) -> dict[int, Pairing]:
    """Pair incoming rows (by `index`) with candidate entries; unpaired rows are new."""
    paired: dict[int, Pairing] = {}
    taken: set[int] = set()
    passes: list[tuple[str, set[Pool]]] = [
        ("key", {Pool.LISTED}),
        ("key", {Pool.OTHER_LIST, Pool.REMOVED}),
        ("name", set(Pool)),
    ]
    for how, pools in passes:
        open_rows = [r for r in rows if r.index not in paired]
        open_candidates = [c for c in candidates if c.entry_id not in taken]
        scorer = _by_key if how == "key" else _by_name
        for row, cand in _greedy(scorer(open_rows, open_candidates, pools)):
            paired[row.index] = Pairing(cand.entry_id, how)
            taken.add(cand.entry_id)
    return paired


def _greedy(scored: Scored) -> list[tuple[Incoming, Candidate]]:
    scored.sort(key=lambda item: item[0])
    used_rows: set[int] = set()
    used_entries: set[int] = set()
    result: list[tuple[Incoming, Candidate]] = []
    for _, row, cand in scored:
        if row.index in used_rows or cand.entry_id in used_entries:
            continue
        used_rows.add(row.index)
        used_entries.add(cand.entry_id)
        result.append((row, cand))
    return result


def _by_key(rows: Sequence[Incoming], candidates: Sequence[Candidate], pools: set[Pool]) -> Scored:
    by_key: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for cand in candidates:
        by_key[row_key(cand.values)].append(cand)
    scored: Scored = []
    for row in rows:
        for cand in by_key.get(row_key(row.values), ()):
            pool = cand.pool_for(row)
            if pool is not None and pool in pools:
                rank = (-agreement(row.values, cand.values), pool, row.index, cand.position)
                scored.append((rank, row, cand))
    return scored


def _comparable(row: Mapping[str, str], cand: Mapping[str, str]) -> bool:
    """Everything but the name must agree for a rename; a missing signed date is no conflict."""
    signed, was_signed = clean(row.get(SIGNED)), clean(cand.get(SIGNED))
    return (
        fold(row.get(SUPPORT_TYPE)) == fold(cand.get(SUPPORT_TYPE))
        and same_state(row.get(STATE), cand.get(STATE))
        and same_place(row.get(COUNTY), cand.get(COUNTY))
        and same_type(row.get(TYPE), cand.get(TYPE))
        and not (signed and was_signed and signed != was_signed)
    )


def _by_name(rows: Sequence[Incoming], candidates: Sequence[Candidate], pools: set[Pool]) -> Scored:
    by_support: dict[str, list[Candidate]] = defaultdict(list)
    for cand in candidates:
        by_support[fold(cand.values.get(SUPPORT_TYPE))].append(cand)
    scored: Scored = []
    for row in rows:
        for cand in by_support.get(fold(row.values.get(SUPPORT_TYPE)), ()):
            pool = cand.pool_for(row)
            if pool is None or pool not in pools or not _comparable(row.values, cand.values):
                continue
            dated = bool(clean(row.values.get(SIGNED))) and bool(clean(cand.values.get(SIGNED)))
            score = name_score(
                row.values.get(AGENCY),
                cand.values.get(AGENCY),
                state=row.values.get(STATE),
                counties=(row.values.get(COUNTY), cand.values.get(COUNTY)),
                dated=dated,
            )
            if pool == Pool.REMOVED and not dated and score < NEARLY_SAME:
                # Weeks may separate a removal from a new row: only a near-identical name or
                # an identical signed date is enough evidence to call it a return.
                continue
            if score > 0:
                # More agreeing fields first: "Town of Palm Beach PD" signed 2025-03-07 becoming
                # "Palm Beach PD" signed 2025-03-07 beats a pending "West Palm Beach PD", which
                # has no date to agree with.
                agreeing = agreement(row.values, cand.values, IDENTITY_FIELDS)
                rank = (-agreeing, pool, -score, row.index, cand.position)
                scored.append((rank, row, cand))
    return scored
