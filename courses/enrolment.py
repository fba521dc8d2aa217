"""Enrolment actions: fetch a course for a user, enrol oneself, enrol learners
(an instructor for a class, a manager in bulk). Every enrolment is audited."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from lms.accounts.roles import Role, has_role
from lms.audit.record import record_event

from .crediting import credit_existing_progress
from .errors import CannotEnrol, CourseNotFound, NotEnrolled
from .kept_progress import progress_changed
from .models import Course, Enrolment, EnrolmentSource

ENROLLING_ROLES = (Role.INSTRUCTOR, Role.UNIT_MANAGER, Role.ADMINISTRATOR)


def access_course(slug: str) -> Course:
    """A published course (anyone may read its outline), from the outline cache."""
    from .outline_cache import outline_of

    course = outline_of(slug)
    if course is None:
        raise CourseNotFound()
    return course


def enrolment_of(user, course: Course) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


def access_enrolment(user, course: Course) -> Enrolment:
    enrolment = enrolment_of(user, course)
    if enrolment is None:
        raise NotEnrolled()
    return enrolment


def do_enrol(user, course: Course) -> Enrolment:
    """The learner's own one-tap enrolment (idempotent)."""
    if not user.is_authenticated:
        raise NotEnrolled()
    if not course.live:
        raise CourseNotFound()
    with transaction.atomic():
        enrolment, created = Enrolment.objects.get_or_create(
            user=user, course=course, defaults={"source": EnrolmentSource.SELF}
        )
        if created:
            record_event(actor=user, verb="courses.enrolled", target=course, unit=user.home_unit)
            credit_existing_progress(user, course, [user.pk], user.home_unit)
    return enrolment


def learners_in_reach(actor):
    """Whom an actor may enrol: administrators anyone; unit managers the people of
    their units; instructors the people whose home unit lies in their own."""
    from lms.accounts.models import User
    from lms.units.models import Unit
    from lms.units.scope import people_in_scope

    if not actor.is_authenticated:
        return User.objects.none()
    if actor.is_superuser or has_role(actor, Role.ADMINISTRATOR):
        return User.objects.all()
    reach = people_in_scope(actor)
    if has_role(actor, Role.INSTRUCTOR) and actor.home_unit_id:
        reach = reach | User.objects.filter(home_unit__in=Unit.objects.within(actor.home_unit))
    return reach


def can_enrol_others(actor) -> bool:
    return actor.is_authenticated and (
        actor.is_superuser or any(has_role(actor, role) for role in ENROLLING_ROLES)
    )


def check_enrol_learners(actor, course: Course, learners: Iterable) -> list:
    learners = list(learners)
    if not can_enrol_others(actor) or not course.live:
        raise CannotEnrol()
    allowed = set(
        learners_in_reach(actor)
        .filter(pk__in=[learner.pk for learner in learners])
        .values_list("pk", flat=True)
    )
    if any(learner.pk not in allowed for learner in learners):
        raise CannotEnrol()
    return learners


def do_enrol_learners(
    actor, course: Course, learners: Iterable, source: str = EnrolmentSource.INSTRUCTOR
) -> int:
    """Enrol learners (a class roster, a bulk list); all or nothing. Returns how
    many were newly enrolled; those already enrolled stay as they were."""
    learners = check_enrol_learners(actor, course, learners)
    return len(enrol_checked(actor, course, [learner.pk for learner in learners], source=source))


def enrol_checked(
    actor, course: Course, user_ids, *, source: str, unit=None, extra=None
) -> list[int]:
    """Enrol ``user_ids`` whom the caller has already checked ``actor`` may
    enrol (a reach, a class roster); one audit event naming the new ones, whose
    earlier passes and finished items are credited. Returns the newly enrolled ids."""
    user_ids = list(dict.fromkeys(user_ids))
    with transaction.atomic():
        already = set(
            Enrolment.objects.filter(course=course, user_id__in=user_ids).values_list(
                "user_id", flat=True
            )
        )
        new = [pk for pk in user_ids if pk not in already]
        Enrolment.objects.bulk_create(
            [Enrolment(user_id=pk, course=course, source=source, enrolled_by=actor) for pk in new],
            ignore_conflicts=True,
        )
        progress_changed(new)  # bulk_create sends no post_save
        if new:
            record_event(
                actor=actor,
                verb="courses.learners_enrolled",
                target=course,
                unit=unit or getattr(actor, "home_unit", None),
                extra={"learners": new, "source": source, **(extra or {})},
            )
            credit_existing_progress(actor, course, new, unit)
    return new
