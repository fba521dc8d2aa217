from .paths import (
    Course,
    CourseCompletion,
    CourseStep,
    Enrolment,
    EnrolmentSource,
    StepProgress,
)

__all__ = [
    "Course",
    "CourseCompletion",
    "CourseStep",
    "Enrolment",
    "EnrolmentSource",
    "StepProgress",
]
