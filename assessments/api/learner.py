"""Learner endpoints: quizzes, start, answer, submit, result."""

from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from assessments.actions import (
    access_attempt,
    finish_if_expired,
    save_answer,
    start_or_resume_attempt,
    submit_own_attempt,
)
from assessments.actions.errors import AttemptClosed, SlotNotInAttempt
from assessments.actions.quiz_access import access_quiz_for_learner, quizzes_for_learner
from assessments.frozen_versions import frozen_versions
from assessments.models import Attempt, AttemptSlot, QuestionVersion, Quiz
from assessments.option_tokens import slot_codec
from assessments.presentation import open_question, review
from assessments.responses import public_response
from assessments.views.learner import review_options
from lms.api_errors import ErrorSerializer
from lms.errors import ActionError

from .errors import error_response
from .payloads import attempt_data, attempt_result_data, open_question_data
from .serializers import (
    AnswerSerializer,
    AttemptResultSerializer,
    AttemptSerializer,
    AttemptStartSerializer,
    OpenQuestionSerializer,
    QuizSerializer,
)


def attempt_payload(attempt: Attempt) -> dict:
    """An open attempt with its questions (no keys), or a submitted one with its result."""
    if attempt.is_open:
        slots = list(attempt.slots.select_related("question_version").order_by("position"))
        data = attempt_data(attempt)
        data["questions"] = [
            open_question_data(open_question(slot, total=len(slots))) for slot in slots
        ]
        return data
    return result_payload(attempt)


def start_payload(attempt: Attempt) -> dict:
    """What a phone needs first: the attempt, how many questions, which are
    answered, and the first unanswered question (the rest one by one from
    ``questions/<position>/``, or all at once from the attempt)."""
    if not attempt.is_open:
        return result_payload(attempt)
    new = attempt.new_slot_rows()
    if new:
        # Just started: the slots' rows are in memory, none answered; only the
        # first question's version is needed.
        (slot_id, position, version_id, option_order), key = new[0]
        # Frozen versions are kept per process: no query once this one is read.
        version = frozen_versions([key])[key] if key else QuestionVersion.objects.get(pk=version_id)
        slot = AttemptSlot(
            pk=slot_id,
            attempt=attempt,
            position=position,
            question_version=version,
            option_order=option_order,
        )
        slot._state.adding, slot._state.db = False, attempt._state.db
        total, answered = len(new), []
    else:
        # The responses themselves, not "IS NULL": a JSON key lookup would read
        # ``response__isnull`` as a key, and "" or [] count as unanswered too.
        slots = [
            AttemptSlot(position=position, response=response)
            for position, response in attempt.slots.order_by("position").values_list(
                "position", "response"
            )
        ]
        first = next((slot.position for slot in slots if not slot.is_answered), 1)
        slot = attempt.slots.select_related("question_version").get(position=first)
        total, answered = len(slots), [each.position for each in slots if each.is_answered]
    data = attempt_data(attempt)
    data["total"] = total
    data["answered"] = answered
    data["questions"] = [open_question_data(open_question(slot, total=total))]
    return data


def _slots_in_order(attempt: Attempt):
    """The slots with their versions: those scoring has just read, or one query."""
    loaded = attempt.kept_slots()
    if loaded is not None:
        return sorted(loaded, key=lambda slot: slot.position)
    return attempt.slots.select_related("question_version").order_by("position")


def result_payload(attempt: Attempt) -> dict:
    options = review_options(attempt)
    data = attempt_result_data(attempt)
    result = attempt.graded_result
    if "score" in options and result is not None:
        stored = result.to_json()
        data["per_area"] = stored["per_area"]
        data["per_competency"] = stored["per_competency"]
        data["reasons"] = stored["reasons"]
    elif "score" in options:
        data.update(per_area={}, per_competency={}, reasons=[])
    else:
        for field in ("points", "max_points", "percent", "passed"):
            data[field] = None
    if options - {"score"}:
        slots = _slots_in_order(attempt)
        # The stems are SafeStrings, which JSON renders as the text itself.
        language = get_language()
        data["review"] = [review(slot, options, language) for slot in slots]
    return data


class QuizViewSet(viewsets.ReadOnlyModelViewSet):
    """Published quizzes the signed-in learner may take: their own audience's, and
    other audiences' quizzes opened for practice (which issue them no certificate)."""

    serializer_class = QuizSerializer
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "slug"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Quiz.objects.none()
        return quizzes_for_learner(self.request.user)

    def get_object(self):
        quiz, _access = access_quiz_for_learner(self.request.user, self.kwargs["slug"])
        self.check_object_permissions(self.request, quiz)
        return quiz

    @extend_schema(request=None, responses={201: AttemptStartSerializer})
    @action(detail=True, methods=["post"])
    def start(self, request, slug=None):
        """Start an attempt, or resume the open one (same attempt for concurrent calls).
        Returns the first unanswered question only; the others come from
        ``/attempts/<id>/questions/<position>/`` or ``/attempts/<id>/``."""
        quiz = self.get_object()
        try:
            attempt = start_or_resume_attempt(quiz, request.user)
        except ActionError as error:
            return error_response(error)
        return Response(start_payload(attempt), status=201)


class AttemptViewSet(viewsets.GenericViewSet):
    """The signed-in learner's own attempts; anyone else's are 404."""

    serializer_class = AttemptSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Attempt.objects.none()
        return Attempt.objects.filter(user=self.request.user).select_related("quiz__framework")

    def attempt(self, pk):
        try:
            attempt = access_attempt(self.request.user, pk)
        except ActionError:
            get_object_or_404(Attempt.objects.none())
        finish_if_expired(attempt)
        return attempt

    @extend_schema(responses={200: AttemptSerializer})
    def retrieve(self, request, pk=None):
        return Response(attempt_payload(self.attempt(pk)))

    @extend_schema(
        responses={
            200: OpenQuestionSerializer,
            409: OpenApiResponse(ErrorSerializer, description="The attempt is closed."),
        }
    )
    @action(detail=True, methods=["get"], url_path=r"questions/(?P<position>\d+)")
    def question(self, request, pk=None, position=None):
        """One question of the learner's open attempt (no key, no feedback)."""
        attempt = self.attempt(pk)
        if not attempt.is_open:
            return error_response(AttemptClosed())
        slot = (
            attempt.slots.select_related("question_version").filter(position=int(position)).first()
        )
        if slot is None:
            return error_response(SlotNotInAttempt())
        total = attempt.slots.count()
        return Response(open_question_data(open_question(slot, total=total)))

    @extend_schema(
        request=AnswerSerializer,
        responses={
            200: AnswerSerializer,
            409: OpenApiResponse(ErrorSerializer, description="The attempt is closed."),
        },
    )
    @action(detail=True, methods=["put"], url_path=r"answers/(?P<position>\d+)")
    def answer(self, request, pk=None, position=None):
        """Save the answer to one question (idempotent)."""
        serializer = AnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attempt = self.attempt(pk)
        try:
            saved = save_answer(
                request.user,
                attempt.pk,
                position,
                serializer.validated_data["response"],
                option_tokens=True,
                attempt=attempt,
            )
        except ActionError as error:
            return error_response(error)
        slot = saved.slot
        response = public_response(
            slot.question_version.question_spec, slot.response, slot_codec(slot)
        )
        return Response({"position": int(position), "response": response})

    @extend_schema(request=None, responses={200: AttemptResultSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit and score; repeating it returns the stored result."""
        attempt = self.attempt(pk)
        submission = submit_own_attempt(request.user, attempt.pk, attempt=attempt)
        return Response(result_payload(submission.attempt))

    @extend_schema(
        responses={
            200: AttemptResultSerializer,
            409: OpenApiResponse(ErrorSerializer, description="Not submitted yet."),
        }
    )
    @action(detail=True, methods=["get"])
    def result(self, request, pk=None):
        attempt = self.attempt(pk)
        if attempt.is_open:
            return Response(
                {"code": "attempt_open", "detail": _("The attempt has not been submitted yet.")},
                status=409,
            )
        return Response(result_payload(attempt))
