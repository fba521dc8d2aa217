"""Demo content for ``seed_demo``, after the demo courses (cms.demo.courses,
which come after this app's demo classes): each demo class follows the
residents' course on money and information safety, its roster is enrolled,
and its learners have done some of the steps (some all of them), so the class
report shows progress. Built through the real actions; idempotent."""

from __future__ import annotations

from lms.accounts.models import User

from .demo import CLASS_NAME, DEMO_INSTRUCTOR, _say

DEMO_COURSE_SLUG = "an-toan-tien-va-thong-tin"


def seed(stdout=None) -> None:
    from .classes.course_link import do_set_class_course
    from .models import CommunityClass, Course

    course = Course.objects.live().filter(slug=DEMO_COURSE_SLUG).first()
    instructor = User.objects.filter(username=DEMO_INSTRUCTOR).first()
    if course is None or instructor is None:
        _say(stdout, "Class courses: no demo course or instructor; skipped.")
        return
    prefix = CLASS_NAME.format(unit="")
    linked = 0
    for community_class in CommunityClass.objects.filter(
        name__startswith=prefix, course__isnull=True
    ).select_related("unit"):
        do_set_class_course(actor=instructor, community_class=community_class, course=course)
        _demo_progress(community_class, course)
        linked += 1
    _say(stdout, f"Class courses: {linked} demo classes follow “{course.title}”.")


def _demo_progress(community_class, course) -> None:
    """Learner n of the roster has done the first n % (steps + 1) reading steps."""
    from .models import ClassMembership
    from .tracking import do_record_progress

    steps = list(course.steps.filter(page__isnull=False).order_by("sort_order", "pk"))
    memberships = ClassMembership.objects.filter(community_class=community_class).select_related(
        "learner"
    )
    for index, membership in enumerate(memberships.order_by("learner__full_name", "pk"), 1):
        for step in steps[: index % (len(steps) + 1)]:
            do_record_progress(membership.learner, course, step.pk, "confirm")
