"""Every write of the assessments app, as named functions (Zulip's do_/check_/
access_ habit): views, the API, admin, commands and Celery tasks call these."""

from .attempts import (
    access_attempt,
    finish_if_expired,
    save_answer,
    start_or_resume_attempt,
    submit_attempt,
    submit_expired_attempts,
    submit_own_attempt,
)
from .grading import grade_essay, regrade_attempts
from .imports import import_questions
from .questions import QuestionData, category_for_path, do_create_question, do_update_question
from .quiz_access import access_quiz_for_learner, quizzes_for_learner

__all__ = [
    "QuestionData",
    "access_attempt",
    "access_quiz_for_learner",
    "category_for_path",
    "do_create_question",
    "do_update_question",
    "finish_if_expired",
    "grade_essay",
    "import_questions",
    "quizzes_for_learner",
    "regrade_attempts",
    "save_answer",
    "start_or_resume_attempt",
    "submit_attempt",
    "submit_expired_attempts",
    "submit_own_attempt",
]
