"""Library fixtures, shared by tests/cms and tests/e2e: a framework, a site with
the library tree, and a factory for published items. The home page and the
shelves are among the session's shared rows (tests/shared_rows.py); the items
each test makes are its own."""

import io
import itertools

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage

from tests import conftest as _root

# The one framework fixture lives in tests/conftest.py; other suites import it from here.
framework = _root.framework

_counter = itertools.count(1)


@pytest.fixture
def library(framework, settings, tmp_path):
    """Home → library root → the four audience shelves, published: looked up
    (built once per session), or built again after a flush without them."""
    settings.MEDIA_ROOT = tmp_path / "media"
    from cms.demo import ensure_home_page, ensure_library

    home = ensure_home_page()
    root, shelves = ensure_library(home)
    return {"home": home, "root": root, "shelves": shelves}


def png_bytes(size=(64, 36), color="#b4231b") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def make_image(db):
    from wagtail.images.models import Image

    def make(title=None):
        title = title or f"Ảnh {next(_counter)}"
        return Image.objects.create(
            title=title,
            description=f"Mô tả {title}",
            file=ImageFile(io.BytesIO(png_bytes()), name="anh.png"),
        )

    return make


@pytest.fixture
def make_item(library, make_image):
    """A published item of any type, with sensible content for that type."""
    from cms import models as cms
    from cms.models.audiences import join_audiences
    from lms.framework.models import Competency

    def make(
        title="Hướng dẫn thử",
        *,
        kind="guide",
        audiences=("resident",),
        shelf=None,
        competencies=("ND.4.1",),
        topics=(),
        summary="Tóm tắt ngắn gọn.",
        publish=True,
        image=True,
        **fields,
    ):
        audiences = list(audiences)
        common = dict(
            title=title,
            summary=summary,
            audience_codes=join_audiences(audiences),
            image=make_image() if image else None,
            live=False,
            **fields,
        )
        if kind == "guide":
            page = cms.GuidePage(
                **common, steps=[("step", {"text": "<p>Mở ứng dụng.</p>", "image": None})]
            )
        elif kind == "video":
            page = cms.VideoPage(
                **common,
                embed_url="https://example.org/video",
                transcript="<p>Lời thoại của video.</p>",
                duration_seconds=65,
            )
        elif kind == "infographic":
            page = cms.InfographicPage(**common, long_description="<p>Nội dung hình.</p>")
        elif kind == "lesson":
            page = cms.LessonPage(**common, body=LESSON_BODY)
        elif kind == "document":
            from django.core.files.base import ContentFile
            from wagtail.documents.models import Document

            document = Document(title="Tài liệu")
            document.file.save("tai-lieu.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
            document.save()
            page = cms.DocumentPage(**common, document=document, page_count=3)
        else:
            raise ValueError(kind)
        page.competency_links = [
            cms.ItemCompetency(competency=c)
            for c in Competency.objects.filter(code__in=competencies)
        ]
        if topics:
            page.topics.add(*topics)
        parent = library["shelves"][shelf or audiences[0]]
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        page.refresh_from_db()
        return page

    return make


LESSON_BODY = [
    ("text", "<p>Đọc kỹ trước khi trả lời.</p>"),
    (
        "true_false",
        {
            "statement": "Mã OTP có thể đọc cho người khác.",
            "is_true": False,
            "explanation": "Không ai được biết mã OTP của bạn.",
        },
    ),
    (
        "single_choice",
        {
            "question": "Ai được biết mật khẩu của bạn?",
            "choices": [
                {"text": "Nhân viên ngân hàng", "correct": False},
                {"text": "Chỉ mình bạn", "correct": True},
            ],
            "explanation": "Mật khẩu chỉ mình bạn biết.",
        },
    ),
]
