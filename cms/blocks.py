"""StreamField blocks shared by the library item pages. Every block renders
with its own template and carries a preview value for the admin's block picker."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

# Rich text in learner content stays simple: no headings beyond h3, no embeds.
TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class LabelledImageBlock(ImageBlock):
    """Wagtail's image block with alt text. Its chooser's label is made from the
    field name ("Image"), outside gettext, so editors saw English there."""

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        self.child_blocks["image"].label = _("Image")


class StepBlock(blocks.StructBlock):
    """One numbered step of a quick guide; the number comes from its position."""

    text = blocks.RichTextBlock(features=TEXT_FEATURES, label=_("What to do"))
    image = LabelledImageBlock(required=False, label=_("Screenshot"))

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "cms/blocks/step.html"
        preview_value = {"text": "<p>Mở ứng dụng VNeID trên điện thoại.</p>"}


class MistakeBlock(blocks.StructBlock):
    mistake = blocks.CharBlock(max_length=200, label=_("Common mistake"))
    fix = blocks.TextBlock(label=_("How to avoid or fix it"))

    class Meta:
        icon = "warning"
        label = _("Common mistake")
        template = "cms/blocks/mistake.html"
        preview_value = {
            "mistake": "Chụp ảnh giấy tờ bị lóa sáng",
            "fix": "Đặt giấy tờ trên mặt phẳng tối màu, tránh đèn chiếu thẳng.",
        }


class VideoBlock(blocks.StructBlock):
    """A video inside a lesson: an uploaded MP4/WebM document or an embed URL."""

    file = DocumentChooserBlock(required=False, label=_("Video file (MP4 or WebM)"))
    embed = EmbedBlock(required=False, label=_("Or an embed URL"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        icon = "media"
        label = _("Video")
        template = "cms/blocks/video.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("file")) == bool(value.get("embed")):
            raise StructBlockValidationError(
                block_errors={"file": ValidationError(_("Choose a video file or an embed URL."))}
            )
        return value


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=250, label=_("Answer"))
    correct = blocks.BooleanBlock(required=False, label=_("Correct answer"))

    class Meta:
        icon = "radio-full"
        label = _("Answer")


class SingleChoiceBlock(blocks.StructBlock):
    """A check question with one correct answer; feedback comes straight away."""

    question = blocks.CharBlock(max_length=300, label=_("Question"))
    choices = blocks.ListBlock(ChoiceBlock(), min_num=2, max_num=6, label=_("Answers"))
    explanation = blocks.TextBlock(label=_("Explanation shown after answering"))

    class Meta:
        icon = "help"
        label = _("Check question: single choice")
        template = "cms/blocks/check_question.html"
        preview_value = {
            "question": "Công an có gọi điện yêu cầu chuyển tiền để “xác minh” không?",
            "choices": [
                {"text": "Có, nếu là công an phường", "correct": False},
                {"text": "Không bao giờ", "correct": True},
            ],
            "explanation": "Cơ quan công an không làm việc hay yêu cầu chuyển tiền qua điện thoại.",
        }

    def clean(self, value):
        value = super().clean(value)
        if sum(1 for choice in value["choices"] if choice["correct"]) != 1:
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Mark exactly one correct answer."))}
            )
        return value


class TrueFalseBlock(blocks.StructBlock):
    statement = blocks.CharBlock(max_length=300, label=_("Statement"))
    is_true = blocks.BooleanBlock(required=False, label=_("The statement is true"))
    explanation = blocks.TextBlock(label=_("Explanation shown after answering"))

    class Meta:
        icon = "tick"
        label = _("Check question: true or false")
        template = "cms/blocks/check_question.html"
        preview_value = {
            "statement": "Mã OTP có thể đọc cho nhân viên ngân hàng qua điện thoại.",
            "is_true": False,
            "explanation": "Không ai được biết mã OTP của bạn, kể cả nhân viên ngân hàng.",
        }


class LessonStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        features=TEXT_FEATURES, label=_("Text"), icon="pilcrow", template="cms/blocks/text.html"
    )
    image = LabelledImageBlock(label=_("Image"), template="cms/blocks/image.html")
    video = VideoBlock()
    single_choice = SingleChoiceBlock()
    true_false = TrueFalseBlock()


def check_answer(block, answer: str) -> tuple[bool, str] | None:
    """Judge one answer to a lesson's check question (a StreamChild). Returns
    (correct, explanation), or None when the answer is not one the block offers."""
    value = block.value
    if block.block_type == "true_false":
        if answer not in ("true", "false"):
            return None
        return (answer == "true") == bool(value["is_true"]), value["explanation"]
    if block.block_type == "single_choice":
        choices = list(value["choices"])
        if not answer.isdigit() or int(answer) >= len(choices):
            return None
        return bool(choices[int(answer)]["correct"]), value["explanation"]
    return None
