from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from access.agencies.models import Agency, Contact, Facility
from access.core import limits


class FacilitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Facility
        fields = [
            "id",
            "name",
            "rated_capacity",
            "average_daily_population",
            "annual_bookings",
            "street",
            "city",
            "time_zone",
        ]


class ContactSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "name", "title", "role", "email", "phone"]


class AgencySerializer(serializers.ModelSerializer):
    facilities = FacilitySerializer(many=True, read_only=True)
    contacts = ContactSerializer(many=True, read_only=True)

    class Meta:
        model = Agency
        fields = [
            "id",
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
            "facilities",
            "contacts",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {"notes": {"max_length": limits.LONG_TEXT}}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # Run the model's own clean() so the API refuses exactly what the form refuses.
        if "ori" in attrs:
            attrs["ori"] = attrs["ori"].strip().upper()
        probe = Agency(**{**self._current(), **attrs})
        try:
            probe.clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        return attrs

    def _current(self) -> dict[str, Any]:
        if self.instance is None:
            return {}
        return {
            f: getattr(self.instance, f) for f in ("name", "kind", "state", "county_fips", "ori")
        }
