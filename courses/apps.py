from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from lms.audit.verbs import register_verbs

        from .audit_verbs import VERBS

        register_verbs(VERBS)
        from django.db.models.signals import post_save
        from wagtail.models import ModelLogEntry

        from assessments.certificates.rules import register_eligibility_rule
        from assessments.live.signals import took_part
        from assessments.signals import attempt_graded

        from . import signals
        from .completion import course_completion_rule

        register_eligibility_rule(
            "course_completed",
            course_completion_rule,
            label=_("the courses required for the certificate"),
        )

        # A passed quiz completes its steps once the grading has committed.
        attempt_graded.connect(signals.attempt_graded, dispatch_uid="courses_attempt_graded")
        # A live quiz started from a class session marks its players present.
        took_part.connect(signals.live_quiz_took_part, dispatch_uid="courses_live_took_part")
        # The cached outline goes stale when a course, step, quiz or page is saved.
        from django.db.models.signals import post_delete

        from .outline_cache import row_saved_or_deleted

        post_save.connect(row_saved_or_deleted, dispatch_uid="courses_outline_saved")
        post_delete.connect(row_saved_or_deleted, dispatch_uid="courses_outline_deleted")
        from django.db.models.signals import m2m_changed
        from wagtail.models import PageViewRestriction

        from .outline_cache import restriction_groups_changed

        m2m_changed.connect(
            restriction_groups_changed,
            sender=PageViewRestriction.groups.through,
            dispatch_uid="courses_outline_restriction_groups",
        )
        post_save.connect(
            signals.log_entry_saved, sender=ModelLogEntry, dispatch_uid="courses_publish_log"
        )
        # A learner's kept enrolment and progress go stale when one of their rows is saved.
        from .kept_progress import row_saved
        from .models import Enrolment, StepProgress

        for model in (Enrolment, StepProgress):
            post_save.connect(
                row_saved, sender=model, dispatch_uid=f"courses_kept_{model.__name__}"
            )
