from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation

from access.accounts.models import Role, User
from access.agencies.models import Agency
from access.core import limits


class LoginForm(forms.Form):
    acknowledge = forms.BooleanField(
        label="I have read the notice above and consent to its terms.",
        error_messages={"required": "Acknowledge the system-use notice to continue."},
    )
    username = forms.CharField(
        label="Username", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username"})
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        max_length=limits.PASSWORD,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any):
        self.request = request
        super().__init__(*args, **kwargs)


class TokenForm(forms.Form):
    token = forms.CharField(
        label="One-time code",
        min_length=6,
        max_length=6,
        help_text="The 6-digit code your authenticator app shows now.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}"}
        ),
        error_messages={
            "min_length": "Enter all 6 digits of the code.",
            "max_length": "Enter only the 6 digits of the code.",
        },
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError("The code has digits only.")
        return token


class PasswordChangeForm(forms.Form):
    current_password = forms.CharField(
        label="Current password",
        strip=False,
        max_length=limits.PASSWORD,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    new_password = forms.CharField(
        label="New password",
        strip=False,
        max_length=limits.PASSWORD,
        help_text=password_validation.password_validators_help_texts()[1]
        if len(password_validation.password_validators_help_texts()) > 1
        else "",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    confirm_password = forms.CharField(
        label="Confirm new password",
        strip=False,
        max_length=limits.PASSWORD,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_current_password(self) -> str:
        value = self.cleaned_data["current_password"]
        if not self.user.check_password(value):
            raise forms.ValidationError("Your current password is not correct.")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        new, confirm = data.get("new_password"), data.get("confirm_password")
        if new and confirm and new != confirm:
            self.add_error("confirm_password", "The two new passwords do not match.")
        elif new:
            if new == data.get("current_password"):
                self.add_error("new_password", "Choose a password different from the current one.")
            try:
                password_validation.validate_password(new, self.user)
            except forms.ValidationError as error:
                self.add_error("new_password", error)
        return data


class AccountRequestForm(forms.Form):
    username = forms.RegexField(
        label="Username",
        max_length=150,
        regex=r"^[A-Za-z0-9._-]+$",
        error_messages={"invalid": "Use letters, digits, dots, dashes and underscores only."},
    )
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    email = forms.EmailField(label="Email")
    agency = forms.ModelChoiceField(
        label="Agency", queryset=Agency.objects.only("id", "name", "state").order_by("name")
    )
    roles = forms.ModelMultipleChoiceField(
        label="Roles", queryset=Role.objects.all(), widget=forms.CheckboxSelectMultiple
    )


class RolesForm(forms.Form):
    roles = forms.ModelMultipleChoiceField(
        label="Roles",
        queryset=Role.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", max_length=200)


class AddressForm(forms.Form):
    """The account holder's own address (optional). Misuse review compares it with the
    addresses of the people the holder inquires about."""

    address_street = forms.CharField(
        label="Street address",
        max_length=200,
        required=False,
        help_text="Number, street and any apartment, e.g. 120 Main Street Apt 4.",
    )
    address_city = forms.CharField(label="City", max_length=100, required=False)
    address_state = forms.CharField(
        label="State", max_length=30, required=False, help_text="Two-letter code, e.g. FL."
    )
    address_postcode = forms.CharField(
        label="ZIP code", max_length=10, required=False, help_text="5 digits, or ZIP+4."
    )

    def clean_address_state(self) -> str:
        value = self.cleaned_data["address_state"].strip().upper()
        if value and (len(value) != 2 or not value.isalpha()):
            raise forms.ValidationError("Use the two-letter state code, e.g. FL.")
        return value

    def clean_address_postcode(self) -> str:
        value = self.cleaned_data["address_postcode"].strip()
        digits = value.replace("-", "")
        if value and not (digits.isdigit() and len(digits) in (5, 9)):
            raise forms.ValidationError("Use 5 digits, or 9 for ZIP+4 (12345-6789).")
        return value
