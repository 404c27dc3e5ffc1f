"""The audit trail as people read it: events by their declared labels, and Before/After/Details
as a field-by-field table rather than stored JSON. A template builtin (settings.TEMPLATES)."""

from __future__ import annotations

from typing import Any

from django import template
from django.apps import apps

from access.audit import registry
from access.core.templatetags.display import field_label, readable

register = template.Library()


@register.filter
def event_label(action: str) -> str:
    """``agreement.approve_agency_review`` -> its declared label ("Agency review approved")."""
    return registry.label(str(action))


def _model_fields(object_type: str, action: str = "") -> tuple[Any, Any]:
    """Field labels (verbose names) and value labels: those the event's app declared for the
    event (``EventSet.VALUES``), else the choices of the model the event is about, when known;
    otherwise labels made from the field names. A list of codes reads as a list of labels."""
    try:
        model = apps.get_model(object_type) if "." in object_type else None
    except (LookupError, ValueError):
        model = None
    names: dict[str, str] = {}
    choices: dict[str, dict[Any, str]] = {}
    if model is not None:
        for field in model._meta.concrete_fields:
            verbose = str(field.verbose_name)
            names[field.name] = names[field.attname] = verbose[:1].upper() + verbose[1:]
            if field.choices:
                choices[field.name] = {k: str(v) for k, v in field.flatchoices}

    def label(name: str) -> str:
        return names.get(name) or field_label(name)

    def coded(name: str, stored: Any) -> str | None:
        declared = registry.value_label(action, name, stored)
        if declared is not None:
            return declared
        return choices.get(name, {}).get(stored) if isinstance(stored, str | int) else None

    def value(name: str, stored: Any) -> str:
        if isinstance(stored, list) and stored:
            shown = [coded(name, item) for item in stored]
            if any(shown):
                return ", ".join(s or readable(item) for s, item in zip(shown, stored, strict=True))
        return coded(name, stored) or readable(stored)

    return label, value


@register.simple_tag
def audit_changes(event: Any) -> list[dict[str, Any]]:
    """One row per field in Before or After: label, before, after, and whether it changed."""
    before, after = event.before or {}, event.after or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return [{"label": "Value", "before": readable(before), "after": readable(after)}]
    label, value = _model_fields(event.object_type, event.action)
    keys = list(before) + [k for k in after if k not in before]
    return [
        {
            "label": label(key),
            "before": value(key, before.get(key)) if event.before is not None else "",
            "after": value(key, after.get(key)) if event.after is not None else "",
            "changed": before.get(key) != after.get(key),
        }
        for key in keys
    ]


@register.simple_tag
def audit_details(event: Any) -> list[dict[str, str]]:
    """One row per entry of Details: label and value in words."""
    details = event.details or {}
    if not isinstance(details, dict):
        return [{"label": "Details", "value": readable(details)}]
    label, value = _model_fields(event.object_type, event.action)
    return [{"label": label(key), "value": value(key, stored)} for key, stored in details.items()]
