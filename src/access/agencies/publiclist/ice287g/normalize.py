"""Normalisation used only for *comparing* values; published values are never rewritten.

ICE's sheets carry trailing spaces, doubled spaces and non-breaking spaces that change from
one day to the next without meaning anything, so every comparison goes through `clean`.
Agency names are matched through `agency_key`, which also ignores case and punctuation:
"St. Lucie County Sheriff's Office" and "St Lucie County Sheriffs Office " are one agency.

The functions are cached: every import compares the same few thousand values again and again.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters that render as nothing or as a space but are not all `str.isspace()`.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Apostrophes are dropped rather than turned into a space so "Sheriff's" == "Sheriffs".
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`]")


@lru_cache(maxsize=65536)
def clean(value: str | None) -> str:
    """Trim and collapse every kind of whitespace (incl. NBSP) to single spaces."""
    if not value:
        return ""
    # str.split() without arguments splits on all Unicode whitespace, NBSP included.
    return " ".join(value.translate(_INVISIBLE).split())


@lru_cache(maxsize=65536)
def fold(value: str | None) -> str:
    """Case-, accent- and punctuation-insensitive form of a value, for matching only."""
    text = unicodedata.normalize("NFKD", clean(value))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _APOSTROPHES.sub("", text).replace("&", " and ")
    return " ".join(_NON_WORD.sub(" ", text).split())


# Abbreviations ICE writes both ways ("Ft. Myers" / "Fort Myers"); expanded for keys only.
_ABBREVIATIONS = {
    "ft": "fort",
    "st": "saint",
    "mt": "mount",
    "twp": "township",
    "dept": "department",
    "co": "county",
}

_STATES = (
    "AL Alabama|AK Alaska|AZ Arizona|AR Arkansas|CA California|CO Colorado|CT Connecticut|"
    "DE Delaware|DC District of Columbia|FL Florida|GA Georgia|HI Hawaii|ID Idaho|IL Illinois|"
    "IN Indiana|IA Iowa|KS Kansas|KY Kentucky|LA Louisiana|ME Maine|MD Maryland|"
    "MA Massachusetts|MI Michigan|MN Minnesota|MS Mississippi|MO Missouri|MT Montana|"
    "NE Nebraska|NV Nevada|NH New Hampshire|NJ New Jersey|NM New Mexico|NY New York|"
    "NC North Carolina|ND North Dakota|OH Ohio|OK Oklahoma|OR Oregon|PA Pennsylvania|"
    "RI Rhode Island|SC South Carolina|SD South Dakota|TN Tennessee|TX Texas|UT Utah|"
    "VT Vermont|VA Virginia|WA Washington|WV West Virginia|WI Wisconsin|WY Wyoming|"
    "PR Puerto Rico|GU Guam|VI Virgin Islands|AS American Samoa|MP Northern Mariana Islands"
)
STATE_CODES: dict[str, str] = {}
for _item in _STATES.split("|"):
    _code, _name = _item.split(" ", 1)
    STATE_CODES[fold(_name)] = _code
    STATE_CODES[_code.lower()] = _code


def state_code(state: str | None) -> str | None:
    """Postal code of a U.S. state or territory written as a name or a code, else None."""
    return STATE_CODES.get(fold(state))


def name_words(name: str | None) -> list[str]:
    """The words of an agency name, folded, with common abbreviations spelled out."""
    return [_ABBREVIATIONS.get(word, word) for word in fold(name).split()]


@lru_cache(maxsize=65536)
def agency_key(state: str | None, name: str | None) -> str:
    """Key that identifies one agency across snapshots despite cosmetic differences."""
    return f"{state_code(state) or fold(state)}|{' '.join(name_words(name))}"


def header_key(value: str | None) -> str:
    """Header cell reduced to upper-case words, so "Law  Enforcement agency " matches."""
    return " ".join(_NON_WORD.sub(" ", clean(value).lower()).split()).upper()
