"""Time zones of U.S. facilities: the IANA zones offered, and a default from the state.

A state maps to a zone only where the whole state keeps one clock. States split between
zones (Florida's panhandle, West Texas, Indiana, Kentucky, Tennessee...) get no default: the
facility's zone is then entered by hand, and a detainer cannot be issued at that facility
until it is (the hold clock needs it). Arizona keeps Mountain Standard Time all year
(America/Phoenix); the Navajo Nation's own facilities are the exception to enter by hand.
"""

from __future__ import annotations

US_ZONES = [
    ("America/New_York", "Eastern (America/New_York)"),
    ("America/Detroit", "Eastern, Michigan (America/Detroit)"),
    ("America/Indiana/Indianapolis", "Eastern, Indiana (America/Indiana/Indianapolis)"),
    ("America/Kentucky/Louisville", "Eastern, Kentucky (America/Kentucky/Louisville)"),
    ("America/Chicago", "Central (America/Chicago)"),
    ("America/Indiana/Knox", "Central, Indiana (America/Indiana/Knox)"),
    ("America/Menominee", "Central, Michigan (America/Menominee)"),
    ("America/Denver", "Mountain (America/Denver)"),
    ("America/Boise", "Mountain, Idaho (America/Boise)"),
    ("America/Phoenix", "Mountain, no daylight saving (America/Phoenix)"),
    ("America/Los_Angeles", "Pacific (America/Los_Angeles)"),
    ("America/Anchorage", "Alaska (America/Anchorage)"),
    ("America/Adak", "Hawaii-Aleutian, Alaska (America/Adak)"),
    ("Pacific/Honolulu", "Hawaii (Pacific/Honolulu)"),
    ("America/Puerto_Rico", "Atlantic (America/Puerto_Rico)"),
    ("America/St_Thomas", "Atlantic, U.S. Virgin Islands (America/St_Thomas)"),
    ("Pacific/Guam", "Chamorro (Pacific/Guam)"),
    ("Pacific/Saipan", "Chamorro, Northern Mariana Islands (Pacific/Saipan)"),
    ("Pacific/Pago_Pago", "Samoa (Pacific/Pago_Pago)"),
]

STATE_ZONE = {
    "AL": "America/Chicago",
    "AZ": "America/Phoenix",
    "AR": "America/Chicago",
    "CA": "America/Los_Angeles",
    "CO": "America/Denver",
    "CT": "America/New_York",
    "DE": "America/New_York",
    "DC": "America/New_York",
    "GA": "America/New_York",
    "HI": "Pacific/Honolulu",
    "IL": "America/Chicago",
    "IA": "America/Chicago",
    "LA": "America/Chicago",
    "ME": "America/New_York",
    "MD": "America/New_York",
    "MA": "America/New_York",
    "MN": "America/Chicago",
    "MS": "America/Chicago",
    "MO": "America/Chicago",
    "MT": "America/Denver",
    "NV": "America/Los_Angeles",
    "NH": "America/New_York",
    "NJ": "America/New_York",
    "NM": "America/Denver",
    "NY": "America/New_York",
    "NC": "America/New_York",
    "OH": "America/New_York",
    "OK": "America/Chicago",
    "PA": "America/New_York",
    "RI": "America/New_York",
    "SC": "America/New_York",
    "UT": "America/Denver",
    "VT": "America/New_York",
    "VA": "America/New_York",
    "WA": "America/Los_Angeles",
    "WV": "America/New_York",
    "WI": "America/Chicago",
    "WY": "America/Denver",
    "PR": "America/Puerto_Rico",
    "VI": "America/St_Thomas",
    "GU": "Pacific/Guam",
    "MP": "Pacific/Saipan",
    "AS": "Pacific/Pago_Pago",
}


def default_zone(state: str) -> str:
    """The state's one zone, or "" when the state spans more than one (enter it by hand)."""
    return STATE_ZONE.get(state, "")
