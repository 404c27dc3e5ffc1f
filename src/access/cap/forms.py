"""CAP forms: a roster upload, and the mapping of a roster's columns to the engine's fields."""

from __future__ import annotations

from typing import Any

from django import forms

from access.cap import rosters


class RosterUploadForm(forms.Form):
    roster = forms.FileField(
        label="Roster file (CSV or XLSX)",
        help_text=(
            f"At most {rosters.MAX_BYTES // (1024 * 1024)} MB. CSV with commas, semicolons, tabs "
            "or bars; UTF-8 or Latin-1. XLSX: the first sheet is read."
        ),
    )
    as_of = forms.DateTimeField(
        label="Roster time (optional)",
        required=False,
        help_text="When the jail produced this roster, e.g. 2026-12-03 06:00. Blank: now.",
    )

    def clean_roster(self) -> Any:
        upload = self.cleaned_data["roster"]
        if upload.size > rosters.MAX_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {rosters.MAX_BYTES // (1024 * 1024)} MB."
            )
        return upload


class MappingForm(forms.Form):
    """One select per field, offering the file's columns."""

    def __init__(self, *args: Any, headers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Not in this roster"), *((h, h) for h in headers if h)]
        required = set(rosters.REQUIRED)
        for name, label in rosters.FIELDS.items():
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=False,
                help_text="Required." if name in required else "",
            )

    def mapping(self) -> dict[str, str]:
        return {name: column for name, column in self.cleaned_data.items() if column}
