"""Serializers of the task-force API: a task force with its charter, agencies and objectives;
its members; and the bodies of opening one and adding a member."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from access.accounts.models import User
from access.agencies.choices import AgencyKind
from access.agencies.models import Agency
from access.agreements.models import Agreement
from access.officers.models import Officer
from access.partnerships.choices import Challenge
from access.taskforces.choices import TASK_FORCE_TYPES, MemberRole
from access.taskforces.models import (
    ArrestCount,
    Member,
    Objective,
    Operation,
    OperationMember,
    OperationTarget,
    Participation,
    TaskForce,
)


class ParticipationSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)

    class Meta:
        model = Participation
        fields = ["agency", "agency_name", "joined_on", "left_on"]
        read_only_fields = fields


class ObjectiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = Objective
        fields = ["objective", "measure"]


class TaskForceSerializer(serializers.ModelSerializer):
    partnership_type = serializers.CharField(source="partnership_type.code", read_only=True)
    lead_agency_name = serializers.CharField(source="lead_agency.name", read_only=True)
    agencies = ParticipationSerializer(source="participations", many=True, read_only=True)
    objectives = ObjectiveSerializer(many=True, read_only=True)

    class Meta:
        model = TaskForce
        fields = [
            "id",
            "name",
            "partnership_type",
            "challenge",
            "area",
            "lead_agency",
            "lead_agency_name",
            "ice_lead",
            "agreement",
            "access_request",
            "community_shield",
            "status",
            "mission",
            "starts_on",
            "review_on",
            "ends_on",
            "agencies",
            "objectives",
        ]
        read_only_fields = fields


class TaskForceCreateSerializer(serializers.Serializer):
    """`POST`: open a task force (program staff). The lead agency takes part in any case; the
    ICE lead becomes its first member."""

    name = serializers.CharField(max_length=160)
    partnership_type = serializers.ChoiceField(choices=list(TASK_FORCE_TYPES))
    challenge = serializers.ChoiceField(choices=Challenge.choices())
    area = serializers.CharField(max_length=300)
    lead_agency = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.exclude(kind=AgencyKind.FEDERAL)
    )
    ice_lead = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(agency__kind=AgencyKind.FEDERAL),
        required=False,
        allow_null=True,
    )
    agreement = serializers.PrimaryKeyRelatedField(
        queryset=Agreement.objects.filter(partnership_type__code__in=TASK_FORCE_TYPES),
        required=False,
        allow_null=True,
    )
    community_shield = serializers.BooleanField(required=False, default=False)
    mission = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    starts_on = serializers.DateField()
    review_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True)
    agencies = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.exclude(kind=AgencyKind.FEDERAL), many=True, required=False
    )
    objectives = ObjectiveSerializer(many=True, required=False)


class MemberSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    agency = serializers.SerializerMethodField()

    class Meta:
        model = Member
        fields = ["id", "name", "officer", "user", "agency", "role", "starts_on", "ends_on"]
        read_only_fields = fields

    def get_name(self, member: Member) -> str:
        person: Any = member.officer or member.user
        return f"{person.first_name} {person.last_name}"

    def get_agency(self, member: Member) -> int | None:
        return member.officer.agency_id if member.officer_id else member.user.agency_id  # type: ignore[union-attr]


class MemberCreateSerializer(serializers.Serializer):
    """`POST`: add a member: an officer of a participating agency or an ICE account (one)."""

    officer = serializers.PrimaryKeyRelatedField(
        queryset=Officer.objects.all(), required=False, allow_null=True
    )
    user = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(agency__kind=AgencyKind.FEDERAL),
        required=False,
        allow_null=True,
    )
    role = serializers.ChoiceField(choices=MemberRole.choices())
    starts_on = serializers.DateField()


class OperationTargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = OperationTarget
        fields = ["case_number", "description"]
        read_only_fields = fields


class OperationMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = OperationMember
        fields = ["member", "function"]
        read_only_fields = fields


class ArrestCountSerializer(serializers.ModelSerializer):
    class Meta:
        model = ArrestCount
        fields = ["severity", "priority_level", "count"]
        read_only_fields = fields


class OperationSerializer(serializers.ModelSerializer):
    """An operation with its targets (by case), the members taking part (and any 287(g)
    function each used) and its outcomes; counts only, no person data."""

    targets = OperationTargetSerializer(many=True, read_only=True)
    participants = OperationMemberSerializer(many=True, read_only=True)
    arrests = ArrestCountSerializer(source="arrest_counts", many=True, read_only=True)

    class Meta:
        model = Operation
        fields = [
            "id",
            "name",
            "status",
            "starts_on",
            "ends_on",
            "area",
            "summary",
            "community_shield",
            "targets",
            "participants",
            "arrests",
            "seizures",
            "seizure_note",
            "prosecution_referrals",
            "victims_identified",
            "completed_on",
        ]
        read_only_fields = fields
