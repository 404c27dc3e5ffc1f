from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework import serializers

from access.accounts.models import User
from access.agreements.models import Agreement
from access.core import limits
from access.officers import authority
from access.officers.actions import STEPS
from access.officers.choices import CheckOutcome
from access.officers.forms import supervisors
from access.officers.models import (
    Authorization,
    Course,
    DisciplinaryReport,
    ExamAttempt,
    Officer,
)


class ExamSerializer(serializers.ModelSerializer):
    course: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = ExamAttempt
        fields = ["course", "attempt", "taken_on", "location", "score", "passed"]


class AuthorizationSerializer(serializers.ModelSerializer):
    supervisor: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = Authorization
        fields = ["id", "functions", "valid_from", "valid_until", "supervisor", "ended_at"]


class OfficerListSerializer(serializers.ListSerializer):
    """A page of officers: the authority of all of them is checked at once (a fixed number of
    queries for the page, not several per officer and function)."""

    allowed_now: dict[int, list[str]]

    def to_representation(self, data: Any) -> list[Any]:
        officers = list(data.all() if hasattr(data, "all") else data)
        self.allowed_now = authority.functions_allowed_for(officers)
        return super().to_representation(officers)


class OfficerSerializer(serializers.ModelSerializer):
    """An officer as the API shows it: the ICE background check's outcome and reason only."""

    agency_name = serializers.CharField(source="agency.name", read_only=True)
    model = serializers.CharField(source="agreement.partnership_type.code", read_only=True)
    supervisor: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    background_check = serializers.SerializerMethodField()
    exams = ExamSerializer(many=True, read_only=True)
    authorizations = AuthorizationSerializer(many=True, read_only=True)
    functions_allowed_now = serializers.SerializerMethodField()

    class Meta:
        model = Officer
        list_serializer_class = OfficerListSerializer
        fields = [
            "id",
            "agency",
            "agency_name",
            "agreement",
            "model",
            "status",
            "first_name",
            "last_name",
            "badge_number",
            "position",
            "hired_on",
            "citizenship_attested",
            "nominated_on",
            "supervisor",
            "background_check",
            "exams",
            "authorizations",
            "functions_allowed_now",
            "created_at",
            "updated_at",
        ]

    def get_background_check(self, officer: Officer) -> dict[str, Any] | None:
        check = getattr(officer, "background_check", None)
        if check is None:
            return None
        return {"outcome": check.outcome, "reason": check.reason, "checked_on": check.checked_on}

    def get_functions_allowed_now(self, officer: Officer) -> list[str]:
        page: dict[int, list[str]] = getattr(self.parent, "allowed_now", {})
        if officer.pk in page:
            return page[officer.pk]
        return authority.functions_allowed(officer)


class NominationSerializer(serializers.Serializer):
    # Narrowed per request to the agreements the caller may nominate under.
    agreement = serializers.PrimaryKeyRelatedField(queryset=Agreement.objects.none())
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(max_length=100)
    badge_number = serializers.CharField(max_length=40)
    position = serializers.CharField(max_length=120)
    hired_on = serializers.DateField()
    citizenship_attested = serializers.BooleanField(default=False)
    agency_check_on = serializers.DateField()
    agency_check_result = serializers.ChoiceField(choices=["passed", "failed"])
    disciplinary_history = serializers.CharField(
        allow_blank=True, default="", max_length=limits.LONG_TEXT
    )
    excessive_force_allegations = serializers.BooleanField(default=False)
    discrimination_allegations = serializers.BooleanField(default=False)
    reason = serializers.CharField(max_length=1000)


class DecisionSerializer(serializers.Serializer):
    officer = serializers.CharField(max_length=200)
    agency_id = serializers.IntegerField()
    function = serializers.CharField(max_length=100)
    on = serializers.DateTimeField()
    allowed = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())


# Requests of the steps after nomination (each the same fields as its page) ------------------


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=1000)


class BackgroundCheckRequestSerializer(ReasonSerializer):
    outcome = serializers.ChoiceField(choices=CheckOutcome.values())
    fingerprints_submitted_on = serializers.DateField()
    # Checked by the action (the model's choices): a ChoiceField here would repeat the
    # nomination's passed/failed enum under a second name in the schema.
    fingerprint_result = serializers.CharField(max_length=10, help_text="passed or failed")
    personal_history = serializers.CharField(max_length=limits.LONG_TEXT)
    disciplinary_review = serializers.CharField(max_length=limits.LONG_TEXT)


class ExamRequestSerializer(ReasonSerializer):
    course = serializers.SlugRelatedField(slug_field="code", queryset=Course.objects.all())
    taken_on = serializers.DateField()
    location = serializers.CharField(max_length=200)
    score = serializers.IntegerField(min_value=-1_000_000, max_value=1_000_000)


class SupervisorRequestSerializer(ReasonSerializer):
    # Narrowed to active ICE supervisors; the action checks again.
    supervisor = serializers.SlugRelatedField(slug_field="username", queryset=User.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["supervisor"]
        field.queryset = supervisors()


class AuthorizeRequestSerializer(SupervisorRequestSerializer):
    functions = serializers.ListField(
        child=serializers.CharField(max_length=40), min_length=1, max_length=20
    )


class StepRequestSerializer(ReasonSerializer):
    step = serializers.ChoiceField(choices=list(STEPS))


class DisciplinaryRequestSerializer(serializers.Serializer):
    occurred_on = serializers.DateField()
    description = serializers.CharField(max_length=limits.LONG_TEXT)
    excessive_force = serializers.BooleanField(default=False)
    discrimination = serializers.BooleanField(default=False)


class DisciplinaryReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = DisciplinaryReport
        fields = [
            "id",
            "officer",
            "occurred_on",
            "description",
            "excessive_force",
            "discrimination",
            "acknowledged_at",
            "review_note",
        ]
        read_only_fields = fields


class AuthorizationDetailSerializer(serializers.ModelSerializer):
    """An authorization letter as `/api/authorizations/` lists it."""

    supervisor: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    issued_by: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    agency = serializers.IntegerField(source="officer.agency_id", read_only=True)
    in_force_today = serializers.SerializerMethodField()

    class Meta:
        model = Authorization
        fields = [
            "id",
            "officer",
            "agency",
            "functions",
            "valid_from",
            "valid_until",
            "supervisor",
            "issued_by",
            "ended_at",
            "end_reason",
            "in_force_today",
            "created_at",
        ]

    def get_in_force_today(self, letter: Authorization) -> bool:
        today = timezone.localdate()
        return letter.ended_at is None and letter.valid_from <= today <= letter.valid_until
