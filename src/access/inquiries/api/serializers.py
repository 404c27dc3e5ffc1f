"""API shapes of inquiries. Candidates appear only to ICE staff who answer or decide."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework import serializers

from access.core import limits
from access.inquiries.choices import (
    Determination,
    Evidence,
    Finding,
    MisuseRuleKind,
    SupervisorDecision,
)
from access.inquiries.models import Inquiry, InquiryCandidate, MisuseFlag, MisuseRule

SUBJECT_FIELDS = [
    "family_name",
    "given_name",
    "middle_name",
    "date_of_birth",
    "sex",
    "place_of_birth",
    "a_number",
    "fbi_number",
    "state_id",
    "operator_license",
]


class CandidateSerializer(serializers.ModelSerializer):
    record_id = serializers.CharField(source="record.record_id", read_only=True)

    class Meta:
        model = InquiryCandidate
        fields = [
            "id",
            "rank",
            "record_id",
            "band",
            "probability",
            "match_weight",
            "explanation",
            "citizenship_indicator",
        ]


class InquirySerializer(serializers.ModelSerializer):
    age_seconds = serializers.SerializerMethodField()
    candidates = serializers.SerializerMethodField()
    confirmation_due = serializers.DateTimeField(read_only=True, allow_null=True)
    confirmation_overdue = serializers.BooleanField(read_only=True)
    # "" until the analyst (supervisor) has answered: the schema's enums must allow it.
    determination = serializers.ChoiceField(
        choices=Determination.choices(), allow_blank=True, read_only=True
    )
    supervisor_decision = serializers.ChoiceField(
        choices=SupervisorDecision.choices(), allow_blank=True, read_only=True
    )

    class Meta:
        model = Inquiry
        fields = [
            "id",
            "status",
            "channel",
            "agency",
            "ori",
            "purpose_code",
            "reason",
            "case_number",
            "attention",
            "phone",
            *SUBJECT_FIELDS,
            "in_custody",
            "offense_code",
            "claims_us_citizenship",
            "secondary_recipient",
            "hit_confirmation",
            "ncic_number",
            "confirmation_due",
            "confirmation_overdue",
            "search_note",
            "citizenship_stop",
            "stop_reasons",
            "details_missing",
            "details_source",
            "determination",
            "supervisor_decision",
            "created_at",
            "age_seconds",
            "candidates",
        ]
        read_only_fields = fields

    def get_age_seconds(self, obj: Inquiry) -> int:
        return int((timezone.now() - obj.created_at).total_seconds())

    def get_candidates(self, obj: Inquiry) -> list[dict[str, Any]] | None:
        user = self.context["request"].user
        if not (user.can("inquiries.answer_inquiry") or user.can("inquiries.decide_inquiry")):
            return None
        prefetched = "candidates" in getattr(obj, "_prefetched_objects_cache", {})
        rows = obj.candidates.all() if prefetched else obj.candidates.select_related("record")
        return CandidateSerializer(rows, many=True).data  # type: ignore[return-value]


class DeterminationSerializer(serializers.Serializer):
    determination = serializers.ChoiceField(choices=Determination.choices())
    evidence = serializers.ListField(
        child=serializers.ChoiceField(choices=Evidence.choices()),
        max_length=len(Evidence.values()),
    )
    notes = serializers.CharField(max_length=limits.LONG_TEXT)
    candidate = serializers.IntegerField(required=False, allow_null=True)


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=SupervisorDecision.choices())
    notes = serializers.CharField(max_length=limits.LONG_TEXT)


class MisuseRuleSerializer(serializers.ModelSerializer):
    kind_label = serializers.SerializerMethodField()

    class Meta:
        model = MisuseRule
        fields = [
            "id",
            "kind",
            "kind_label",
            "threshold",
            "window_minutes",
            "lookback_days",
            "quiet_percent",
            "min_history",
            "parameters",
            "active",
            "created_by_name",
            "created_at",
        ]
        read_only_fields = fields

    def get_kind_label(self, obj: MisuseRule) -> str:
        return MisuseRuleKind.label(obj.kind)


class MisuseFlagSerializer(serializers.ModelSerializer):
    rule = MisuseRuleSerializer(read_only=True)
    # None on a flag about reads of person records outside an inquiry (evidence names the user).
    agency = serializers.IntegerField(source="inquiry.agency_id", read_only=True, default=None)
    submitted_by = serializers.CharField(
        source="inquiry.submitted_by.username", read_only=True, default=None
    )
    closed_by = serializers.CharField(source="closed_by.username", read_only=True, default=None)

    class Meta:
        model = MisuseFlag
        fields = [
            "id",
            "rule",
            "inquiry",
            "agency",
            "submitted_by",
            "evidence",
            "status",
            "finding",
            "finding_notes",
            "closed_by",
            "closed_at",
            "created_at",
        ]
        read_only_fields = fields


class FindingSerializer(serializers.Serializer):
    finding = serializers.ChoiceField(choices=Finding.choices())
    notes = serializers.CharField(max_length=limits.LONG_TEXT)
