"""Course completion as the rest of the platform asks about it, including the
extra certificate rule that courses lends to the certificate eligibility (the
lead registers ``completed_courses_rule``; assessments never imports courses)."""

from __future__ import annotations

from assessments.scoring import Reason

from .models import Course, CourseCompletion


def course_completed(user, course: Course) -> bool:
    if not user.is_authenticated:
        return False
    return CourseCompletion.objects.filter(user=user, course=course).exists()


def completed_course_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(CourseCompletion.objects.filter(user=user).values_list("course_id", flat=True))


def courses_required_for(audience: str, framework) -> list[Course]:
    """Published courses an editor marked as required for this framework
    version's certificate, for this audience."""
    return list(
        Course.objects.live()
        .for_audience(audience)
        .filter(certificate_framework=framework)
        .order_by("title")
    )


def completed_courses_rule(user, audience: str, framework) -> bool | Reason:
    """True when the learner completed every published course required for the
    certificate of ``framework`` for ``audience`` (True when none is required);
    otherwise a Reason ``course_not_completed`` naming the first missing course."""
    required = courses_required_for(audience, framework)
    if not required:
        return True
    done = completed_course_ids(user)
    for course in required:
        if course.pk not in done:
            return Reason("course_not_completed", {"course": course.title, "slug": course.slug})
    return True
