from __future__ import annotations

from rest_framework import serializers

from access.complaints.choices import Finding
from access.complaints.models import Complaint
from access.core import limits


class ComplaintSerializer(serializers.ModelSerializer):
    """A complaint as OPR and oversight see it (never the sender's address key)."""

    receipt_code = serializers.CharField(source="display_code", read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    assigned_to: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = Complaint
        fields = [
            "id",
            "receipt_code",
            "channel",
            "agency",
            "agency_name",
            "officer",
            "officer_description",
            "incident_on",
            "incident_place",
            "narrative",
            "complainant_name",
            "complainant_contact",
            "filed_at",
            "due_on",
            "status",
            "assigned_to",
            "suspension",
            "finding",
            "resolution",
            "notice",
            "resolved_at",
        ]
        read_only_fields = fields


class StaffComplaintSerializer(serializers.Serializer):
    agency = serializers.IntegerField()
    officer = serializers.IntegerField(required=False, allow_null=True)
    officer_description = serializers.CharField(max_length=200, allow_blank=True, default="")
    incident_on = serializers.DateField(required=False, allow_null=True)
    incident_place = serializers.CharField(max_length=200, allow_blank=True, default="")
    narrative = serializers.CharField(max_length=limits.LONG_TEXT)
    complainant_name = serializers.CharField(max_length=200, allow_blank=True, default="")
    complainant_contact = serializers.CharField(max_length=300, allow_blank=True, default="")


class AssignSerializer(serializers.Serializer):
    investigator = serializers.CharField(max_length=150, help_text="The investigator's username.")
    officer = serializers.IntegerField(required=False, allow_null=True)


class SuspendSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class ResolveSerializer(serializers.Serializer):
    finding = serializers.ChoiceField(choices=Finding.choices())
    resolution = serializers.CharField(max_length=limits.LONG_TEXT)
    notice = serializers.CharField(max_length=limits.LONG_TEXT)
