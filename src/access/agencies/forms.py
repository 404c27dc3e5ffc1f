from __future__ import annotations

from django import forms

from access.agencies.models import Agency, Contact, Facility
from access.core import limits


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = [
            "name",
            "kind",
            "state",
            "county_fips",
            "county_name",
            "ori",
            "street",
            "city",
            "postcode",
            "notes",
        ]

    notes = Agency._meta.get_field("notes").formfield(
        max_length=limits.LONG_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_ori(self) -> str:
        return self.cleaned_data["ori"].strip().upper()


class FacilityForm(forms.ModelForm):
    class Meta:
        model = Facility
        fields = [
            "name",
            "rated_capacity",
            "average_daily_population",
            "annual_bookings",
            "street",
            "city",
            "time_zone",
        ]


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "title", "role", "email", "phone"]
