from .attempts import Attempt, AttemptSlot, AttemptState
from .bank import (
    QType,
    Question,
    QuestionCategory,
    QuestionStatus,
    QuestionVersion,
    TaggedQuestion,
)
from .framework import Competency, CompetencyArea, FrameworkVersion
from .quizzes import GradingMethod, Quiz, QuizRule, ReviewOption, RuleKind

__all__ = [
    "Attempt",
    "AttemptSlot",
    "AttemptState",
    "Competency",
    "CompetencyArea",
    "FrameworkVersion",
    "GradingMethod",
    "QType",
    "Question",
    "QuestionCategory",
    "QuestionStatus",
    "QuestionVersion",
    "Quiz",
    "QuizRule",
    "ReviewOption",
    "RuleKind",
    "TaggedQuestion",
]
