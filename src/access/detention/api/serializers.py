from __future__ import annotations

from typing import Any

from rest_framework import serializers

from access.agencies.models import Facility
from access.detention.choices import OUTCOMES, DetainerStatus, ProbableCause, ServiceMethod
from access.detention.models import Detainer
from access.enforcement.models import Encounter


class DetainerSerializer(serializers.ModelSerializer):
    """A detainer with its clock. Times are UTC; `deadline_local` is the facility's time."""

    officer = serializers.CharField(source="officer.badge_number", read_only=True)
    form = serializers.CharField(source="form.__str__", read_only=True)
    deadline_local = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Detainer
        fields = [
            "id",
            "encounter",
            "agency",
            "facility",
            "time_zone",
            "officer",
            "form",
            "issued_at",
            "probable_cause",
            "served_at",
            "service_method",
            "notify_before_release",
            "hold_requested",
            "status",
            "release_at",
            "deadline",
            "deadline_local",
            "overdue",
            "overdue_since",
            "outcome_at",
            "outcome_reason",
        ]
        read_only_fields = fields

    def get_deadline_local(self, obj: Detainer) -> str | None:
        local = obj.local(obj.deadline)
        return local.isoformat() if local else None

    def get_overdue(self, obj: Detainer) -> bool:
        return obj.is_overdue()


class IssueSerializer(serializers.Serializer):
    """Issue a detainer: times with an offset (ISO 8601)."""

    encounter = serializers.PrimaryKeyRelatedField(queryset=Encounter.objects.none())
    facility = serializers.PrimaryKeyRelatedField(queryset=Facility.objects.none())
    probable_cause = serializers.ChoiceField(choices=ProbableCause.choices())
    probable_cause_details = serializers.CharField(max_length=4000)
    served_at = serializers.DateTimeField()
    service_method = serializers.ChoiceField(choices=ServiceMethod.choices())
    notify_before_release = serializers.BooleanField(default=True)
    hold_requested = serializers.BooleanField(default=True)
    release_at = serializers.DateTimeField(required=False, allow_null=True)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["facility"].agency_id != attrs["encounter"].agency_id:
            raise serializers.ValidationError(
                {"facility": ["The facility is not one of the encounter's agency."]}
            )
        return attrs


class ReleaseSerializer(serializers.Serializer):
    release_at = serializers.DateTimeField()


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=[(s, DetainerStatus.label(s)) for s in OUTCOMES])
    reason = serializers.CharField(max_length=4000)
    at = serializers.DateTimeField(required=False, allow_null=True)
