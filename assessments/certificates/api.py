"""GET /api/v1/certificates/<code>/: the public record as JSON, for anyone;
failed lookups are rate-limited per IP together with the verification page."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle

from . import codes
from .access import find_for_verification, public_record
from .ratelimit import count_failed_lookup, verification_allowed


class VerificationThrottle(BaseThrottle):
    """The same per-IP counter of failed lookups as the HTML page
    (CERTIFICATE_VERIFY_LIMIT per CERTIFICATE_VERIFY_WINDOW_SECONDS)."""

    def allow_request(self, request, view):
        allowed, self._wait = verification_allowed(request)
        return allowed

    def wait(self):
        return getattr(self, "_wait", None)


class AreaMinimumSerializer(serializers.Serializer):
    area = serializers.CharField()
    percent = serializers.CharField()


class IssuingCriteriaSerializer(serializers.Serializer):
    """The rule the certificate was issued under, frozen then."""

    framework_version = serializers.CharField()
    pass_mark_percent = serializers.CharField(help_text='Digits, e.g. "70".')
    area_minimum_percent = serializers.CharField(
        allow_null=True, help_text="The one minimum every area had; null when they differ."
    )
    area_minimums = AreaMinimumSerializer(many=True)
    thresholds_source = serializers.ChoiceField(choices=["platform_default", "quiz"])
    extra_rules = serializers.ListField(child=serializers.CharField())
    quiz = serializers.CharField(help_text="Title of the quiz that qualified.")


class CertificateRecordSerializer(serializers.Serializer):
    code = serializers.CharField()
    status = serializers.ChoiceField(
        choices=["valid", "revoked", "altered"],
        help_text='"altered": the stored record no longer matches its content hash; '
        "do not rely on it.",
    )
    record_intact = serializers.BooleanField(
        help_text="Whether the stored record still matches the hash taken when it was issued."
    )
    full_name = serializers.CharField(help_text="Masked when the issuing unit chose so.")
    audience = serializers.CharField()
    framework = serializers.CharField()
    issued_at = serializers.DateTimeField()
    issuer = serializers.CharField()
    revoked_at = serializers.DateTimeField(allow_null=True)
    revoked_reason = serializers.CharField(allow_blank=True)
    verify_url = serializers.URLField()
    criteria = IssuingCriteriaSerializer(
        allow_null=True, help_text="Null for certificates issued before criteria were recorded."
    )


class CertificateViewSet(viewsets.ViewSet):
    """Verify a certificate by its code. A code with a wrong check character is
    a 400 before any database query; an unknown code is a 404."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    throttle_classes = [VerificationThrottle]
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    @extend_schema(responses=CertificateRecordSerializer)
    def retrieve(self, request, code=None):
        normalized = codes.normalize(code or "")
        if not codes.is_well_formed(normalized):
            count_failed_lookup(request)
            return Response(
                {"detail": _("This is not a valid verification code: check each character again.")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        certificate = find_for_verification(normalized)
        if certificate is None:
            count_failed_lookup(request)
            return Response(
                {"detail": _("No certificate has this code.")}, status=status.HTTP_404_NOT_FOUND
            )
        return Response(CertificateRecordSerializer(public_record(certificate)).data)
