"""The question bank for staff, as the API and pages use it: fetch with the
permission checked (``access_…``), turn a client's input into ``QuestionData``
(``check_…``) and delete (``do_…``, recorded in the audit trail)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.models import Question, QuestionStatus
from assessments.scoring import question_from_dict
from lms.audiences import Audience
from lms.audit.record import record_event
from lms.errors import ActionError, NotFound, PermissionDenied
from lms.framework.models import Competency, FrameworkVersion

from .questions import QuestionData, category_for_path

VIEW_QUESTION = "assessments.view_question"
CHANGE_QUESTION = "assessments.change_question"
DELETE_QUESTION = "assessments.delete_question"


class InvalidQuestion(ActionError):
    # params["field"]: the input the message is about.
    code = "invalid_question"
    default_message = gettext_lazy("The question is not valid.")


class QuestionInUse(ActionError):
    code = "question_in_use"
    default_message = gettext_lazy(
        "This question was used in attempts; unpublish it instead of deleting it."
    )


def bank_questions():
    return (
        Question.objects.select_related("category", "current_version")
        .prefetch_related("competencies", "tags")
        .order_by("pk")
    )


def access_question(user, question_id, permission: str = VIEW_QUESTION) -> Question:
    """The question for ``user`` holding ``permission``; NotFound for a bad id."""
    if not (user.is_authenticated and user.has_perm(permission)):
        raise PermissionDenied()
    try:
        return bank_questions().get(pk=question_id)
    except (Question.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def _invalid(field: str, message: str) -> InvalidQuestion:
    return InvalidQuestion(message, field=field)


def check_question_input(given: dict, instance: Question | None = None) -> QuestionData:
    """A client's input (the API serializer's validated data: a partial update
    keeps what it leaves out) as QuestionData, or InvalidQuestion."""
    version_data = given.get("current_version", {})
    current = instance.current_version if instance else None
    spec_dict = version_data.get("spec", current.spec if current else None)
    stem = version_data.get("stem", current.stem if current else "")
    if not spec_dict or not stem:
        raise _invalid("spec", _("A question needs a text and a spec."))
    try:
        spec = question_from_dict({**spec_dict, "id": ""})
    except (ValueError, TypeError, KeyError, AttributeError) as problem:
        # A spec of the wrong shape anywhere inside is the client's error, not a 500.
        raise _invalid("spec", str(problem)) from None
    if "competency_codes" in given:
        codes = given["competency_codes"]
        framework = FrameworkVersion.objects.current()
        competencies = list(Competency.objects.filter(framework=framework, code__in=codes))
        unknown = set(codes) - {c.code for c in competencies}
        if unknown:
            message = _("Unknown competencies: %s") % ", ".join(sorted(unknown))
            raise _invalid("competency_codes", message)
    else:
        competencies = list(instance.competencies.all()) if instance else []
    audiences = given.get("audiences", instance.audiences if instance else [])
    if set(audiences) - set(Audience.values):
        raise _invalid("audiences", _("Unknown audience."))
    category_path = given.get("category", {}).get("path")
    category = category_for_path(category_path) if category_path else instance.category

    def kept(name, default):
        return given.get(name, getattr(instance, name) if instance else default)

    return QuestionData(
        name=kept("name", ""),
        stem=stem,
        stem_format="html",
        spec=spec,
        category=category,
        idnumber=kept("idnumber", "") or "",
        status=kept("status", QuestionStatus.DRAFT),
        usage=kept("usage", "certification"),
        difficulty=kept("difficulty", 2),
        default_points=kept("default_points", 1),
        audiences=audiences,
        competencies=competencies,
        tags=given.get("tags", list(instance.tags.names()) if instance else []),
    )


def do_record_questions_export(user, questions, fmt: str) -> None:
    """Recorded when a copy of the bank leaves the site (the filter's questions)."""
    record_event(
        actor=user,
        verb="assessments.questions_exported",
        extra={"format": fmt, "questions": questions.count()},
    )


@transaction.atomic
def do_delete_question(user, question: Question) -> None:
    """Delete a question never used in an attempt; QuestionInUse otherwise."""
    if not user.has_perm(DELETE_QUESTION):
        raise PermissionDenied()
    # Recorded first, while the row still names itself; a refusal rolls both back.
    record_event(actor=user, verb="assessments.question_deleted", target=question)
    try:
        with transaction.atomic():
            question.delete()
    except ProtectedError:
        raise QuestionInUse() from None
