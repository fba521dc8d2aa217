from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lms.core"
    label = "core"
    verbose_name = _("Platform core")

    def ready(self):
        from lms.images import enable_decompression_bomb_guard

        enable_decompression_bomb_guard()

        from django.core.signals import request_finished, request_started

        from lms.core import generation

        # Generation numbers are read once per request (lms/core/generation.py).
        request_started.connect(generation.request_started, dispatch_uid="hvs-generations-start")
        request_finished.connect(generation.request_finished, dispatch_uid="hvs-generations-end")
