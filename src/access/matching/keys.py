"""Candidate retrieval: every record gets a set of keys; records sharing a key are candidates.

Key families (prefix ``kind:``):

- ``id``  identifier kind and canonical value (``id:a_number:012345678``);
- ``fy``  phonetic surname + birth year, for the whole surname and for each part of a
  compound surname (``Hernandez Perez`` ~ ``Hernandez``), and with given and family swapped;
- ``gd``  phonetic given name (and each formal name it is a nickname of) + full date of
  birth, also under the day/month-swapped date and with given and family swapped;
- ``fn``  phonetic given + phonetic surname, so records without a usable date still meet;
- ``di``  full date of birth (and day/month swapped) + the initial of any name token, so two
  spelling errors in the names still meet when the date agrees;
- ``im``  the two initials (given and one surname part, in either order) + month and day, and
  ``pm`` any name token's phonetic code + month and day: a transposed year still meets;
- ``em``  any name token with at most one letter deleted (its deletion neighbourhood) + birth
  year and month: one typo that changes the phonetic code (``Pdrez`` ~ ``Perez``) still meets;
- ``pp``  one name's phonetic code + the first four letters of the other (in both orders), so
  records without a usable date still meet across a typo late in a name or a swapped order;
- ``f2`` the phonetic codes of a two-part surname, and ``mf`` a middle name's code + the
  first surname's: a misspelt or missing given name still meets (``Ximena`` ~ ``Jimena``);
- ``dp`` / ``dn`` any name token with at most one letter deleted + another token's phonetic
  code, without a date: one typo in one name still meets when a date is missing on either
  side. A record with a full date of birth indexes them as ``dp``, one without as ``dn``; every
  query looks up ``dn`` (the few records without a date) and only a query without a full date
  also looks up ``dp`` (see ``query_keys``), so two dated records never meet this way;
- aliases yield the same name keys as the primary name.

A query with a full date of birth does not look up ``fn``, ``pp``, ``f2`` and ``mf`` (see
``query_keys``): records are indexed under them so that queries without a date still meet.

The Django app stores ``keys_for(record)`` in a table; ``KeyIndex`` is the in-memory store used
by online search and the benchmarks; batch work hands the same keys to Splink as a list column
(``store.features_table``) and blocks on them with ``arrays_to_explode``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from access.matching import dates, names
from access.matching.normalize import name_parts, normalize_identifier
from access.matching.schema import Record

# Posting lists longer than this are skipped at query time (a key that common carries no
# information); the benchmark reports candidate recall with this cap in place.
MAX_POSTINGS = 5_000
# Families whose lists run long at a million records while the other families reach the same
# people: capped lower (1,000,000 records, 2,000 queries: candidate recall unchanged at 99.59%,
# mean candidates per query 1,015 -> 845, p95 2,988 -> 2,218).
SHORT_CAP = 1_000
SHORT_CAP_FAMILIES = ("fy:", "pm:", "dn:")


def posting_cap(key: str, max_postings: int = MAX_POSTINGS) -> int:
    """The longest posting list of ``key`` that is still looked up."""
    return min(max_postings, SHORT_CAP) if key.startswith(SHORT_CAP_FAMILIES) else max_postings


def deletions(token: str) -> set[str]:
    """The token and every string one deletion away (tokens shorter than 4 stay whole)."""
    if len(token) < 4:
        return {token}
    return {token} | {token[:i] + token[i + 1 :] for i in range(len(token))}


def _fuzzy_keys(
    given: str, middle: Sequence[str], family: Sequence[str], dobs: Sequence[str]
) -> set[str]:
    """Keys that survive a typo, a transposed year or a swapped name order (see above).

    Every family carries a date part or a phonetic code, so posting lists stay short at a
    million records (the batch join pays for the square of each list)."""
    out: set[str] = set()
    tokens = [t for t in ([given] if given else []) + list(family) if t]
    if not tokens:
        return out
    full = {d for d in dobs if dates.is_full(d)}
    full |= {dates.swap_day_month(d) for d in full} - {""}
    for dob in full:
        month_day = dob[5:]
        for token in tokens:
            out.add(f"di:{dob}:{token[0]}")
            out.add(f"pm:{names.phonetic(token)}:{month_day}")
        out.update(f"pm:{names.phonetic(m)}:{month_day}" for m in middle if m)
        if given:
            out.update(f"im:{''.join(sorted(given[0] + t[0]))}:{month_day}" for t in family if t)
    for month in {d[:7] for d in dobs if len(d) >= 7}:
        for token in tokens:
            out.update(f"em:{x}:{month}" for x in deletions(token))
    if given:
        for surname in family:
            if not surname:
                continue
            for a, b in ((given, surname), (surname, given)):
                out.add(f"pp:{names.phonetic(a)}:{b[:4]}")
    return out


def _name_keys(
    given: str, middle: Sequence[str], family: Sequence[str], dobs: Sequence[str]
) -> set[str]:
    out: set[str] = _fuzzy_keys(given, middle, family, dobs)
    surnames = [names.phonetic(t) for t in family]
    whole = "_".join(surnames)
    given_codes = {names.phonetic(v) for v in names.name_variants(given)} if given else set()
    years = {dates.year_of(d) for d in dobs if d}
    full_dobs = {d for d in dobs if dates.is_full(d)}
    full_dobs |= {dates.swap_day_month(d) for d in full_dobs} - {""}
    surname_codes = {whole, *surnames} - {""}
    for year in years:
        out.update(f"fy:{code}:{year}" for code in surname_codes)
        out.update(f"fy:{code}:{year}" for code in given_codes)  # given recorded as family
    for dob in full_dobs:
        out.update(f"gd:{code}:{dob}" for code in given_codes)
        if surnames:
            out.add(f"gd:{surnames[0]}:{dob}")  # family recorded as given
    if given and surnames:
        out.update(f"fn:{code}:{surnames[0]}" for code in given_codes)
        out.add(f"fn:{surnames[0]}:{names.phonetic(given)}")
    return out


def _undated_keys(given: str, middle: Sequence[str], family: Sequence[str]) -> set[str]:
    """``f2``, ``mf`` and the date-less pair keys (as ``dp:``; see ``keys_for``)."""
    out: set[str] = set()
    surnames = [names.phonetic(t) for t in family if t]
    if len(surnames) >= 2:
        out.add(f"f2:{surnames[0]}:{surnames[1]}")
    if surnames:
        out.update(f"mf:{names.phonetic(m)}:{surnames[0]}" for m in middle if m)
    tokens = [t for t in (given, *middle, *family) if t]
    # Nicknames stand for their formal names wherever they were recorded (swapped orders).
    codes = [{names.phonetic(v) for v in names.name_variants(t)} for t in tokens]
    for i, a in enumerate(tokens):
        cut = deletions(a)
        for j, b_codes in enumerate(codes):
            if i != j:
                out.update(f"dp:{x}:{code}" for x in cut for code in b_codes)
    return out


def _all_keys(record: Record) -> tuple[set[str], set[str], bool]:
    """(keys with a date or identifier part, date-less pair keys as ``dp:``, has a full date)."""
    out: set[str] = set()
    for kind, value in record.identifiers.items():
        canonical = normalize_identifier(kind, value)
        if canonical:
            out.add(f"id:{kind}:{canonical}")
    dobs = [d for d in (dates.parse_date(v) for v in record.dates_of_birth) if d]
    given, middle, family = name_parts(record)
    out |= _name_keys(given, middle.split(), family, dobs)
    undated = _undated_keys(given, middle.split(), family)
    for alias in record.aliases:
        a_given, a_middle, a_family = names.parse_full_name(alias)
        out |= _name_keys(a_given, a_middle.split(), a_family, dobs)
        undated |= _undated_keys(a_given, a_middle.split(), a_family)
    return out, undated, any(dates.is_full(d) for d in dobs)


def _as_dn(keys: Iterable[str]) -> set[str]:
    return {"dn" + k[2:] if k.startswith("dp:") else k for k in keys}


def keys_for(record: Record) -> set[str]:
    """All keys a stored record is indexed under."""
    out, undated, dated = _all_keys(record)
    return out | (undated if dated else _as_dn(undated))


# Name keys without a date part. A query with a full date of birth skips them: its date keys
# reach the same people with far shorter posting lists (at 1,000,000 records, 2,000 queries:
# the same candidate recall, 99.59%, with mean candidates 1,020 instead of 1,323).
DATELESS_NAME_KEYS = ("fn:", "pp:", "f2:", "mf:")


def query_keys(record: Record) -> set[str]:
    """The keys an inquiry or a roster row looks up (the stored side indexes ``keys_for``).

    Online search, bulk screening and any store backed by ``CandidateKey`` go through this
    function, so the engine looks up fewer keys per query than it indexes per record: a query
    without a full date of birth uses every name key and the date-less pair keys of every
    record (``dp`` and ``dn``); a query with one uses only keys with a date or an identifier
    part, plus ``dn`` (the few records without a date)."""
    out, undated, dated = _all_keys(record)
    if not dated:
        return out | _as_dn(undated) | undated
    kept = {k for k in out if not k.startswith(DATELESS_NAME_KEYS)}
    return kept | {k for k in _as_dn(undated) if k.startswith("dn:")}


class KeyIndex:
    """An in-memory inverted index: key -> row numbers of the records holding it."""

    def __init__(self, max_postings: int = MAX_POSTINGS) -> None:
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.max_postings = max_postings
        self.size = 0

    def add(self, row: int, keys: Iterable[str]) -> None:
        for key in keys:
            self.postings[key].append(row)
        self.size = max(self.size, row + 1)

    def candidates(self, keys: Iterable[str]) -> set[int]:
        found: set[int] = set()
        for key in keys:
            rows = self.postings.get(key)
            if rows and len(rows) <= posting_cap(key, self.max_postings):
                found.update(rows)
        return found

    @classmethod
    def build(cls, records: Iterable[Record], max_postings: int = MAX_POSTINGS) -> KeyIndex:
        index = cls(max_postings)
        for row, record in enumerate(records):
            index.add(row, keys_for(record))
        return index
