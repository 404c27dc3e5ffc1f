"""The agencies app's audit events, the public 287(g) list's included."""

from __future__ import annotations

from access.audit.registry import EventSet


class Event(EventSet):
    AGENCY_CREATE = "agency.create"
    AGENCY_UPDATE = "agency.update"
    AGENCY_EXPORT = "agency.export"
    FACILITY_CREATE = "facility.create"
    FACILITY_UPDATE = "facility.update"
    CONTACT_CREATE = "contact.create"
    CONTACT_UPDATE = "contact.update"
    PUBLIC_LIST_IMPORT = "publiclist.import"
    PUBLIC_LIST_IMPORT_PREVIEW = "publiclist.import_preview"
    CHOICES = [
        (AGENCY_CREATE, "Agency added", ""),
        (AGENCY_UPDATE, "Agency changed", ""),
        (AGENCY_EXPORT, "Agency list exported", ""),
        (FACILITY_CREATE, "Facility added", ""),
        (FACILITY_UPDATE, "Facility changed", ""),
        (CONTACT_CREATE, "Contact added", ""),
        (CONTACT_UPDATE, "Contact changed", ""),
        (PUBLIC_LIST_IMPORT, "Public 287(g) list files imported", ""),
        (PUBLIC_LIST_IMPORT_PREVIEW, "Public 287(g) list files checked (not imported)", ""),
    ]
