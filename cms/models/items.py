"""Library items (học liệu). One concrete base table holds what every item has
(audiences, competencies, time, summary, search text), so lists and search read
a single table; each item type adds its own content in a child table
(item_types.py)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
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
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.body_cache import body_cache_context
from lms.audiences import Audience
from lms.text import search_key

from .audiences import split_audiences
from .base import PublicPageMixin
from .forms import LibraryItemForm
from .topics import LibraryTopic
from .types import Difficulty, ItemType


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
