from access.agencies.models.agency import STATE_FIPS, Agency, Contact, Facility
from access.agencies.models.publiclist import (
    PublishedEntry,
    PublishedEvent,
    PublishedRow,
    PublishedSnapshot,
    PublishedVersion,
)

__all__ = [
    "STATE_FIPS",
    "Agency",
    "Contact",
    "Facility",
    "PublishedEntry",
    "PublishedEvent",
    "PublishedRow",
    "PublishedSnapshot",
    "PublishedVersion",
]
