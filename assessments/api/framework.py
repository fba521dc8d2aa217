from rest_framework import permissions, serializers, viewsets

from lms.framework.models import Competency, CompetencyArea, FrameworkVersion


class CompetencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Competency
        fields = ["code", "name", "name_en", "description"]


class CompetencyAreaSerializer(serializers.ModelSerializer):
    competencies = CompetencySerializer(many=True, read_only=True)

    class Meta:
        model = CompetencyArea
        fields = ["code", "audience", "appendix", "name", "name_en", "description", "competencies"]


class FrameworkSerializer(serializers.ModelSerializer):
    # Codes contain dots ("757-v1.0"): not the slug pattern the model field implies.
    code = serializers.CharField(read_only=True)
    areas = CompetencyAreaSerializer(many=True, read_only=True)

    class Meta:
        model = FrameworkVersion
        fields = [
            "code",
            "version",
            "name",
            "name_en",
            "decision",
            "issued_on",
            "is_current",
            "sources",
            "note",
            "pass_mark_percent",
            "area_minimum_percent",
            "areas",
        ]


class FrameworkViewSet(viewsets.ReadOnlyModelViewSet):
    """The skills framework versions with their areas and competencies (public data)."""

    serializer_class = FrameworkSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "code"
    lookup_value_regex = "[^/]+"  # framework codes contain dots ("757-v1.0")
    pagination_class = None

    def get_queryset(self):
        return FrameworkVersion.objects.prefetch_related("areas__competencies")
