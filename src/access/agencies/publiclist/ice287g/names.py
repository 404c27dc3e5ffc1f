"""Is this renamed row the same agency? Conservative rules, tuned on ICE's real renames.

Renames seen in May-July 2025 include "City of Melbourne PD" -> "Melbourne PD", "Indialantic"
-> "Indiatlantic" (and back), "Lafourche County Sheriff's Office" -> "Lafourche Parish ...",
"Unity Township Constable, PA" -> "Constable Unity Township" and "Escambia County Sheriff's
Office" -> "Escambia County Board of County Commissioners" (same agreement, same date).
What must never match: "West Palm Beach PD" with "Palm Beach PD" or "North Palm Beach PD",
and "Dixie County" with "Dade County". Hence the rules in `name_score`.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from .normalize import fold, name_words, state_code

# Words nearly every agency name carries; they say nothing about which agency it is.
GENERIC_WORDS = frozenset(
    {"the", "of", "and", "city", "town", "village", "county", "parish", "sheriff", "sheriffs"}
    | {"office", "police", "department", "state", "constable", "constables", "ward"}
    | {"township", "borough", "services", "service"}
)
# A word that tells two neighbours apart: a one-sided qualifier means another agency.
QUALIFIERS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western"}
    | {"upper", "lower", "new", "old", "little", "big", "greater", "central"}
)
NEARLY_SAME = 0.85  # a typo or an added word ("Quarryville Borough Police Department")
SIMILAR = 0.6
SIMILAR_WORD = 0.8  # "clark"/"clarke", "green"/"greens", "constbales"/"constables"
STATE_TYPO = 0.8  # "UTAHJ"/"UTAH"; two real states never count as a typo of each other
UNKNOWN_VALUES = frozenset({"", "n a", "na", "none", "unknown"})
PLACE_WORDS = frozenset({"county", "parish", "borough", "city", "of", "the"})


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def same_state(left: str | None, right: str | None) -> bool:
    """Same U.S. state, or a misspelt non-state ("UTAHJ") close to the other value."""
    a, b = state_code(left), state_code(right)
    if a and b:
        return a == b
    if a is None and b is None:
        return fold(left) == fold(right)
    return _ratio(fold(left), fold(right)) >= STATE_TYPO


def same_place(left: str | None, right: str | None) -> bool:
    """Counties agree; "#N/A" or empty agrees with anything, "X County" with "X Parish",
    "St. Landry County" with "Saint Landry County"."""
    a, b = name_words(left), name_words(right)
    if " ".join(a) in UNKNOWN_VALUES or " ".join(b) in UNKNOWN_VALUES or a == b:
        return True
    return set(a) - PLACE_WORDS == set(b) - PLACE_WORDS


def same_type(left: str | None, right: str | None) -> bool:
    """Types agree; empty agrees with anything and "Municipal" with "Municipality"."""
    a, b = fold(left), fold(right)
    return not a or not b or a.startswith(b) or b.startswith(a)


def _state_code_words(state: str | None) -> set[str]:
    code = state_code(state)
    return {code.lower()} if code else set()


def _drop_typos(left: set[str], right: set[str]) -> tuple[set[str], set[str]]:
    """Remove word pairs that are one word misspelt, so only real differences remain."""
    left, right = set(left), set(right)
    for word in sorted(left):
        twin = next((w for w in sorted(right) if _ratio(word, w) >= SIMILAR_WORD), None)
        if twin is not None:
            left.discard(word)
            right.discard(twin)
    return left, right


def name_score(
    left: str | None,
    right: str | None,
    *,
    state: str | None = None,
    counties: tuple[str | None, ...] = (),
    dated: bool = False,
) -> float:
    """Similarity in (0, 1] when two names can be one agency, else 0.

    Distinctive words are a name's words less the generic ones ("county", "police", a
    trailing "PA"); the leading one is usually the place ("Escambia", "Palm"). Never a
    match: a directional qualifier on one side only ("West"). A match is either:

    * nearly the same name (typo, added or reordered words) without distinctive words
      differing on both sides;
    * the same leading distinctive word, other distinctive words differing on one side only,
      and a similar name ("Louisiana State Patrol" -> "Louisiana State Police Department"),
      or any name when `dated` (both rows carry the same signed date, checked by the caller);
    * when `dated`, the same leading word even with differences on both sides, provided it
      is the name of the agency's county ("Okaloosa County Corrections" -> "Okaloosa County
      Board of County Commissioners"), which "Palm Beach PD" and "Palm Bay PD" are not.
    """
    words_a, words_b = name_words(left), name_words(right)
    plain = _ratio(" ".join(words_a), " ".join(words_b))
    reordered = _ratio(" ".join(sorted(words_a)), " ".join(sorted(words_b)))
    score = max(plain, reordered)
    # A trailing "PA" says nothing; the state's name does ("Idaho State Police").
    code = _state_code_words(state)
    ordered_a = [w for w in words_a if w not in GENERIC_WORDS and w not in code]
    ordered_b = [w for w in words_b if w not in GENERIC_WORDS and w not in code]
    distinct_a, distinct_b = set(ordered_a), set(ordered_b)
    if (distinct_a ^ distinct_b) & QUALIFIERS:
        return 0.0
    shared = distinct_a & distinct_b
    only_a, only_b = _drop_typos(distinct_a - shared, distinct_b - shared)
    two_sided = bool(only_a and only_b)
    if score >= NEARLY_SAME and not two_sided:
        return score
    if not ordered_a or not ordered_b or _ratio(ordered_a[0], ordered_b[0]) < SIMILAR_WORD:
        return 0.0
    if not two_sided and (dated or score >= SIMILAR):
        return max(score, 0.01)
    county_words = {w for county in counties for w in name_words(county)}
    if dated and ordered_a[0] in county_words:
        return max(score, 0.01)
    return 0.0
