from __future__ import annotations

from typing import Any

from rest_framework import serializers

from access.enforcement.choices import (
    OFFICER_STEPS,
    STEP_DOCUMENTS,
    CheckedField,
    Document,
    Function,
    Origin,
    Severity,
    StepKind,
)
from access.enforcement.models import (
    Charge,
    Encounter,
    EncounterCandidate,
    EncounterStep,
    Verification,
)
from access.inquiries.citizenship import SupervisorDecision


class ChargeSerializer(serializers.ModelSerializer):
    offense_category = serializers.CharField(source="offense_category.name", read_only=True)

    class Meta:
        model = Charge
        fields = [
            "position",
            "offense_code",
            "offense_category",
            "description",
            "severity",
            "priority_level",
        ]


class CandidateSerializer(serializers.ModelSerializer):
    record_id = serializers.CharField(source="record.record_id", read_only=True)
    name_only = serializers.BooleanField(read_only=True)

    class Meta:
        model = EncounterCandidate
        fields = [
            "id",
            "rank",
            "record_id",
            "band",
            "probability",
            "match_weight",
            "explanation",
            "citizenship_indicator",
            "date_of_birth_agrees",
            "identifier_agrees",
            "name_only",
        ]


class VerificationSerializer(serializers.ModelSerializer):
    verified_by: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = Verification
        fields = ["role", "candidate", "verified_by", "fields_checked", "created_at"]


class StepSerializer(serializers.ModelSerializer):
    recorded_by: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = EncounterStep
        fields = ["kind", "document", "occurred_on", "reference", "recorded_by", "created_at"]


class EncounterSerializer(serializers.ModelSerializer):
    """An encounter; its candidates only for the roles that verify or decide."""

    agency_name = serializers.CharField(source="agency.name", read_only=True)
    model = serializers.CharField(source="partnership_type.code", read_only=True)
    officer_badge = serializers.CharField(source="officer.badge_number", read_only=True)
    facility_name = serializers.CharField(source="facility.name", read_only=True, default="")
    identified_record = serializers.CharField(
        source="identified_record.record_id", read_only=True, default=None
    )
    charges = ChargeSerializer(many=True, read_only=True)
    verifications = VerificationSerializer(many=True, read_only=True)
    steps = StepSerializer(many=True, read_only=True)
    candidates = serializers.SerializerMethodField()

    class Meta:
        model = Encounter
        fields = [
            "id",
            "agency",
            "agency_name",
            "model",
            "officer",
            "officer_badge",
            "function",
            "facility",
            "facility_name",
            "location",
            "occurred_at",
            "origin",
            "status",
            "family_name",
            "given_name",
            "middle_name",
            "other_names",
            "dates_of_birth",
            "sex",
            "place_of_birth",
            "a_number",
            "fbi_number",
            "state_id",
            "operator_license",
            "claimed_country",
            "claims_us_citizenship",
            "severity",
            "priority_level",
            "charges",
            "searched_at",
            "search_note",
            "identified_record",
            "identified_at",
            "citizenship_stop",
            "stop_reasons",
            "supervisor_decision",
            "verifications",
            "steps",
            "candidates",
        ]

    def get_candidates(self, encounter: Encounter) -> list[dict[str, Any]] | None:
        if not self.context.get("show_candidates"):
            return None
        rows = encounter.candidates.select_related("record")
        return CandidateSerializer(rows, many=True).data  # type: ignore[return-value]


class ChargeInputSerializer(serializers.Serializer):
    offense_code = serializers.CharField(max_length=4)
    severity = serializers.ChoiceField(choices=Severity.choices())
    description = serializers.CharField(max_length=200, required=False, default="")


class EncounterInputSerializer(serializers.Serializer):
    """What the officer records (the signed-in user's own officer record acts)."""

    function = serializers.ChoiceField(choices=Function.choices())
    occurred_at = serializers.DateTimeField()
    origin = serializers.ChoiceField(choices=Origin.choices())
    facility = serializers.IntegerField(required=False, allow_null=True, default=None)
    location = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    family_name = serializers.CharField(max_length=100)
    given_name = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)
    middle_name = serializers.CharField(
        max_length=100, required=False, default="", allow_blank=True
    )
    other_names = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, default=list, max_length=10
    )
    dates_of_birth = serializers.ListField(
        child=serializers.CharField(max_length=10), required=False, default=list, max_length=5
    )
    sex = serializers.CharField(max_length=1, required=False, default="", allow_blank=True)
    place_of_birth = serializers.CharField(
        max_length=2, required=False, default="", allow_blank=True
    )
    a_number = serializers.CharField(max_length=14, required=False, default="", allow_blank=True)
    fbi_number = serializers.CharField(max_length=9, required=False, default="", allow_blank=True)
    state_id = serializers.CharField(max_length=10, required=False, default="", allow_blank=True)
    operator_license = serializers.CharField(
        max_length=20, required=False, default="", allow_blank=True
    )
    claimed_country = serializers.CharField(
        max_length=2, required=False, default="", allow_blank=True
    )
    claims_us_citizenship = serializers.BooleanField(required=False, default=False)
    notes = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)
    charges = serializers.ListField(child=ChargeInputSerializer(), max_length=10)


class VerifySerializer(serializers.Serializer):
    candidate = serializers.IntegerField()
    fields_checked = serializers.ListField(
        child=serializers.ChoiceField(choices=CheckedField.choices()), max_length=10
    )
    notes = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class ConfirmSerializer(serializers.Serializer):
    fields_checked = serializers.ListField(
        child=serializers.ChoiceField(choices=CheckedField.choices()), max_length=10
    )
    notes = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class NotIdentifiedSerializer(serializers.Serializer):
    notes = serializers.CharField(max_length=2000, help_text="Why no candidate is the subject.")


class ReportCitizenshipSerializer(serializers.Serializer):
    claimed = serializers.BooleanField(
        help_text="true: the subject claims U.S. citizenship; false: evidence of it came to light."
    )
    notes = serializers.CharField(max_length=2000, help_text="The claim or the evidence.")


class DecideSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=SupervisorDecision.choices())
    notes = serializers.CharField(max_length=2000, help_text="The reasons for the decision.")


_STEP_FORMS = sorted({d for kind in OFFICER_STEPS for d in STEP_DOCUMENTS[kind]})


class StepInputSerializer(serializers.Serializer):
    """A charging document, a referral to ICE or a warrant service (the officers' steps)."""

    kind = serializers.ChoiceField(
        choices=[(k, StepKind.label(k)) for k in OFFICER_STEPS],
    )
    occurred_on = serializers.DateField()
    document = serializers.ChoiceField(
        choices=[(d, Document.label(d) or "None") for d in _STEP_FORMS],
        required=False,
        default="",
        allow_blank=True,
    )
    reference = serializers.CharField(max_length=50, required=False, default="", allow_blank=True)
    notes = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class RemovalInputSerializer(serializers.Serializer):
    """The subject's removal, recorded by ICE."""

    occurred_on = serializers.DateField()
    document = serializers.ChoiceField(
        choices=[(Document.I_205, Document.label(Document.I_205))],
        required=False,
        default="",
        allow_blank=True,
    )
    reference = serializers.CharField(max_length=50, required=False, default="", allow_blank=True)
    notes = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)
