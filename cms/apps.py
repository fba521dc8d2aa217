from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Library")

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from .cache import invalidate

        # Any change to what is live may show on many cached pages (lists, related).
        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
            signal.connect(invalidate, dispatch_uid=f"cms-cache-{id(signal)}")
        post_delete.connect(_page_deleted, dispatch_uid="cms-cache-delete")
        # A site's host or root page decides where every path leads (cms/routing.py).
        from django.db.models.signals import post_save
        from wagtail.models import PageViewRestriction, Site

        for signal in (post_save, post_delete):
            signal.connect(invalidate, sender=Site, dispatch_uid=f"cms-cache-site-{id(signal)}")
            # Who may see a page: remembered per generation too (routing.view_restrictions),
            # and a newly restricted page must leave the anonymous cache.
            signal.connect(
                invalidate,
                sender=PageViewRestriction,
                dispatch_uid=f"cms-cache-restriction-{id(signal)}",
            )
        # A group restriction's groups are remembered with it: changing them bumps too.
        from django.db.models.signals import m2m_changed

        m2m_changed.connect(
            _restriction_groups_changed,
            sender=PageViewRestriction.groups.through,
            dispatch_uid="cms-cache-restriction-groups",
        )


def _restriction_groups_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        from .cache import invalidate

        invalidate()


def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        from .cache import invalidate

        invalidate()
