"""Course completion as the rest of the platform asks about it, including the
extra certificate rule that courses lends to the certificate eligibility (the
lead registers ``completed_courses_rule``; assessments never imports courses)."""

from __future__ import annotations

from django.db import transaction

from assessments.scoring import Reason
from lms.audit.record import record_event

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


def course_completion_rule(context) -> Reason | None:
    """The certificate's "required courses completed" rule, in the form
    assessments.certificates.rules expects (registered in CoursesConfig.ready)."""
    from django.contrib.auth import get_user_model

    from lms.framework.models import FrameworkVersion

    framework = FrameworkVersion.objects.filter(code=context.framework_code).first()
    user = get_user_model().objects.filter(pk=context.user_id).first()
    if framework is None or user is None:
        return None
    answer = completed_courses_rule(user, context.audience, framework)
    return None if answer is True else answer


def issue_certificate_if_now_eligible(user, course) -> None:
    """After a required course is completed, a passed completion quiz may now earn
    the certificate: ask the certificates app, for each audience of the course."""
    from assessments.certificates.issuing import do_issue_if_eligible

    for audience in course.audiences:
        if audience == user.audience:
            do_issue_if_eligible(user, audience, course.certificate_framework)


def do_complete(user, course: Course) -> CourseCompletion:
    completion, created = CourseCompletion.objects.get_or_create(user=user, course=course)
    if created:
        record_event(actor=user, verb="courses.completed", target=course, unit=user.home_unit)
        if course.certificate_framework_id:
            # The course may have been the last thing the certificate waited for.
            transaction.on_commit(lambda: issue_certificate_if_now_eligible(user, course))
    return completion
