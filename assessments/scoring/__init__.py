"""Pure-Python scoring engine: question versions as data, grading, attempt totals.

No Django imports here; views, DRF serializers, Celery tasks and management
commands call these functions with plain data.
"""

from .attempts import (
    UNASSIGNED,
    AttemptScore,
    PassDecision,
    Reason,
    Subscore,
    combine_attempts,
    pass_decision,
    score_attempt,
)
from .grading import grade_response
from .keys import correct_response
from .numbers import parse_number
from .spec import (
    QTYPES,
    AcceptedAnswer,
    Choice,
    MatchPair,
    NumericAnswer,
    NumericRange,
    OrderItem,
    QuestionSpec,
    question_from_dict,
)

__all__ = [
    "QTYPES",
    "UNASSIGNED",
    "AcceptedAnswer",
    "AttemptScore",
    "Choice",
    "MatchPair",
    "NumericAnswer",
    "NumericRange",
    "OrderItem",
    "PassDecision",
    "QuestionSpec",
    "Reason",
    "Subscore",
    "combine_attempts",
    "correct_response",
    "grade_response",
    "parse_number",
    "pass_decision",
    "question_from_dict",
    "score_attempt",
]
