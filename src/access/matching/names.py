"""Names: folding, particles, full-name parsing, nicknames and phonetic codes."""

from __future__ import annotations

import re
from functools import lru_cache

import jellyfish
from anyascii import anyascii
from nicknames import NickNamer

# Surname particles dropped before comparison ("de la Cruz" ~ "Cruz", "al-Rashid" ~ "Rashid").
PARTICLES = frozenset(
    {
        "de",
        "del",
        "la",
        "las",
        "los",
        "y",
        "e",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "da",
        "das",
        "do",
        "dos",
        "di",
        "du",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
        "ben",
    }
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile("['`\u00b4\u2019\u2018]")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """ASCII, lower case, punctuation as single spaces: ``"José-Luis O'Brien"`` -> ``"jose luis obrien"``."""
    if not text:
        return ""
    ascii_text = anyascii(_APOSTROPHES.sub("", str(text))).lower()
    return _NON_ALNUM.sub(" ", _APOSTROPHES.sub("", ascii_text)).strip()


def tokens(text: str) -> list[str]:
    return fold(text).split()


def surname_tokens(text: str) -> list[str]:
    """Surname parts without particles; particles stay when they are all there is."""
    parts = tokens(text)
    kept = [p for p in parts if p not in PARTICLES]
    return kept or parts


def parse_full_name(full_name: str) -> tuple[str, str, list[str]]:
    """Split a raw full name into (given, middle, family tokens).

    ``"Family, Given Middle"`` is read family-first; otherwise a particle starts the surname
    (``"Maria de la Cruz Lopez"``), four or more words end in two surnames
    (``"José Luis Hernández Pérez"``), and three words are given, middle, family.
    """
    if "," in full_name:
        family_text, _, rest = full_name.partition(",")
        rest_tokens = tokens(rest)
        return (
            rest_tokens[0] if rest_tokens else "",
            " ".join(rest_tokens[1:]),
            surname_tokens(family_text),
        )
    parts = tokens(full_name)
    if not parts:
        return "", "", []
    if len(parts) == 1:
        return "", "", parts
    particle_at = next((i for i in range(1, len(parts) - 1) if parts[i] in PARTICLES), None)
    head: list[str]
    family: list[str]
    if particle_at is not None:
        head, family = parts[:particle_at], [p for p in parts[particle_at:] if p not in PARTICLES]
    elif len(parts) >= 4:
        head, family = parts[:-2], parts[-2:]
    else:
        head, family = parts[:-1], parts[-1:]
    return head[0], " ".join(head[1:]), family


# Spanish hypocorisms -> formal names (the ``nicknames`` package covers English only). The
# common forms in Mexican, Central American and Caribbean usage; a nickname may stand for
# several names (``beto`` -> alberto, roberto).
SPANISH_HYPOCORISMS: dict[str, tuple[str, ...]] = {
    "pepe": ("jose",),
    "chepe": ("jose",),
    "chema": ("jose",),
    "paco": ("francisco",),
    "pancho": ("francisco",),
    "kiko": ("francisco", "enrique"),
    "chuy": ("jesus",),
    "chucho": ("jesus",),
    "memo": ("guillermo",),
    "nacho": ("ignacio",),
    "lalo": ("eduardo",),
    "lupe": ("guadalupe",),
    "lupita": ("guadalupe",),
    "jano": ("alejandro",),
    "alex": ("alejandro", "alexander"),
    "beto": ("alberto", "roberto", "heriberto", "norberto"),
    "quique": ("enrique",),
    "kike": ("enrique",),
    "rosita": ("rosa",),
    "concha": ("concepcion",),
    "conchita": ("concepcion",),
    "manolo": ("manuel",),
    "manny": ("manuel",),
    "tono": ("antonio",),
    "tony": ("antonio", "anthony"),
    "chava": ("salvador",),
    "chelo": ("consuelo", "marcelo"),
    "lola": ("dolores",),
    "charo": ("rosario",),
    "pili": ("pilar",),
    "nando": ("fernando",),
    "fito": ("adolfo", "rodolfo"),
    "goyo": ("gregorio",),
    "licha": ("alicia",),
    "moncho": ("ramon",),
    "poncho": ("alfonso",),
    "rafa": ("rafael",),
    "toni": ("antonio",),
    "tere": ("teresa",),
    "mari": ("maria",),
    "lucho": ("luis",),
    "chayo": ("rosario",),
    "nena": ("elena", "magdalena"),
}

_NICKNAMER: NickNamer | None = None


def _nicknamer() -> NickNamer:
    global _NICKNAMER
    if _NICKNAMER is None:
        _NICKNAMER = NickNamer()
    return _NICKNAMER


@lru_cache(maxsize=100_000)
def name_variants(given: str) -> tuple[str, ...]:
    """The name and the formal names it is a nickname of: ``bill`` -> (bill, robert, william, ...)."""
    if not given:
        return ()
    formal = {fold(c) for c in _nicknamer().canonicals_of(given)}
    formal.update(SPANISH_HYPOCORISMS.get(given, ()))
    return tuple(sorted({given} | formal))


@lru_cache(maxsize=200_000)
def phonetic(token: str) -> str:
    """A phonetic code (Metaphone) of one name token; the token itself when it has none."""
    if not token:
        return ""
    return jellyfish.metaphone(token).upper() or token.upper()
