from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from lms.audiences import AUDIENCE_SLUGS, Audience

from .base import PublicPageMixin
from .browsing import (
    LibraryFilters,
    area_options,
    audience_counts,
    paginate,
    topic_options,
    type_options,
    visible_items,
)
from .items import card_queryset

ITEM_TYPES = [
    "cms.GuidePage",
    "cms.VideoPage",
    "cms.InfographicPage",
    "cms.LessonPage",
    "cms.DocumentPage",
]


class LibraryRootPage(PublicPageMixin, Page):
    """The library's front door: a way in for each audience and the newest items."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.AudienceIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("library")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = {
            page.audience: page
            for page in AudienceIndexPage.objects.live()
            .child_of(self)
            .only("id", "title", "url_path", "audience")
        }
        counts = audience_counts(visible_items())
        context["audiences"] = [
            {
                "code": audience.value,
                "label": audience.label,
                "page": pages.get(audience.value),
                "count": counts.get(audience.value, 0),
            }
            for audience in Audience
        ]
        newest = visible_items().order_by("-first_published_at")[:6]
        context["newest"] = list(card_queryset(newest))
        return context


class AudienceIndexPage(PublicPageMixin, Page):
    """One audience's shelf: every live item tagged with the audience, wherever
    in the tree it lives, with filters that are plain links."""

    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, unique=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("audience"), FieldPanel("intro")]
    parent_page_types = ["cms.LibraryRootPage"]
    subpage_types = ITEM_TYPES
    # What get_context reads (LibraryFilters and the paginator).
    cache_query_params = ("area", "type", "topic", "sort", "page")

    class Meta:
        verbose_name = _("audience library")
        verbose_name_plural = _("audience libraries")

    @property
    def audience_slug(self) -> str:
        return AUDIENCE_SLUGS[Audience(self.audience)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = LibraryFilters.from_params(request.GET, audience=self.audience)
        audience_items = filters.without(area="", type="", topic="").apply(visible_items())
        items = filters.order(filters.apply(visible_items()))
        context.update(
            filters=filters,
            items=paginate(items, request.GET.get("page")),
            areas=area_options(self.audience),
            types=type_options(),
            topic_choices=topic_options(audience_items),
        )
        return context
