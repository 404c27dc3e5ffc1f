"""Serializers of the CAP API's facilities, queue and interviews."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from access.cap.actions import queue as actions
from access.cap.actions.facilities import CHOICE_FIELDS
from access.cap.choices import InterviewMode, InterviewOutcome
from access.cap.models import Booking, CapFacility, Interview, ScreeningCandidate
from access.enforcement.choices import CheckedField
from access.inquiries.citizenship import SupervisorDecision


class CapFacilitySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="facility.name", read_only=True)
    agency = serializers.IntegerField(source="facility.agency_id", read_only=True)
    agency_name = serializers.CharField(source="facility.agency.name", read_only=True)
    time_zone = serializers.CharField(source="facility.time_zone", read_only=True)
    team_name = serializers.CharField(source="team.name", read_only=True, default=None)
    remote_modes = serializers.ListField(child=serializers.CharField(), read_only=True)
    last_roster_at = serializers.DateTimeField(read_only=True, default=None)

    class Meta:
        model = CapFacility
        fields = [
            "id",
            "facility",
            "name",
            "agency",
            "agency_name",
            "time_zone",
            "team",
            "team_name",
            "access_hours",
            "remote_interviews",
            "remote_modes",
            "roster_delivery",
            "roster_frequency",
            "column_mapping",
            "date_format",
            "contacts",
            "last_roster_at",
        ]
        read_only_fields = fields


class CapFacilityChangeSerializer(serializers.Serializer):
    """`PATCH`: any of the settings a CAP officer keeps for a facility."""

    access_hours = serializers.CharField(max_length=200, required=False, allow_blank=True)
    remote_interviews = serializers.ChoiceField(
        choices=CHOICE_FIELDS["remote_interviews"].choices(), required=False
    )
    roster_delivery = serializers.ChoiceField(
        choices=CHOICE_FIELDS["roster_delivery"].choices(), required=False
    )
    roster_frequency = serializers.ChoiceField(
        choices=CHOICE_FIELDS["roster_frequency"].choices(), required=False
    )
    contacts = serializers.CharField(max_length=10_000, required=False, allow_blank=True)


class CapCandidateListSerializer(serializers.ModelSerializer):
    """A queue row: ids, dates and scores, no person data (the detail view is logged)."""

    booking_number = serializers.CharField(source="booking.booking_number", read_only=True)
    facility = serializers.IntegerField(source="booking.facility_id", read_only=True)
    release_date = serializers.DateTimeField(source="booking.release_date", read_only=True)
    priority_level = serializers.IntegerField(source="booking.priority_level", read_only=True)

    class Meta:
        model = ScreeningCandidate
        fields = [
            "id",
            "booking",
            "booking_number",
            "facility",
            "roster",
            "release_date",
            "priority_level",
            "rank",
            "band",
            "probability",
            "status",
        ]
        read_only_fields = fields


class CapBookingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Booking
        fields = [
            "id",
            "facility",
            "booking_number",
            "given_name",
            "middle_name",
            "family_name",
            "date_of_birth",
            "sex",
            "place_of_birth",
            "identifiers",
            "booked_at",
            "release_date",
            "released_at",
            "status",
            "priority_level",
        ]
        read_only_fields = fields


class CapInterviewSerializer(serializers.ModelSerializer):
    officer: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = Interview
        fields = [
            "id",
            "candidate",
            "mode",
            "interpreter_language",
            "scheduled_for",
            "held_at",
            "officer",
            "status",
            "outcome",
            "notes",
        ]
        read_only_fields = fields


class CapCandidateSerializer(CapCandidateListSerializer):
    """A candidate beside its booking, with the record, the explanation and the review."""

    booking_detail = CapBookingSerializer(source="booking", read_only=True)
    record = serializers.SerializerMethodField()
    date_of_birth_agrees = serializers.SerializerMethodField()
    identifier_agrees = serializers.SerializerMethodField()
    name_only = serializers.SerializerMethodField()
    citizenship_indicator = serializers.SerializerMethodField()
    reviewed_by: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    decided_by: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    interviews = CapInterviewSerializer(many=True, read_only=True)

    class Meta(CapCandidateListSerializer.Meta):
        fields = [
            *CapCandidateListSerializer.Meta.fields,
            "booking_detail",
            "record",
            "explanation",
            "date_of_birth_agrees",
            "identifier_agrees",
            "name_only",
            "citizenship_indicator",
            "fields_checked",
            "reviewed_by",
            "reviewed_at",
            "reason",
            "stop_reasons",
            "supervisor_decision",
            "supervisor_notes",
            "decided_by",
            "decided_at",
            "interviews",
            "encounter",
        ]
        read_only_fields = fields

    def get_record(self, candidate: ScreeningCandidate) -> dict[str, Any]:
        record = candidate.record
        return {
            "record_id": record.record_id,
            "given_name": record.given_name,
            "middle_name": record.middle_name,
            "family_names": record.family_names,
            "aliases": record.aliases,
            "sex": record.sex,
            "country_of_birth": record.country_of_birth,
            "citizenship": record.citizenship,
            "dates_of_birth": [b.recorded for b in record.birth_dates.all()],
            "identifiers": [
                {"kind": i.kind, "value": i.normalized} for i in record.identifiers.all()
            ],
        }

    def get_date_of_birth_agrees(self, candidate: ScreeningCandidate) -> bool:
        return actions.agreement(candidate)[0]

    def get_identifier_agrees(self, candidate: ScreeningCandidate) -> bool:
        return actions.agreement(candidate)[1]

    def get_name_only(self, candidate: ScreeningCandidate) -> bool:
        return actions.name_only(candidate)

    def get_citizenship_indicator(self, candidate: ScreeningCandidate) -> str:
        return actions.citizenship_indicator(candidate)


class CapVerifySerializer(serializers.Serializer):
    fields_checked = serializers.ListField(
        child=serializers.ChoiceField(choices=CheckedField.choices()), max_length=10
    )
    notes = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class CapRejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class CapDecideSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=SupervisorDecision.choices())
    reason = serializers.CharField(max_length=2000)


class CapInterviewCreateSerializer(serializers.Serializer):
    candidate = serializers.IntegerField()
    mode = serializers.ChoiceField(choices=InterviewMode.choices())
    scheduled_for = serializers.DateTimeField()
    interpreter_language = serializers.CharField(
        max_length=60, required=False, default="", allow_blank=True
    )


class CapOutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=InterviewOutcome.choices())
    held_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    notes = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)
