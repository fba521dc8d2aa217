"""Receivers wired in CoursesConfig.ready(): quiz results complete quiz steps,
and publishing a course (admin buttons, a workflow approval or
do_publish_course) is audited with the user Wagtail logged for it."""

from lms.audit.record import record_event

from .models import Course

AUDITED_ACTIONS = {
    "wagtail.publish": "courses.published",
    "wagtail.unpublish": "courses.unpublished",
}


def attempt_graded(sender, attempt, **kwargs):
    """assessments' "attempt graded" (sent after the grading committed)."""
    if not attempt.passed or attempt.state != "submitted":
        return
    from .tracking import record_quiz_pass

    record_quiz_pass(attempt.user_id, attempt.quiz_id)


def live_quiz_took_part(sender, session, user_ids, **kwargs):
    """live's "took part" (sent after a live quiz ended, or a result was claimed
    after it): a quiz started from a class session marks its players present."""
    from .classes.live_quiz import mark_players_present

    mark_players_present(live_session_id=session.pk, user_ids=user_ids)


def log_entry_saved(sender, instance, created, **kwargs):
    """Wagtail writes its log entry (with the acting user: the approving reviewer
    in a workflow) inside the publishing transaction; the audit event joins it."""
    verb = AUDITED_ACTIONS.get(instance.action)
    if not created or verb is None or instance.content_type.model_class() is not Course:
        return
    course = Course.objects.filter(pk=instance.object_id).first()
    if course is not None:
        record_event(actor=instance.user, verb=verb, target=course)
