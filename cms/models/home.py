from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from lms.audiences import AUDIENCE_SLUGS, Audience

from .base import PublicPageMixin


class HomePage(PublicPageMixin, Page):
    """The site's front page: what Học vụ số is and a way in for each audience."""

    headline = models.CharField(_("headline"), max_length=200, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("headline"), FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def audience_links(self):
        """One entry per audience: its library page when one is published."""
        from .library import AudienceIndexPage

        pages = {
            page.audience: page.url
            for page in AudienceIndexPage.objects.live()
            .descendant_of(self)
            .only("id", "url_path", "audience")
        }
        return [
            {
                "code": audience.value,
                "label": audience.label,
                "slug": AUDIENCE_SLUGS[audience],
                "url": pages.get(audience.value),
            }
            for audience in Audience
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["audiences"] = self.audience_links()
        return context
