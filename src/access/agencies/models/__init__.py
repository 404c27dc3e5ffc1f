from access.agencies.models.agency import STATE_FIPS, Agency, Contact, Facility
from access.agencies.models.publiclist import (
    PublicListUpload,
    PublishedEntry,
    PublishedEvent,
    PublishedRow,
    PublishedSnapshot,
    PublishedVersion,
    UploadState,
)

__all__ = [
    "STATE_FIPS",
    "Agency",
    "Contact",
    "Facility",
    "PublicListUpload",
    "PublishedEntry",
    "PublishedEvent",
    "PublishedRow",
    "PublishedSnapshot",
    "PublishedVersion",
    "UploadState",
]
