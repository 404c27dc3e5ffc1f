"""Serializers of the intelligence API. The list carries no subject and no content; reading
one record is an audited view. Entry, validation and release go through the actions, so the
API refuses exactly what the pages refuse (the error shape of docs/api.md)."""

from __future__ import annotations

from rest_framework import serializers

from access.core.limits import LONG_TEXT
from access.intelligence.choices import CriminalActivity, SourceReliability, SourceType
from access.intelligence.models import IntelligenceRecord, Release


class RecordListSerializer(serializers.ModelSerializer):
    task_force_name = serializers.CharField(source="task_force.name", read_only=True)

    class Meta:
        model = IntelligenceRecord
        fields = [
            "id",
            "task_force",
            "task_force_name",
            "case_number",
            "criminal_activity",
            "entered_on",
            "validated_on",
            "review_due",
            "queued_for_review_on",
            "status",
            "purged_on",
        ]
        read_only_fields = fields


class RecordSerializer(RecordListSerializer):
    submitted_by = serializers.CharField(source="submitted_by.username", read_only=True)
    validated_by = serializers.CharField(
        source="validated_by.username", read_only=True, default=None
    )

    class Meta(RecordListSerializer.Meta):
        fields = [
            *RecordListSerializer.Meta.fields,
            "subject_name",
            "subject_birth_date",
            "subject_description",
            "activity_detail",
            "reasonable_suspicion",
            "not_solely_protected_activity",
            "source_type",
            "source_reliability",
            "source_detail",
            "submitted_by",
            "validated_by",
            "purge_reason",
        ]
        read_only_fields = fields


class RecordCreateSerializer(serializers.Serializer):
    """`POST`: the rules are the action's (28 CFR 23.20(a), (b)); every field is read here
    and checked there, so a refusal names every missing or bad field at once."""

    task_force = serializers.IntegerField(help_text="A task force the caller serves on.")
    case_number = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    criminal_activity = serializers.ChoiceField(
        choices=CriminalActivity.choices(), required=False, allow_blank=True, default=""
    )
    activity_detail = serializers.CharField(
        max_length=LONG_TEXT, required=False, allow_blank=True, default=""
    )
    reasonable_suspicion = serializers.CharField(
        max_length=LONG_TEXT, required=False, allow_blank=True, default=""
    )
    subject_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    subject_birth_date = serializers.DateField(required=False, allow_null=True, default=None)
    subject_description = serializers.CharField(
        max_length=LONG_TEXT, required=False, allow_blank=True, default=""
    )
    source_type = serializers.ChoiceField(
        choices=SourceType.choices(), required=False, allow_blank=True, default=""
    )
    source_reliability = serializers.ChoiceField(
        choices=SourceReliability.choices(), required=False, allow_blank=True, default=""
    )
    source_detail = serializers.CharField(
        max_length=LONG_TEXT, required=False, allow_blank=True, default=""
    )
    not_solely_protected_activity = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Required true: the record does not rest on political, religious or social "
        "views, associations or activities alone.",
    )


class ValidateSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=LONG_TEXT, required=False, allow_blank=True, default=""
    )


class ReleaseSerializer(serializers.ModelSerializer):
    released_by = serializers.CharField(source="released_by.username", read_only=True)
    task_force = serializers.IntegerField(source="record.task_force_id", read_only=True)

    class Meta:
        model = Release
        fields = [
            "id",
            "record",
            "task_force",
            "recipient_name",
            "recipient_agency",
            "reason",
            "released_by",
            "released_at",
        ]
        read_only_fields = fields


class ReleaseCreateSerializer(serializers.Serializer):
    recipient_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    recipient_agency = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    reason = serializers.CharField(
        max_length=LONG_TEXT, required=False, allow_blank=True, default=""
    )
