"""Personal data held by the question bank, quizzes and attempts
(see lms/privacy/registry.py). Attempts stay after an erasure, tied to an account
that no longer says who it was, so results and indicators keep counting them."""

from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Holding, register

STAFF_ACTIONS = _("Who on the staff did it, kept with what they did")
BANK = _("Authors and reviewers of questions and quizzes")

register(
    Holding(
        model="assessments.Attempt",
        person="user",
        fields=(),
        category=_("Quiz attempts: scores, per area results, times"),
        purpose=_("Scoring, certificates, the learner's progress, the unit's statistics"),
        seen_by=_("The learner; instructors of the quiz; unit managers of their unit"),
        kept_for=_("Kept; after an erasure they count as an anonymous person"),
        exported=(
            "quiz",
            "number",
            "state",
            "learner_audience",
            "started_at",
            "submitted_at",
            "points",
            "max_points",
            "percent",
            "passed",
            "result",
        ),
    ),
    Holding(
        model="assessments.AttemptSlot",
        person="attempt__user",
        fields=(),
        category=_("The answers given in each attempt"),
        purpose=_("Scoring and review"),
        seen_by=_("The learner; instructors of the quiz"),
        kept_for=_("Kept with the attempt"),
        exported=("attempt", "position", "question_version", "response", "fraction"),
    ),
    Holding(
        model="assessments.AttemptSlot",
        person="graded_by",
        fields=("manual_comment",),
        category=STAFF_ACTIONS,
        purpose=_("Knowing who graded an answer by hand"),
        seen_by=_("Instructors; administrators"),
        kept_for=_("Kept with the attempt"),
        on_erase="detach",
        exported=("attempt", "manual_fraction"),
    ),
    *(
        Holding(
            model=model,
            person=person,
            fields=(),
            category=BANK,
            purpose=_("Knowing who wrote and who reviewed the bank"),
            seen_by=_("Editors and instructors"),
            kept_for=_("While the question or quiz exists"),
            on_erase="detach",
        )
        for model, person in (
            ("assessments.Question", "created_by"),
            ("assessments.Question", "approved_by"),
            ("assessments.QuestionVersion", "created_by"),
            ("assessments.Quiz", "created_by"),
        )
    ),
)
