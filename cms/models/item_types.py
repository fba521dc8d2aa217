"""The five library item types: each adds its own content, in a child table, to what
every item has (items.py)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms import blocks

from .items import LibraryItemPage
from .types import ItemType

VIDEO_EXTENSIONS = (".mp4", ".webm")
# Lesson blocks a learner answers (cms/templates/cms/lesson_page.html).
CHECK_BLOCK_TYPES = ("single_choice", "true_false")


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
