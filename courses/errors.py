"""Errors of the course actions: each carries a code, an HTTP status and a
Vietnamese message (lms.errors.ActionError)."""

from django.utils.translation import gettext_lazy as _

from lms.errors import ActionError, Conflict, NotFound, PermissionDenied


class CourseNotFound(NotFound):
    code = "course_not_found"
    default_message = _("This course does not exist or is not published yet.")


class NotEnrolled(ActionError):
    status = 403
    code = "not_enrolled"
    default_message = _("You are not enrolled in this course. Enrol first; nothing was recorded.")


class StepLocked(Conflict):
    code = "step_locked"
    default_message = _("This step is not open yet: finish the step before it first.")


class CannotEnrol(PermissionDenied):
    code = "cannot_enrol"
    default_message = _("You may not enrol these learners in this course.")


class BadProgress(ActionError):
    code = "bad_progress"
    default_message = _("This progress report was not understood; nothing was recorded.")


class StepRestricted(ActionError):
    status = 403
    code = "step_restricted"
    default_message = _(
        "You may not view this step's material (the library restricts it); nothing was recorded."
    )
