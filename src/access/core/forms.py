"""Forms render as USWDS markup through Django's form renderer templates."""

from __future__ import annotations

from django.forms.renderers import TemplatesSetting


class USWDSFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
