from .attempts import Attempt, AttemptAreaScore, AttemptSlot, AttemptState
from .bank import (
    QType,
    Question,
    QuestionCategory,
    QuestionStatus,
    QuestionUsage,
    QuestionVersion,
    ReviewState,
    TaggedQuestion,
)
from .quizzes import GradingMethod, Quiz, QuizRule, ReviewOption, RuleKind

__all__ = [
    "Attempt",
    "AttemptAreaScore",
    "AttemptSlot",
    "AttemptState",
    "GradingMethod",
    "QType",
    "Question",
    "QuestionCategory",
    "QuestionStatus",
    "QuestionUsage",
    "QuestionVersion",
    "Quiz",
    "QuizRule",
    "ReviewOption",
    "ReviewState",
    "RuleKind",
    "TaggedQuestion",
]
