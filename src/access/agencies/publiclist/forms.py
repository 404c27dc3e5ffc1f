from __future__ import annotations

from typing import Any

from django import forms

from access.agencies.publiclist.ice287g import DEFAULT_MAX_BYTES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        files = data if isinstance(data, list | tuple) else [data]
        return [single(item, initial) for item in files]


class UploadForm(forms.Form):
    sheets = MultipleFileField(
        label="ICE list files",
        help_text="participatingAgencies*.xlsx and/or pendingAgencies*.xlsx (or .csv), up to 10 MB each.",
        widget=MultipleFileInput(attrs={"accept": ".xlsx,.csv", "class": "usa-file-input"}),
    )
    as_of = forms.DateTimeField(
        label="Published as of (UTC)",
        required=False,
        help_text="Leave empty to take the date and am/pm from the file name.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def clean_sheets(self) -> list[Any]:
        files = self.cleaned_data["sheets"]
        for upload in files:
            if upload.size > DEFAULT_MAX_BYTES:
                raise forms.ValidationError(f"{upload.name} is larger than 10 MB.")
        return files
