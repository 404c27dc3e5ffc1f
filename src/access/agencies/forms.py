from __future__ import annotations

from django import forms

from access.agencies.models import Agency, Contact, Facility


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
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

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
        ]


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "title", "role", "email", "phone"]
