"""The class ⇄ course link: a class may follow one published course.

Setting the course enrols the whole roster in one step (all or nothing,
audited), and anyone added to the roster later is enrolled as they are added:
an instructor sets the course once and expects everybody on the list to find
it under "Học tập của tôi", not to remember a second button after each import."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from courses.enrolment import enrol_checked
from courses.models import CommunityClass, Course, EnrolmentSource
from lms.audit.record import record_event

from .attendance import roster_ids
from .errors import ClassError


def courses_for_classes():
    """What a class may follow: the published courses."""
    return Course.objects.live().order_by("title")


def do_set_class_course(*, actor, community_class, course, enrol_roster=True) -> int:
    """Link ``course`` (or None: no course) to the class; with ``enrol_roster``,
    enrol everyone on the roster. Returns how many were newly enrolled."""
    if course is not None and not course.live:
        raise ClassError(_("Choose a published course."))
    with transaction.atomic():
        CommunityClass.objects.filter(pk=community_class.pk).update(course=course)
        community_class.course = course
        enrolled: list[int] = []
        if course is not None and enrol_roster:
            enrolled = _enrol(actor, community_class, roster_ids(community_class))
        record_event(
            actor=actor,
            verb="courses.class_course_set",
            target=community_class,
            unit=community_class.unit,
            extra={"course": course.pk if course else None, "enrolled": len(enrolled)},
        )
    return len(enrolled)


def enrol_new_member(actor, community_class, learner_id: int) -> None:
    """A learner just added to the roster follows the class's course too
    (called inside the roster action's transaction)."""
    course = community_class.course
    if course is not None and course.live:
        _enrol(actor, community_class, [learner_id])


def _enrol(actor, community_class, learner_ids) -> list[int]:
    # The roster is the permission: whoever may change the class may enrol its list.
    return enrol_checked(
        actor,
        community_class.course,
        learner_ids,
        source=EnrolmentSource.INSTRUCTOR,
        unit=community_class.unit,
        extra={"class": community_class.pk},
    )
