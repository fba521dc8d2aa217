from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemType(models.TextChoices):
    GUIDE = "guide", _("Quick guide")
    VIDEO = "video", _("Video")
    INFOGRAPHIC = "infographic", _("Infographic")
    LESSON = "lesson", _("Interactive lesson")
    DOCUMENT = "document", _("Document")


class Difficulty(models.TextChoices):
    BASIC = "basic", _("Basic")
    ADVANCED = "advanced", _("Advanced")
