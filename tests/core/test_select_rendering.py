"""The form renderer writes selects in Python: the same markup as Django's templates."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting

from access.core.forms import USWDSFormRenderer


class Choices(forms.Form):
    single = forms.ChoiceField(choices=[("", "Any"), ("x", "X & <y>"), (1, "One")], required=False)
    grouped = forms.MultipleChoiceField(choices=[("G", [("1", "one"), ("2", "two")]), ("3", "3")])
    maybe = forms.NullBooleanField()


def _normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("name", ["single", "grouped", "maybe"])
def test_a_select_renders_as_djangos_templates_render_it(name):
    form = Choices({"single": "x", "grouped": ["1", "3"]})
    attrs = {"class": "usa-select", "aria-describedby": 'hint"'}
    form.renderer = USWDSFormRenderer()
    ours = str(form[name].as_widget(attrs=attrs))
    form.renderer = TemplatesSetting()
    djangos = str(form[name].as_widget(attrs=attrs))
    assert _normalised(ours) == _normalised(djangos)
    assert "<script" not in ours and "hint&quot;" in ours
