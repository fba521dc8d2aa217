from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from lms.api_errors import ErrorSerializer

from . import actions
from .models import LOCAL_KINDS, Unit
from .ordering import in_vietnamese_order
from .scope import units_in_scope


class UnitSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    has_children = serializers.SerializerMethodField()

    class Meta:
        model = Unit
        fields = ["code", "name", "kind", "parent", "has_children"]

    def get_has_children(self, unit) -> bool:
        # Provinces always have communes; communes may have villages.
        return unit.kind not in LOCAL_KINDS


class LocalUnitCreateSerializer(serializers.Serializer):
    parent = serializers.CharField(max_length=32)
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=[k.value for k in LOCAL_KINDS])


class UnitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Administrative units. Listing children is public (address pickers in
    forms); a unit's detail and writes are for the managers whose scope has it."""

    serializer_class = UnitSerializer
    lookup_field = "code"
    pagination_class = None

    def get_permissions(self):
        if self.action == "list":
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    def get_queryset(self):
        if self.action == "list":
            return Unit.objects.select_related("parent")
        return units_in_scope(self.request.user).select_related("parent")

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "parent",
                OpenApiTypes.STR,
                description="Code of the parent unit; omit for the provinces.",
            )
        ],
        responses={
            200: UnitSerializer(many=True),
            404: OpenApiResponse(ErrorSerializer, description="No unit has this code."),
        },
    )
    def list(self, request, *args, **kwargs):
        parent_code = request.query_params.get("parent", "").strip()[:32]
        queryset = self.get_queryset()
        if parent_code:
            parent = get_object_or_404(Unit, code=parent_code)
            queryset = queryset.filter(parent=parent)
        else:
            queryset = queryset.filter(parent__isnull=True)
        serializer = self.get_serializer(in_vietnamese_order(queryset), many=True)
        return Response(serializer.data)

    @extend_schema(
        request=LocalUnitCreateSerializer,
        responses={
            201: UnitSerializer,
            404: OpenApiResponse(ErrorSerializer, description="The parent is not in your scope."),
        },
    )
    @action(detail=False, methods=["post"], url_path="local")
    def create_local(self, request):
        """Add a village or residential group under a commune/ward in your scope."""
        payload = LocalUnitCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        if not request.user.has_perm("units.add_unit"):
            self.permission_denied(request)
        parent = get_object_or_404(units_in_scope(request.user), code=payload.data["parent"])
        try:
            unit = actions.do_create_local_unit(
                parent=parent,
                name=payload.data["name"],
                kind=payload.data["kind"],
                acting_user=request.user,
            )
        except actions.UnitError as exc:
            raise serializers.ValidationError({"name": [str(exc)]}) from exc
        return Response(UnitSerializer(unit).data, status=201)
