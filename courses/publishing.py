"""Publishing a course outside the admin's own buttons (demo data, commands):
the same Wagtail revision path, so the published signal audits it."""

from django.db import transaction

from lms.errors import PermissionDenied

from .models import Course


def do_publish_course(actor, course: Course) -> Course:
    if actor is not None and not actor.has_perm("courses.publish_course"):
        raise PermissionDenied()
    with transaction.atomic():
        revision = course.save_revision(user=actor)
        revision.publish(user=actor)
    course.refresh_from_db()
    return course
