from django.utils.translation import gettext_lazy as _
from taggit.models import TagBase

from cms.text import slugify_vi


class LibraryTopic(TagBase):
    """A topic tag (VNeID, mật khẩu, AI …). Its own model so that slugs drop
    Vietnamese marks, "đ" included: "lừa đảo" → "lua-dao"."""

    free_tagging = True

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def slugify(self, tag, i=None):
        slug = slugify_vi(tag, max_length=90) or "chu-de"
        return f"{slug}-{i}" if i is not None else slug
