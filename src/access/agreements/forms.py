from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from access.agencies.choices import AgencyKind
from access.agencies.models import Agency
from access.agreements.choices import ModelCode
from access.agreements.held import refuse_if_held
from access.agreements.models import Agreement
from access.agreements.validators import MAX_PDF_BYTES, check_signed_on, validate_pdf
from access.core import limits
from access.partnerships.models import AccessRequest, PartnershipType


class DateInput(forms.DateInput):
    input_type = "date"


class AgreementCreateForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = [
            "agency",
            "partnership_type",
            "access_request",
            "supervising_office",
            "officer_limit",
            "effective_on",
            "expires_on",
        ]
        widgets = {"effective_on": DateInput(), "expires_on": DateInput()}
        help_texts = {
            "effective_on": "Leave blank: the agreement takes effect on the last signature.",
            "expires_on": "Leave blank: the template's term from the effective date.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["agency"].queryset = Agency.objects.exclude(kind=AgencyKind.FEDERAL)
        fields["supervising_office"].queryset = Agency.objects.filter(kind=AgencyKind.FEDERAL)
        fields["supervising_office"].required = True
        fields["partnership_type"].queryset = PartnershipType.objects.filter(
            code__in=list(ModelCode.BY_PARTNERSHIP_TYPE)
        )
        fields["access_request"].queryset = AccessRequest.objects.select_related("agency")
        fields["access_request"].label_from_instance = lambda r: (
            f"Request #{r.pk} ({r.agency.name})"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        request, agency = data.get("access_request"), data.get("agency")
        if request is not None and agency is not None and request.agency_id != agency.pk:
            self.add_error("access_request", "This request was filed by another agency.")
        kind = data.get("partnership_type")
        if agency is not None and kind is not None:
            try:
                refuse_if_held(agency, kind)
            except ValidationError as error:
                self.add_error("partnership_type", error)
        start, end = data.get("effective_on"), data.get("expires_on")
        if start and end and end <= start:
            self.add_error("expires_on", "The expiry must come after the effective date.")
        return data


class SectionsForm(forms.Form):
    """One text area per section of the current version, and a note for the new version."""

    def __init__(self, sections: list[dict[str, Any]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for section in sections:
            self.fields[f"section_{section['key']}"] = forms.CharField(
                label=section["heading"],
                initial=section["text"],
                widget=forms.Textarea(attrs={"rows": 8}),
                max_length=limits.SECTION_TEXT,
                strip=True,
            )
        self.fields["note"] = forms.CharField(
            label="What changed and why",
            max_length=300,
            help_text="Recorded with the new version.",
        )

    def texts(self) -> dict[str, str]:
        return {
            name.removeprefix("section_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("section_")
        }


class TransitionForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Recorded in the audit trail with this step.",
    )


class SignatureForm(forms.Form):
    name = forms.CharField(label="Signatory name", max_length=200)
    title = forms.CharField(label="Signatory title", max_length=200)
    signed_on = forms.DateField(label="Date signed", widget=DateInput())
    document = forms.FileField(
        label="Signed agreement (PDF)",
        help_text=f"A PDF of at most {MAX_PDF_BYTES // (1024 * 1024)} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def clean_signed_on(self) -> Any:
        signed_on = self.cleaned_data["signed_on"]
        try:
            check_signed_on(signed_on)
        except ValidationError as error:
            raise ValidationError(error.message_dict["signed_on"]) from error
        return signed_on

    def clean_document(self) -> Any:
        upload = self.cleaned_data["document"]
        validate_pdf(upload)
        return upload
