from .classes import (
    AttendanceMark,
    AttendanceStatus,
    ClassLiveQuiz,
    ClassMembership,
    ClassSession,
    CommunityClass,
    LoginCard,
    PlaceKind,
)
from .paths import (
    Course,
    CourseCompletion,
    CourseStep,
    Enrolment,
    EnrolmentSource,
    StepProgress,
)

__all__ = [
    "AttendanceMark",
    "AttendanceStatus",
    "ClassLiveQuiz",
    "ClassMembership",
    "ClassSession",
    "CommunityClass",
    "Course",
    "CourseCompletion",
    "CourseStep",
    "Enrolment",
    "EnrolmentSource",
    "LoginCard",
    "PlaceKind",
    "StepProgress",
]
