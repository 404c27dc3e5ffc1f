"""Forms render as USWDS markup through Django's form renderer templates.

Select boxes are the exception: Django renders each ``<option>`` through its own template
include, which made a filter with 800 agencies cost more than the rest of the page (issue 15
item 21). The renderer writes a select's markup in Python instead, the same markup Django's
``select.html`` and ``select_option.html`` produce."""

from __future__ import annotations

from typing import Any

from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"


def html_attrs(attrs: dict[str, Any]) -> str:
    """``attrs.html``: ``True`` writes the bare name, ``False`` leaves the attribute out."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def render_select(widget: dict[str, Any]) -> SafeString:
    """A select widget's context (``Select.get_context()["widget"]``) as HTML."""
    out = [format_html('<select name="{}"', widget["name"]), html_attrs(widget["attrs"]), ">"]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            out.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in options:
            out.append(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                f"{html_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>"
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return mark_safe("".join(out))  # noqa: S308  # nosec B308 B703 - every value escaped above


class USWDSFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name == SELECT_TEMPLATE:
            return render_select(context["widget"])
        return super().render(template_name, context, request)
