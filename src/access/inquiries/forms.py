"""Forms of the inquiry pages. The inquiry form validates through ``message.check``, the same
rules as the Nlets text, NIEM XML and API forms."""

from __future__ import annotations

from typing import Any

from django import forms

from access.core import limits
from access.inquiries import niem, nlets
from access.inquiries.choices import (
    Channel,
    Determination,
    Evidence,
    Finding,
    MisuseRuleKind,
    SupervisorDecision,
)
from access.inquiries.message import PURPOSE_CODES, InquiryData, InquiryInvalid, check
from access.inquiries.models import InquiryCandidate

SEX_CHOICES = [("", "Not given"), ("M", "Male"), ("F", "Female"), ("U", "Unknown")]


class InquiryForm(forms.Form):
    channel = Channel.WEB
    raw_message = ""

    purpose_code = forms.ChoiceField(
        label="Purpose", choices=[(k, f"{k}: {v}") for k, v in PURPOSE_CODES.items()]
    )
    reason = forms.CharField(label="Reason for the inquiry", max_length=500)
    case_number = forms.CharField(label="Case number", max_length=50)
    attention = forms.CharField(
        label="Requesting officer", max_length=30, help_text="Up to 30 characters."
    )
    phone = forms.CharField(label="Call-back phone", max_length=20, required=False)
    family_name = forms.CharField(label="Family name", max_length=30, required=False)
    given_name = forms.CharField(label="Given name", max_length=30, required=False)
    middle_name = forms.CharField(label="Middle name", max_length=30, required=False)
    date_of_birth = forms.CharField(
        label="Date of birth", max_length=20, required=False, help_text="For example 1985-03-14."
    )
    sex = forms.ChoiceField(label="Sex", choices=SEX_CHOICES, required=False)
    place_of_birth = forms.CharField(
        label="Place of birth (NCIC code)", max_length=2, required=False, help_text="E.g. MX."
    )
    in_custody = forms.BooleanField(label="The subject is in custody", required=False)
    offense_code = forms.CharField(
        label="NCIC offense code of the most serious charge",
        max_length=4,
        required=False,
        help_text="0399 if none.",
    )
    a_number = forms.CharField(label="A-number", max_length=12, required=False)
    fbi_number = forms.CharField(label="FBI number", max_length=9, required=False)
    state_id = forms.CharField(label="State ID", max_length=10, required=False)
    operator_license = forms.CharField(
        label="Operator license number", max_length=20, required=False
    )
    claims_us_citizenship = forms.BooleanField(
        label="The subject claims U.S. citizenship",
        required=False,
        help_text="A claim stops the inquiry for an ICE supervisor's review.",
    )
    hit_confirmation = forms.BooleanField(
        label="This confirms an NCIC hit on an ICE record",
        required=False,
        help_text="LESC confirms hits within 10 minutes.",
    )
    ncic_number = forms.CharField(
        label="NCIC record number (NIC) of the hit", max_length=10, required=False
    )
    secondary_recipient = forms.CharField(
        label="Secondary recipient (if the answer is shared)", max_length=100, required=False
    )

    def __init__(self, *args: Any, ori: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ori = ori
        self.inquiry: InquiryData | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        try:
            self.inquiry = check({**cleaned, "ori": self.ori})
        except InquiryInvalid as error:
            add_errors(self, error)
        return cleaned

    def add_inquiry_errors(self, error: InquiryInvalid) -> None:
        add_errors(self, error)


def add_errors(form: forms.Form, error: InquiryInvalid) -> None:
    for field, messages in error.errors.items():
        name = field if field in form.fields else None
        for message in messages:
            form.add_error(name, message)


# Where each field sits in a NIEM XML message, to name it in errors ("Person/PersonSurName").
_ELEMENT = niem.ELEMENT_OF
_EXTRA_LABELS = {
    "ori": "ORI",
    "name": "Name",
    "subject": "Subject",
    "destination": "Destination",
    "message": "Message",
    "inquiry": "Inquiry number",
}


def field_label(key: str) -> tuple[str, str]:
    """An error key of the parsers (``date_of_birth (DOB)``, ``ori``) -> (label, field)."""
    field = key.split(" (", 1)[0]
    base = InquiryForm.base_fields.get(field)
    label = str(base.label) if base is not None and base.label else _EXTRA_LABELS.get(field, field)
    return label, field


class MessageForm(forms.Form):
    """One pasted IAQ, Nlets text or NIEM XML, read by the same parsers as the API
    (``nlets.parse``, ``niem.parse``) into the same ``InquiryData``."""

    message = forms.CharField(
        label="Nlets text or NIEM XML message",
        max_length=niem.MAX_BYTES,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false", "autocomplete": "off"}),
        help_text=(
            "Paste one inquiry: Nlets text (IAQ.<ORI>.AX.TXT. then TAG/value. fields; "
            "without RSN/ reason and CAS/ case number it waits until LESC has them) or NIEM "
            "XML (NLETSInquiryData; without InquiryReasonText and CaseNumberText it waits "
            "likewise); or your reply to LESC's request for them "
            "(ADM.<ORI>.AX.TXT.IAQ/number.RSN/reason.CAS/case number.). "
            "The ORI must be your agency's."
        ),
    )

    def __init__(self, *args: Any, ori: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ori = ori
        self.inquiry: InquiryData | None = None
        self.reply: nlets.DetailsReply | None = None
        self.channel = Channel.NLETS_TEXT
        self.raw_message = ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        text = cleaned.get("message")
        if not text:
            return cleaned
        xml = text.lstrip().startswith("<")
        self.channel = Channel.NIEM_XML if xml else Channel.NLETS_TEXT
        try:
            if nlets.is_details_reply(text):
                self.reply = nlets.parse_details(text)
            else:
                self.inquiry = niem.parse(text) if xml else nlets.parse(text)
        except InquiryInvalid as error:
            self.add_inquiry_errors(error)
        else:
            self.raw_message = text
        return cleaned

    def add_inquiry_errors(self, error: InquiryInvalid) -> None:
        """Every problem goes next to the pasted message, naming the field and where it is in
        the message: its Nlets tag, or its NIEM element."""
        xml = self.channel == Channel.NIEM_XML
        for key, messages in error.errors.items():
            label, field = field_label(key)
            if xml:
                where = _ELEMENT.get(field, "")
            elif field == "ori":
                where = "the IAQ.<ORI> header"
            elif field == "inquiry":
                where = "IAQ"
            else:
                where = nlets.TAG_OF.get(field, "NAM" if field.endswith("_name") else "")
            named = f"{label} ({where})" if where else label
            for text in messages:
                if not xml and where and text.startswith(f"{where}: "):
                    text = text[len(where) + 2 :]
                self.add_error("message", f"{named}: {text}")


class DetailsForm(forms.Form):
    """An analyst records the reason and case number an agency gave by telephone."""

    reason = forms.CharField(label="Reason for the inquiry", max_length=500)
    case_number = forms.CharField(label="Case number", max_length=50)
    note = forms.CharField(
        label="Who gave them, and when",
        max_length=300,
        help_text="For example: call from Det. R. Miller, 555-010-0199, 14:05.",
    )


class DeterminationForm(forms.Form):
    determination = forms.ChoiceField(
        label="Determination", choices=Determination.choices(), widget=forms.RadioSelect
    )
    candidate = forms.ModelChoiceField(
        label="Verified record (the candidate you compared)",
        queryset=InquiryCandidate.objects.none(),
        required=False,
        help_text="Required for 'record found and verified'; never for 'no record found'.",
    )
    evidence = forms.MultipleChoiceField(
        label="Evidence used", choices=Evidence.choices(), widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(
        label="Notes on the evidence", max_length=limits.LONG_TEXT, widget=forms.Textarea
    )

    def __init__(self, *args: Any, inquiry: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["candidate"]
        field.queryset = InquiryCandidate.objects.filter(inquiry=inquiry).select_related("record")  # type: ignore[attr-defined]
        field.label_from_instance = lambda c: (  # type: ignore[attr-defined]
            f"Candidate {c.rank}: record {c.record.record_id} ({c.band})"
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision", choices=SupervisorDecision.choices(), widget=forms.RadioSelect
    )
    notes = forms.CharField(label="Reasons", max_length=limits.LONG_TEXT, widget=forms.Textarea)


class MisuseRuleForm(forms.Form):
    kind = forms.ChoiceField(
        label="Rule", choices=MisuseRuleKind.choices(), widget=forms.RadioSelect
    )
    threshold = forms.IntegerField(
        label="Threshold",
        min_value=0,
        max_value=10_000,
        initial=20,
        help_text="Flags when the count goes above this (ignored by the no-charge rule).",
    )
    window_minutes = forms.IntegerField(
        label="Window (minutes)", min_value=1, max_value=525_600, initial=60
    )


class FindingForm(forms.Form):
    finding = forms.ChoiceField(
        label="Finding", choices=Finding.choices(), widget=forms.RadioSelect
    )
    notes = forms.CharField(
        label="Reasons for the finding", max_length=limits.LONG_TEXT, widget=forms.Textarea
    )
