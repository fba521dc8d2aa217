"""Courses built from the library already on the site (the demo library), with
enrolments, per-step progress and completions for the learners."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from assessments.models import Quiz
from courses.models import (
    Course,
    CourseCompletion,
    CourseStep,
    Enrolment,
    EnrolmentSource,
    StepProgress,
)
from courses.models.paths import PAGE_KINDS, join_audiences
from lms.audiences import Audience
from lms.text import search_key

from .plan import Built, insert, insert_only


class NoLibrary(Exception):
    pass


def _library_pages() -> list[int]:
    kinds = ContentType.objects.filter(app_label="cms", model__in=list(PAGE_KINDS))
    pages = list(Page.objects.live().filter(content_type__in=kinds).values_list("pk", flat=True))
    if not pages:
        raise NoLibrary("run seed_demo first: courses are built from the library")
    return sorted(pages)


def _completion_quizzes() -> dict[str, int]:
    quizzes = Quiz.objects.filter(is_published=True, counts_for_certificate=True).order_by("pk")
    return {quiz.audience: quiz.pk for quiz in quizzes}


def build_courses(built: Built) -> None:
    sizes, rng = built.sizes, built.rng
    pages, quizzes = _library_pages(), _completion_quizzes()
    audiences = list(Audience.values)
    courses = []
    for index in range(sizes.courses):
        audience = audiences[index % len(audiences)]
        title = f"Khóa học thử {index:04d}: kỹ năng số cho {Audience(audience).label}"
        course = Course(
            title=title,
            slug=f"bench-khoa-hoc-{index:04d}",
            summary="Một khóa học của bộ dữ liệu đo hiệu năng.",
            audience_codes=join_audiences([audience]),
            sequential=index % 2 == 0,
            live=True,
            search_text=f" {search_key(title)} ",
        )
        courses.append(course)
    courses = insert(Course, courses)
    steps = []
    for course in courses:
        chosen = rng.sample(pages, min(sizes.steps_per_course, len(pages)))
        for position, page_id in enumerate(chosen):
            steps.append(
                CourseStep(
                    course=course,
                    sort_order=position,
                    module_title=f"Phần {position // 3 + 1}" if position % 3 == 0 else "",
                    page_id=page_id,
                )
            )
        quiz = quizzes.get(course.audiences[0])
        if quiz is not None:
            steps.append(CourseStep(course=course, sort_order=len(chosen), quiz_id=quiz))
    steps = insert(CourseStep, steps)
    steps_of = defaultdict(list)
    for step in steps:
        steps_of[step.course_id].append(step.pk)
    built.courses = [(course.pk, course.audiences[0], steps_of[course.pk]) for course in courses]


def build_enrolments(built: Built) -> None:
    """Each enrolled learner follows one course of their audience, done up to a
    random step; those who did every step have completed it."""
    rng = built.rng
    by_audience = defaultdict(list)
    for course in built.courses:
        by_audience[course[1]].append(course)
    plan = []
    for user_id, audience, _village in built.learners:
        if rng.random() >= built.sizes.enrolled_share or not by_audience[audience]:
            continue
        course_id, _aud, step_ids = rng.choice(by_audience[audience])
        plan.append((user_id, course_id, step_ids, rng.randint(0, len(step_ids))))
    insert_only(
        Enrolment,
        (
            Enrolment(user_id=user, course_id=course, source=EnrolmentSource.SELF)
            for user, course, _steps, _done in plan
        ),
    )
    done_at = built.days_ago(30)
    insert_only(
        StepProgress,
        (
            StepProgress(
                user_id=user, step_id=step, confirmed=True, reached_end=True, done_at=done_at
            )
            for user, _course, steps, done in plan
            for step in steps[:done]
        ),
    )
    insert_only(
        CourseCompletion,
        (
            CourseCompletion(user_id=user, course_id=course)
            for user, course, steps, done in plan
            if done == len(steps)
        ),
    )
