from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.models import ModelLogEntry

        from assessments.models import Attempt

        from . import signals

        # assessments has no "attempt graded" signal yet: a saved, passed attempt
        # is read after its transaction commits, so only durable results count.
        post_save.connect(signals.attempt_saved, sender=Attempt, dispatch_uid="courses_attempt")
        post_save.connect(
            signals.log_entry_saved, sender=ModelLogEntry, dispatch_uid="courses_publish_log"
        )
