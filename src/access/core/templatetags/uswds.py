"""USWDS markup for form widgets and status tags."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

_CLASSES = {
    forms.Select: "usa-select",
    forms.SelectMultiple: "usa-select",
    forms.Textarea: "usa-textarea",
    forms.CheckboxInput: "usa-checkbox__input",
}


def widget_kind(field: forms.BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    return "input"


@register.filter
def kind(field: forms.BoundField) -> str:
    return widget_kind(field)


@register.filter
def uswds_widget(field: forms.BoundField) -> SafeString:
    widget = field.field.widget
    css = next((c for t, c in _CLASSES.items() if isinstance(widget, t)), "usa-input")
    if field.errors and css in ("usa-input", "usa-select", "usa-textarea"):
        css += f" {css}--error"
    described = [f"{field.auto_id}-error"] if field.errors else []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    attrs: dict[str, Any] = {"class": css}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.simple_tag
def status_tag(choiceset: Any, value: str) -> SafeString:
    return format_html(
        '<span class="usa-tag {}">{}</span>', choiceset.colour(value), choiceset.label(value)
    )
