from .classes import (
    AttendanceMark,
    AttendanceSource,
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
    "AttendanceSource",
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
