"""Staff endpoints: question bank CRUD, import, quiz results."""

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from assessments.actions import do_create_question, do_update_question, import_questions
from assessments.actions.bank import (
    InvalidQuestion,
    bank_questions,
    check_question_input,
    do_delete_question,
)
from assessments.actions.results import access_quiz_results, per_area, quiz_results
from assessments.actions.review import do_approve_question, do_retire_question, do_return_question
from assessments.filters import QuestionFilter
from assessments.models import Quiz

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
        return bank_questions()

    def _checked(self, validated, instance=None):
        """Bad input keeps DRF's field-error shape ({field: [message]})."""
        try:
            return check_question_input(validated, instance)
        except InvalidQuestion as error:
            field = error.params.get("field", "non_field_errors")
            raise serializers.ValidationError({field: [str(error.message)]}) from None

    def perform_create(self, serializer):
        data = self._checked(serializer.validated_data)
        serializer.instance = do_create_question(data, self.request.user)

    def perform_update(self, serializer):
        instance = serializer.instance
        data = self._checked(serializer.validated_data, instance)
        serializer.instance = do_update_question(instance, data, self.request.user)

    def perform_destroy(self, instance):
        do_delete_question(self.request.user, instance)

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
        # An action's refusal (an lms.errors.ActionError) is answered by the
        # API's exception handler (lms.api_errors).
        question = self.get_queryset().get(pk=do().pk)
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
        quiz = access_quiz_results(request.user, slug=slug)
        results = quiz_results(request.user, quiz, order_by=("pk",), limit=1000)
        rows = [
            {
                **AttemptResultSerializer(attempt).data,
                "user": attempt.user.username,
                "per_area": per_area(attempt),
            }
            for attempt in results.attempts
        ]
        return Response({"quiz": quiz.slug, "attempts": rows, "questions": results.statistics})
