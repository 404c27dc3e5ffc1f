"""Agency operations: each writes the record and its audit event in one transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from access.agencies.events import Event
from access.agencies.models import Agency, Contact, Facility
from access.audit import events
from access.audit.events import audited


def _save_with_event(obj: models.Model, verb: str, data: dict[str, Any]) -> models.Model:
    adding = obj._state.adding
    before = None if adding else events.snapshot(type(obj)._default_manager.get(pk=obj.pk))
    for name, value in data.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    action = Event.named(f"{obj._meta.model_name}.{'create' if adding else verb}")
    events.record(action, obj=obj, before=before, after=events.snapshot(obj))
    return obj


@audited
def create_agency(actor: Any, **data: Any) -> Agency:
    return _save_with_event(Agency(), "create", data)  # type: ignore[return-value]


@audited
def update_agency(actor: Any, agency: Agency, **data: Any) -> Agency:
    return _save_with_event(agency, "update", data)  # type: ignore[return-value]


@audited
def save_facility(actor: Any, facility: Facility, **data: Any) -> Facility:
    return _save_with_event(facility, "update", data)  # type: ignore[return-value]


@audited
def save_contact(actor: Any, contact: Contact, **data: Any) -> Contact:
    return _save_with_event(contact, "update", data)  # type: ignore[return-value]
