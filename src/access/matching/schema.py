"""The canonical person record shared by the records store, the synthetic population and the
matching engine. Columnar files (CSV, Parquet) use the same names; list fields are joined with
``|`` in CSV; identifiers become one column per kind, ``id.<kind>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Field names accepted by `access link --map-left FIELD=COLUMN` (ARCHITECTURE.md "Contracts").
CANONICAL_FIELDS = (
    "given_name",
    "middle_name",
    "family_name",
    "full_name",
    "date_of_birth",
    "sex",
    "place_of_birth",
    "street",
    "city",
    "postcode",
    "state",
)
IDENTIFIER_PREFIX = "id."
KNOWN_IDENTIFIERS = (
    "a_number",
    "fbi_number",
    "state_id",
    "fingerprint_id",
    "passport",
    "driver_licence",
    "ssn",
)
LIST_SEPARATOR = "|"


@dataclass
class Record:
    """One person record as the engine sees it. Every field may be empty.

    ``family_names`` holds each surname separately (paternal, maternal, compound parts);
    ``dates_of_birth`` are ISO strings, possibly partial (``1985``, ``1985-03``) as recorded;
    ``identifiers`` maps a kind (``a_number``, ``fbi_number``, ... or any other) to its value.
    """

    record_id: str
    given_name: str = ""
    middle_name: str = ""
    family_names: tuple[str, ...] = ()
    full_name: str = ""
    aliases: tuple[str, ...] = ()
    dates_of_birth: tuple[str, ...] = ()
    sex: str = ""  # "M", "F", "X" or ""
    country_of_birth: str = ""  # ISO 3166-1 alpha-2 where known ("US", "MX", ...)
    place_of_birth: str = ""  # free text (city, region) as recorded
    identifiers: dict[str, str] = field(default_factory=dict)
    street: str = ""
    city: str = ""
    postcode: str = ""
    state: str = ""

    @property
    def family_name(self) -> str:
        return " ".join(self.family_names)

    @property
    def date_of_birth(self) -> str:
        return self.dates_of_birth[0] if self.dates_of_birth else ""


def is_identifier_field(name: str) -> bool:
    return name.startswith(IDENTIFIER_PREFIX) and len(name) > len(IDENTIFIER_PREFIX)
