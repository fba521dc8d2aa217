"""Course presentation (the mitxonline way): a public CoursePage points at the
course of the courses app, which owns steps, enrolment and progress; the
CourseIndexPage is the catalogue, by audience and competency, with the
library's accent-insensitive search."""

from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from lms.audiences import Audience

from .base import PublicPageMixin

MAX_QUERY_CHARS = 200


class CourseIndexPage(PublicPageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CoursePage"]
    max_count = 1
    cache_query_params = ("audience", "competency", "q")

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from courses.models import Course

        context = super().get_context(request, *args, **kwargs)
        audience = request.GET.get("audience", "")
        audience = audience if audience in Audience.values else ""
        competency = request.GET.get("competency", "")[:20]
        query = request.GET.get("q", "")[:MAX_QUERY_CHARS]
        courses = Course.objects.live()
        if audience:
            courses = courses.for_audience(audience)
        if competency:
            courses = courses.filter(competencies__code=competency)
        courses = courses.matching(query)
        pages = (
            CoursePage.objects.live()
            .public()
            .child_of(self)
            .filter(course__in=courses)
            .select_related("course", "image")
            .annotate(step_count=Count("course__steps", distinct=True))
            .order_by("title")
        )
        competencies = (
            Course.competencies.through.objects.filter(course__live=True)
            .values_list("competency__code", "competency__name")
            .distinct()
            .order_by("competency__code")
        )
        context.update(
            course_pages=list(pages),
            audiences=Audience.choices,
            chosen_audience=audience,
            competency_options=list(competencies),
            chosen_competency=competency,
            query=query,
        )
        return context


class CoursePage(PublicPageMixin, Page):
    course = models.ForeignKey(
        "courses.Course",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="pages",
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on cards and when the link is shared."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("course"),
        FieldPanel("image"),
        FieldPanel("intro"),
    ]
    parent_page_types = ["cms.CourseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("course page")
        verbose_name_plural = _("course pages")

    @property
    def summary(self) -> str:
        return self.course.summary

    def get_context(self, request, *args, **kwargs):
        from courses.kept_progress import remember_course_page
        from courses.outline import outline_context
        from courses.outline_cache import outline_of
        from lms.accounts.access import unwrap_user
        from lms.accounts.admin_access import known_roles
        from lms.core.request_host import origin

        context = super().get_context(request, *args, **kwargs)
        cached = outline_of(self.course_id)  # the same for every learner: from the cache
        if cached is not None:
            self.course = cached
        known_roles(request)  # the "Enrol learners" link, without a query
        unwrap_user(request)
        remember_course_page(request.path, self.course.slug)
        context.update(outline_context(request, self.course))
        context["page_version"] = page_version(self)
        context["site_origin"] = origin(request)
        context["frame_page_key"] = frame_page_key(request, context["page_version"], context)
        return context


def frame_page_key(request, version, context) -> tuple | None:
    """What the site's frame keeps this page's title, description, share tags
    and menu under (lms/templates/base.html): the page's version and the host
    the visitor used; none in a preview (unsaved edits)."""
    if getattr(request, "is_preview", False):
        return None
    return (version, context["site_origin"])


def page_version(page) -> tuple:
    """What a kept part of a page's own content is keyed on: the page and the
    generations every publish (cms/cache.py) and every page, course or step
    save (courses/outline_cache.py) bump."""
    from courses.outline_cache import generation as saved_generation

    from ..cache import generation

    published = page.last_published_at.isoformat() if page.last_published_at else ""
    return (page.pk, page.latest_revision_id, published, generation(), saved_generation())
