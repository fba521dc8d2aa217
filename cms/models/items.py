"""Library items (học liệu). One concrete base table holds what every item has
(audiences, competencies, time, summary, search text), so lists and search read
a single table; each item type adds its own content in a child table."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms import blocks
from cms.body_cache import body_cache_context
from lms.audiences import Audience
from lms.text import search_key

from .audiences import split_audiences
from .base import PublicPageMixin
from .forms import LibraryItemForm
from .topics import LibraryTopic
from .types import Difficulty, ItemType

VIDEO_EXTENSIONS = (".mp4", ".webm")
# Lesson blocks a learner answers (cms/templates/cms/lesson_page.html).
CHECK_BLOCK_TYPES = ("single_choice", "true_false")


class LibraryItemPage(PublicPageMixin, Page):
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two plain sentences: what you will learn."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown on cards and when the link is shared."),
    )
    difficulty = models.CharField(
        _("difficulty"), max_length=10, choices=Difficulty.choices, default=Difficulty.BASIC
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated time (minutes)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    audience_codes = models.CharField(max_length=120, blank=True, editable=False, db_index=True)
    topics = ClusterTaggableManager(
        through="cms.ItemTopic",
        blank=True,
        verbose_name=_("topics"),
        help_text=_("For example: VNeID, mật khẩu, lừa đảo trực tuyến."),
    )
    # Set on save: the type for filters and cards, the folded text for search.
    item_type = models.CharField(
        max_length=20, choices=ItemType.choices, editable=False, db_index=True
    )
    search_title = models.CharField(max_length=600, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    view_count = models.PositiveIntegerField(default=0, editable=False, db_index=True)

    item_type_code = None  # set by each concrete item type
    counts_views = True
    is_creatable = False
    parent_page_types = ["cms.AudienceIndexPage"]
    subpage_types = []
    base_form_class = LibraryItemForm
    # Fields (besides title, summary and topics) whose text search should see.
    search_source_fields: tuple[str, ...] = ()

    common_panels = [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("audiences"),
                FieldRowPanel([FieldPanel("difficulty"), FieldPanel("estimated_minutes")]),
                FieldPanel("topics"),
            ],
            heading=_("Who and what"),
        ),
        MultipleChooserPanel(
            "competency_links",
            chooser_field_name="competency",
            min_num=1,
            heading=_("Framework competencies"),
            label=_("Competency"),
        ),
    ]
    closing_panels = [
        MultipleChooserPanel(
            "related_links",
            chooser_field_name="item",
            heading=_("Related items"),
            label=_("Related item"),
            max_num=6,
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("search_text"),
        index.FilterField("item_type"),
        index.FilterField("audience_codes"),
    ]
    api_fields = [
        APIField("item_type"),
        APIField("summary"),
        APIField("difficulty"),
        APIField("estimated_minutes"),
        APIField("audiences"),
        APIField("competency_codes"),
        APIField("topic_names"),
        APIField("image"),
        APIField("thumbnail", serializer=ImageRenditionField("fill-480x270", source="image")),
    ]

    class Meta:
        verbose_name = _("library item")
        verbose_name_plural = _("library items")

    # --- derived values -----------------------------------------------------
    @property
    def audiences(self) -> list[str]:
        return split_audiences(self.audience_codes)

    def audience_labels(self) -> list[str]:
        return [Audience(code).label for code in self.audiences]

    @property
    def competency_codes(self) -> list[str]:
        return [link.competency.code for link in self.competency_links.all()]

    @property
    def topic_names(self) -> list[str]:
        return [topic.name for topic in self.topics.all()]

    def search_parts(self) -> list[str]:
        parts = [self.title, self.summary, *self.topic_names]
        for name in self.search_source_fields:
            field = self._meta.get_field(name)
            value = getattr(self, name)
            if hasattr(field, "get_searchable_content"):
                parts.extend(str(text) for text in field.get_searchable_content(value))
            elif value:
                parts.append(str(value))
        return [strip_tags(part) for part in parts if part]

    def refresh_search_text(self) -> None:
        # Leading and trailing spaces let " term" match the start of any word.
        self.search_title = f" {search_key(self.title)} "[:600]
        self.search_text = f" {search_key(' '.join(self.search_parts()))} "

    def save(self, *args, **kwargs):
        if self.item_type_code:
            self.item_type = self.item_type_code
        # Drafts are saved with update_fields; only a full save (create, publish)
        # holds the content that visitors will see.
        if kwargs.get("update_fields") is None:
            self.refresh_search_text()
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        # A revision must not roll back the live visit count.
        obj = super().with_content_json(content)
        obj.view_count = self.view_count
        return obj

    def clean(self):
        super().clean()
        if not self.audience_codes:
            raise ValidationError({"audiences": _("Choose at least one audience.")})

    # --- rendering ------------------------------------------------------------
    def get_context(self, request, *args, **kwargs):
        # Lazy: the template reads these only when its cached body fragment
        # (cms/body_cache.py) is missing, so a warm page runs none of the queries.
        context = super().get_context(request, *args, **kwargs)
        context["competencies"] = SimpleLazyObject(self._competencies)
        context["topics"] = SimpleLazyObject(lambda: list(self.topics.all()))
        context["related_items"] = SimpleLazyObject(self._related_items)
        context["audience_page"] = SimpleLazyObject(self.get_parent)
        context.update(body_cache_context(request, self))
        return context

    def _competencies(self):
        links = self.competency_links.select_related("competency__area")
        return [link.competency for link in links]

    def _related_items(self):
        related = (
            LibraryItemPage.objects.live()
            .public()
            .filter(pk__in=self.related_links.values("item_id"))
        )
        return list(card_queryset(related))


def card_queryset(queryset):
    """What a card needs, in a fixed number of queries whatever the count."""
    from django.db.models import Prefetch
    from wagtail.images import get_image_model

    images = get_image_model().objects.prefetch_renditions(*CARD_RENDITIONS)
    return queryset.defer("search_text", "search_title").prefetch_related(
        Prefetch("image", queryset=images)
    )


CARD_RENDITIONS = ("fill-480x270", "fill-960x540")


class ItemCompetency(Orderable):
    page = ParentalKey(LibraryItemPage, on_delete=models.CASCADE, related_name="competency_links")
    competency = models.ForeignKey(
        "framework.Competency",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("competency"),
    )
    panels = [FieldPanel("competency")]

    class Meta(Orderable.Meta):
        verbose_name = _("competency")
        constraints = [
            models.UniqueConstraint(fields=["page", "competency"], name="item_competency_once")
        ]


class RelatedItem(Orderable):
    page = ParentalKey(LibraryItemPage, on_delete=models.CASCADE, related_name="related_links")
    item = models.ForeignKey(
        LibraryItemPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("item")
    )
    panels = [FieldPanel("item")]


class ItemTopic(ItemBase):
    tag = models.ForeignKey(LibraryTopic, on_delete=models.CASCADE, related_name="tagged_items")
    content_object = ParentalKey(
        LibraryItemPage, on_delete=models.CASCADE, related_name="topic_items"
    )


# --- the five item types --------------------------------------------------------


class GuidePage(LibraryItemPage):
    what_you_need = StreamField(
        [("item", blocks.blocks.CharBlock(max_length=200, label=_("Item")))],
        blank=True,
        verbose_name=_("what you need"),
    )
    steps = StreamField([("step", blocks.StepBlock())], min_num=1, verbose_name=_("steps"))
    common_mistakes = StreamField(
        [("mistake", blocks.MistakeBlock())], blank=True, verbose_name=_("common mistakes")
    )

    item_type_code = ItemType.GUIDE
    is_creatable = True
    search_source_fields = ("what_you_need", "steps", "common_mistakes")
    content_panels = [
        *Page.content_panels,
        *LibraryItemPage.common_panels,
        FieldPanel("image"),
        FieldPanel("what_you_need"),
        FieldPanel("steps"),
        FieldPanel("common_mistakes"),
        *LibraryItemPage.closing_panels,
    ]
    api_fields = [
        *LibraryItemPage.api_fields,
        APIField("what_you_need"),
        APIField("steps"),
        APIField("common_mistakes"),
    ]

    class Meta:
        verbose_name = _("quick guide")
        verbose_name_plural = _("quick guides")


class VideoPage(LibraryItemPage):
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("video file (MP4 or WebM)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    embed_url = models.URLField(_("or an embed URL"), blank=True)
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("captions (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    transcript = RichTextField(_("transcript"), features=blocks.TEXT_FEATURES)
    duration_seconds = models.PositiveIntegerField(_("duration (seconds)"))

    item_type_code = ItemType.VIDEO
    is_creatable = True
    search_source_fields = ("transcript",)
    content_panels = [
        *Page.content_panels,
        *LibraryItemPage.common_panels,
        MultiFieldPanel(
            [
                FieldPanel("image", heading=_("Poster image")),
                FieldPanel("video_file"),
                FieldPanel("embed_url"),
                FieldPanel("captions"),
                FieldPanel("duration_seconds"),
            ],
            heading=_("Video"),
        ),
        FieldPanel("transcript"),
        *LibraryItemPage.closing_panels,
    ]
    api_fields = [
        *LibraryItemPage.api_fields,
        APIField("video_file"),
        APIField("embed_url"),
        APIField("captions"),
        APIField("transcript"),
        APIField("duration_seconds"),
    ]

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    def clean(self):
        super().clean()
        errors = {}
        if not self.image_id:
            errors["image"] = _("A video needs a poster image.")
        if bool(self.video_file_id) == bool(self.embed_url):
            errors["video_file"] = _("Choose a video file or an embed URL (one of them).")
        elif self.video_file and not self.video_file.file.name.lower().endswith(VIDEO_EXTENSIONS):
            errors["video_file"] = _("The video must be an MP4 or WebM file.")
        if self.captions and not self.captions.file.name.lower().endswith(".vtt"):
            errors["captions"] = _("Captions must be a WebVTT (.vtt) file.")
        if errors:
            raise ValidationError(errors)

    @property
    def duration_display(self) -> str:
        minutes, seconds = divmod(self.duration_seconds or 0, 60)
        return f"{minutes}:{seconds:02d}"


class InfographicPage(LibraryItemPage):
    long_description = RichTextField(
        _("text alternative"),
        features=blocks.TEXT_FEATURES,
        help_text=_(
            "Everything the picture says, as text, for screen readers and slow connections."
        ),
    )

    item_type_code = ItemType.INFOGRAPHIC
    is_creatable = True
    search_source_fields = ("long_description",)
    content_panels = [
        *Page.content_panels,
        *LibraryItemPage.common_panels,
        FieldPanel("image", heading=_("Infographic image")),
        FieldPanel("long_description"),
        *LibraryItemPage.closing_panels,
    ]
    api_fields = [*LibraryItemPage.api_fields, APIField("long_description")]

    class Meta:
        verbose_name = _("infographic")
        verbose_name_plural = _("infographics")

    def clean(self):
        super().clean()
        if not self.image_id:
            raise ValidationError({"image": _("Choose the infographic image.")})


class LessonPage(LibraryItemPage):
    body = StreamField(blocks.LessonStreamBlock(), verbose_name=_("lesson"))

    item_type_code = ItemType.LESSON
    is_creatable = True
    search_source_fields = ("body",)
    content_panels = [
        *Page.content_panels,
        *LibraryItemPage.common_panels,
        FieldPanel("image"),
        FieldPanel("body"),
        *LibraryItemPage.closing_panels,
    ]
    api_fields = [*LibraryItemPage.api_fields, APIField("body")]

    class Meta:
        verbose_name = _("interactive lesson")
        verbose_name_plural = _("interactive lessons")

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            return self.serve_answer(request)
        return super().serve(request, *args, **kwargs)

    def check_question_ids(self) -> list[str]:
        return [child.id for child in self.body if child.block_type in CHECK_BLOCK_TYPES]

    def serve_answer(self, request):
        """A check question answered: JSON for the script, the page itself
        with the feedback in place for a plain form post."""
        block_id = request.POST.get("question", "")
        block = next((child for child in self.body if child.id == block_id), None)
        result = blocks.check_answer(block, request.POST.get("answer", "")) if block else None
        if result is not None and request.user.is_authenticated:
            from courses.tracking import do_record_lesson_answer

            do_record_lesson_answer(request.user, self, block_id, self.check_question_ids())
        if request.headers.get("Accept", "").startswith("application/json"):
            if result is None:
                return JsonResponse({"error": str(_("Choose an answer first."))}, status=400)
            return JsonResponse({"correct": result[0], "explanation": result[1]})
        context = self.get_context(request)
        context["feedback"] = {
            "id": block_id,
            "answer": request.POST.get("answer", ""),
            "result": result,
        }
        return TemplateResponse(request, self.get_template(request), context)


class DocumentPage(LibraryItemPage):
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document (PDF or DOCX)"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page_count = models.PositiveSmallIntegerField(_("number of pages"), null=True, blank=True)
    details = RichTextField(_("what is inside"), features=blocks.TEXT_FEATURES, blank=True)

    item_type_code = ItemType.DOCUMENT
    is_creatable = True
    search_source_fields = ("details",)
    content_panels = [
        *Page.content_panels,
        *LibraryItemPage.common_panels,
        FieldPanel("image"),
        FieldRowPanel([FieldPanel("document"), FieldPanel("page_count")]),
        FieldPanel("details"),
        *LibraryItemPage.closing_panels,
    ]
    api_fields = [
        *LibraryItemPage.api_fields,
        APIField("document"),
        APIField("page_count"),
        APIField("details"),
    ]

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def clean(self):
        super().clean()
        if self.document and not self.document.file.name.lower().endswith((".pdf", ".docx")):
            raise ValidationError({"document": _("The document must be a PDF or DOCX file.")})
