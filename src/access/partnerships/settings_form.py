"""The recommendation settings as a form: weights, exclusion rules and each type's figures.

It reads and writes the same settings dictionary the recommender applies (``recommend.py``);
program managers never edit JSON. Every field starts from the version in effect.
"""

from __future__ import annotations

from typing import Any

from django import forms

from access.partnerships.choices import PartnershipFamily
from access.partnerships.models import PartnershipType
from access.partnerships.recommend import CONDITIONS, FACTORS


def _number(label: str, initial: Any, *, whole: bool = False, **extra: Any) -> forms.Field:
    field: forms.Field
    if whole:
        field = forms.IntegerField(label=label, min_value=0, initial=initial, **extra)
    else:
        field = forms.FloatField(label=label, min_value=0, initial=initial, **extra)
    return field


class SettingsForm(forms.Form):
    """One version of the recommendation settings, built from ``current`` (a settings dict)."""

    effective_from = forms.DateTimeField(
        label="Effective from (UTC)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Recommendations use the settings in effect when they are made.",
    )
    note = forms.CharField(label="What changed and why", max_length=300)

    def __init__(self, current: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.types = list(PartnershipType.objects.order_by("family", "name"))
        f = self.fields
        f["benefit_weight"] = _number(
            "Weight of benefit",
            current.get("benefit_weight"),
            help_text="Score = weight of benefit x benefit + weight of sustainability x "
            "sustainability.",
        )
        f["sustainability_weight"] = _number(
            "Weight of sustainability", current.get("sustainability_weight")
        )
        f["screening_bookings_for_full_benefit"] = _number(
            "Bookings a year needing screening for the full jail-screening benefit",
            current.get("screening_bookings_for_full_benefit"),
            whole=True,
        )
        rules = {r["when"]: r for r in current.get("rules", [])}
        type_choices = [(t.code, t.name) for t in self.types]
        for when, text in CONDITIONS.items():
            rule = rules.get(when, {})
            f[f"rule_{when}_families"] = forms.MultipleChoiceField(
                label=f"When {text}: families not eligible",
                choices=PartnershipFamily.choices(),
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=rule.get("families", []),
            )
            f[f"rule_{when}_types"] = forms.MultipleChoiceField(
                label=f"When {text}: partnership types not eligible",
                choices=type_choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=rule.get("types", []),
            )
            f[f"rule_{when}_reason"] = forms.CharField(
                label=f"When {text}: the reason shown",
                max_length=300,
                required=False,
                initial=rule.get("reason", ""),
                help_text="Needed when any family or type is chosen above.",
            )
        specs = current.get("types", {})
        for t in self.types:
            spec = specs.get(t.code, {})
            f[f"type_{t.code}_staff"] = _number("Staff needed", spec.get("staff", 0), whole=True)
            f[f"type_{t.code}_budget"] = _number(
                "Budget needed (USD a year)", spec.get("budget", 0), whole=True
            )
            for factor, text in FACTORS.items():
                f[f"type_{t.code}_{factor}"] = _number(
                    f"Benefit for {text}",
                    spec.get("benefit", {}).get(factor, 0),
                    help_text="0 when this type does not meet the need; 1 for full benefit.",
                )

    # Field groups for the template: general, one per rule, one per partnership type.
    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        out = [
            (
                "Weights",
                [
                    self["benefit_weight"],
                    self["sustainability_weight"],
                    self["screening_bookings_for_full_benefit"],
                ],
            )
        ]
        for when, text in CONDITIONS.items():
            parts = ("families", "types", "reason")
            out.append((f"Rule: when {text}", [self[f"rule_{when}_{n}"] for n in parts]))
        for t in self.types:
            figures = ["staff", "budget", *FACTORS]
            out.append((t.name, [self[f"type_{t.code}_{n}"] for n in figures]))
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for when in CONDITIONS:
            chosen = data.get(f"rule_{when}_families") or data.get(f"rule_{when}_types")
            if chosen and not (data.get(f"rule_{when}_reason") or "").strip():
                self.add_error(f"rule_{when}_reason", "Give the reason people will read.")
        return data

    def settings(self) -> dict[str, Any]:
        """The settings dictionary from the cleaned fields (call after ``is_valid``)."""
        data = self.cleaned_data
        rules = [
            {
                "when": when,
                "families": list(data[f"rule_{when}_families"]),
                "types": list(data[f"rule_{when}_types"]),
                "reason": data[f"rule_{when}_reason"].strip(),
            }
            for when in CONDITIONS
            if data[f"rule_{when}_families"] or data[f"rule_{when}_types"]
        ]
        types = {
            t.code: {
                "benefit": {
                    factor: data[f"type_{t.code}_{factor}"]
                    for factor in FACTORS
                    if data[f"type_{t.code}_{factor}"]
                },
                "staff": data[f"type_{t.code}_staff"],
                "budget": data[f"type_{t.code}_budget"],
            }
            for t in self.types
        }
        return {
            "benefit_weight": data["benefit_weight"],
            "sustainability_weight": data["sustainability_weight"],
            "screening_bookings_for_full_benefit": data["screening_bookings_for_full_benefit"],
            "rules": rules,
            "types": types,
        }
