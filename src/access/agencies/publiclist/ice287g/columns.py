"""ICE's column names and the two lists, shared by the reader, history and exporter.

Columns seen in the 64 real files (May-July 2025):

* participating: STATE, LAW ENFORCEMENT AGENCY, TYPE, COUNTY, SUPPORT TYPE, SIGNED, MOA;
  ADDENDUM was added from the file of 1 July 2025 (pm) on.
* pending: STATE, LAW ENFORCEMENT AGENCY, TYPE, COUNTY, SUPPORT TYPE (never SIGNED or MOA).
"""

from __future__ import annotations

from enum import StrEnum


class ListKind(StrEnum):
    PARTICIPATING = "participating"
    PENDING = "pending"


STATE = "STATE"
AGENCY = "LAW ENFORCEMENT AGENCY"
TYPE = "TYPE"
COUNTY = "COUNTY"
SUPPORT_TYPE = "SUPPORT TYPE"
SIGNED = "SIGNED"
MOA = "MOA"
ADDENDUM = "ADDENDUM"

# ICE's order; a file may carry a subset, and the reader keeps the file's own order.
ALL_COLUMNS: tuple[str, ...] = (STATE, AGENCY, TYPE, COUNTY, SUPPORT_TYPE, SIGNED, MOA, ADDENDUM)

REQUIRED_COLUMNS: dict[ListKind, tuple[str, ...]] = {
    ListKind.PARTICIPATING: (STATE, AGENCY, TYPE, COUNTY, SUPPORT_TYPE, SIGNED, MOA),
    ListKind.PENDING: (STATE, AGENCY, TYPE, COUNTY, SUPPORT_TYPE),
}
