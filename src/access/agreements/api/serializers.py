from __future__ import annotations

from rest_framework import serializers

from access.agreements.models import Agreement, AgreementSignature, AgreementVersion


class VersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgreementVersion
        fields = ["number", "author_name", "note", "created_at"]


class SignatureSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgreementSignature
        fields = ["party", "name", "title", "signed_on", "version_number"]


class AgreementSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    partnership_type: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    versions = VersionSerializer(many=True, read_only=True)
    signatures = SignatureSerializer(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "agency",
            "agency_name",
            "partnership_type",
            "status",
            "access_request",
            "supervising_office",
            "officer_limit",
            "drafted_on",
            "effective_on",
            "expires_on",
            "signed_on",
            "published_entry",
            "published_signed",
            "needs_review",
            "review_reason",
            "versions",
            "signatures",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
