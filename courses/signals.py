"""Receivers wired in CoursesConfig.ready(): quiz results complete quiz steps,
and publishing a course through the Wagtail admin (or do_publish_course) is
audited."""

from django.db import transaction

from lms.audit.record import record_event

from .models import Course


def attempt_saved(sender, instance, **kwargs):
    if not instance.passed or instance.state != "submitted":
        return
    from .tracking import record_quiz_pass

    user_id, quiz_id = instance.user_id, instance.quiz_id
    transaction.on_commit(lambda: record_quiz_pass(user_id, quiz_id))


def _publisher(instance, revision):
    user = getattr(revision, "user", None) if revision is not None else None
    return user


def course_published(sender, instance, revision=None, **kwargs):
    if isinstance(instance, Course):
        record_event(
            actor=_publisher(instance, revision), verb="courses.published", target=instance
        )


def course_unpublished(sender, instance, **kwargs):
    if isinstance(instance, Course):
        record_event(actor=None, verb="courses.unpublished", target=instance)
