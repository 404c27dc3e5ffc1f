from __future__ import annotations

from typing import Any

from rest_framework import serializers

from access.agreements.models import Agreement
from access.core import limits
from access.officers import authority
from access.officers.models import Authorization, ExamAttempt, Officer


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
