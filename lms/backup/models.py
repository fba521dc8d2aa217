import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


class CacheEpoch(models.Model):
    """One row whose value is part of every cache key (``lms.backup.epoch``).
    A restore gives it a new value, so nothing cached before the restore, by
    any process, can be read after it."""

    value = models.CharField(_("value"), max_length=32)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("cache epoch")
        verbose_name_plural = _("cache epochs")

    def __str__(self):
        return self.value

    @classmethod
    def current(cls, using=None) -> str:
        return cls.objects.using(using).filter(pk=1).values_list("value", flat=True).first() or ""

    @classmethod
    def renew(cls, using=None) -> str:
        value = secrets.token_hex(8)
        cls.objects.using(using).update_or_create(pk=1, defaults={"value": value})
        return value
