"""Staff endpoints: question bank CRUD, import, quiz results."""

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from assessments.access import submitted_attempts
from assessments.actions import (
    QuestionData,
    category_for_path,
    do_create_question,
    do_update_question,
    import_questions,
)
from assessments.actions.review import do_approve_question, do_retire_question, do_return_question
from assessments.actions.statistics import question_statistics
from assessments.filters import QuestionFilter
from assessments.models import Competency, FrameworkVersion, Question, Quiz
from assessments.scoring import question_from_dict
from lms.audiences import Audience
from lms.errors import ActionError

from .errors import error_response
from .serializers import (
    AttemptResultSerializer,
    ImportSerializer,
    QuestionSerializer,
    ReturnSerializer,
)


class ModelPermissionsWithView(permissions.DjangoModelPermissions):
    """Django model permissions, including view_* for reading."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }


class QuestionViewSet(viewsets.ModelViewSet):
    serializer_class = QuestionSerializer
    permission_classes = [ModelPermissionsWithView]
    filterset_class = QuestionFilter
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return (
            Question.objects.select_related("category", "current_version")
            .prefetch_related("competencies", "tags")
            .order_by("pk")
        )

    def _data(self, validated, instance=None) -> QuestionData:
        version_data = validated.get("current_version", {})
        current = instance.current_version if instance else None
        spec_dict = version_data.get("spec", current.spec if current else None)
        stem = version_data.get("stem", current.stem if current else "")
        if not spec_dict or not stem:
            raise serializers.ValidationError({"spec": _("A question needs a text and a spec.")})
        try:
            spec = question_from_dict({**spec_dict, "id": ""})
        except (ValueError, TypeError, KeyError, AttributeError) as problem:
            # A spec of the wrong shape anywhere inside is the client's error, not a 500.
            raise serializers.ValidationError({"spec": str(problem)}) from None
        framework = FrameworkVersion.objects.current()
        if "competency_codes" in validated:
            codes = validated["competency_codes"]
            competencies = list(Competency.objects.filter(framework=framework, code__in=codes))
            unknown = set(codes) - {c.code for c in competencies}
            if unknown:
                raise serializers.ValidationError(
                    {"competency_codes": _("Unknown competencies: %s") % ", ".join(sorted(unknown))}
                )
        else:
            competencies = list(instance.competencies.all()) if instance else []
        audiences = validated.get("audiences", instance.audiences if instance else [])
        if set(audiences) - set(Audience.values):
            raise serializers.ValidationError({"audiences": _("Unknown audience.")})
        category_path = validated.get("category", {}).get("path")
        category = category_for_path(category_path) if category_path else instance.category
        return QuestionData(
            name=validated.get("name", instance.name if instance else ""),
            stem=stem,
            stem_format="html",
            spec=spec,
            category=category,
            idnumber=validated.get("idnumber", instance.idnumber if instance else "") or "",
            status=validated.get("status", instance.status if instance else "draft"),
            usage=validated.get("usage", instance.usage if instance else "certification"),
            difficulty=validated.get("difficulty", instance.difficulty if instance else 2),
            default_points=validated.get(
                "default_points", instance.default_points if instance else 1
            ),
            audiences=audiences,
            competencies=competencies,
            tags=validated.get("tags", list(instance.tags.names()) if instance else []),
        )

    def perform_create(self, serializer):
        with transaction.atomic():
            question = do_create_question(self._data(serializer.validated_data), self.request.user)
        serializer.instance = question

    def perform_update(self, serializer):
        instance = serializer.instance
        data = self._data(serializer.validated_data, instance)
        serializer.instance = do_update_question(instance, data, self.request.user)

    def perform_destroy(self, instance):
        from django.db.models import ProtectedError
        from rest_framework.exceptions import ValidationError

        try:
            instance.delete()
        except ProtectedError:
            raise ValidationError(
                _("This question was used in attempts; unpublish it instead of deleting it.")
            ) from None

    @extend_schema(request=ImportSerializer, responses={200: None})
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser],
    )
    def import_file(self, request):
        """Import a GIFT, Aiken, Moodle XML or Excel file (all or nothing unless skip_invalid)."""
        if not request.user.has_perm("assessments.add_question"):
            self.permission_denied(request)
        serializer = ImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        report = import_questions(
            data["format"],
            data["file"].read(),
            category=data["category"],
            dry_run=data["dry_run"],
            skip_invalid=data["skip_invalid"],
            publish=data["publish"],
            usage=data["usage"],
            user=request.user,
        )
        body = {
            "imported": report.imported,
            "updated": report.updated,
            "dry_run": report.dry_run,
            "errors": [
                {"line": e.line, "code": e.code, "detail": line}
                for e, line in zip(report.errors, report.error_lines(), strict=True)
            ],
        }
        status = 400 if report.errors and not data["skip_invalid"] else 200
        return Response(body, status=status)

    def _review(self, request, pk, do):
        try:
            question = do()
        except ActionError as error:  # AssessmentError, NotFound, PermissionDenied
            return error_response(error)
        question = self.get_queryset().get(pk=question.pk)
        return Response(QuestionSerializer(question).data)

    @extend_schema(request=None, responses={200: QuestionSerializer})
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def approve(self, request, pk=None):
        """Approve the current version into the certification pool (reviewers; not the author)."""
        return self._review(request, pk, lambda: do_approve_question(request.user, pk))

    @extend_schema(request=ReturnSerializer, responses={200: QuestionSerializer})
    @action(
        detail=True,
        methods=["post"],
        url_path="return",
        permission_classes=[permissions.IsAuthenticated],
    )
    def send_back(self, request, pk=None):
        """Send the current version back to its author with a comment (reviewers)."""
        serializer = ReturnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        comment = serializer.validated_data["comment"]
        return self._review(request, pk, lambda: do_return_question(request.user, pk, comment))

    @extend_schema(request=None, responses={200: QuestionSerializer})
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def retire(self, request, pk=None):
        """Retire the question: no quiz draws it again; past attempts keep it."""
        return self._review(request, pk, lambda: do_retire_question(request.user, pk))


class CanViewResults(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.user.has_perm("assessments.view_attempt")


class QuizResultsViewSet(viewsets.GenericViewSet):
    """Results of a quiz for staff: attempts and per-question statistics."""

    permission_classes = [permissions.IsAuthenticated, CanViewResults]
    lookup_field = "slug"
    serializer_class = AttemptResultSerializer

    def get_queryset(self):
        return Quiz.objects.all()

    @extend_schema(responses={200: None})
    def retrieve(self, request, slug=None):
        quiz = self.get_object()
        # Only the learners this viewer may see (assessments.access), statistics included.
        attempts = submitted_attempts(request.user, quiz)
        rows = []
        for attempt in attempts.select_related("user").order_by("pk")[:1000]:
            row = AttemptResultSerializer(attempt).data
            row["user"] = attempt.user.username
            row["per_area"] = (attempt.result or {}).get("per_area", {})
            rows.append(row)
        return Response(
            {"quiz": quiz.slug, "attempts": rows, "questions": question_statistics(quiz, attempts)}
        )
