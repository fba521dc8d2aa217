"""Turn cms.demo.content into published pages, with drawn images, PDFs,
captions and (pre-recorded, drawn) demo videos."""

import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.models import (
    DocumentPage,
    GuidePage,
    InfographicPage,
    ItemCompetency,
    LessonPage,
    LibraryItemPage,
    RelatedItem,
    VideoPage,
)
from cms.models.audiences import join_audiences
from lms.framework.models import Competency, FrameworkVersion

from . import drawing
from .content import ITEMS

ASSETS = Path(__file__).resolve().parent / "assets"
KIND_LABELS = {
    "guide": "Hướng dẫn nhanh",
    "video": "Video",
    "infographic": "Infographic",
    "lesson": "Bài học tương tác",
    "document": "Tài liệu",
}


def _image(title: str, alt: str, render) -> object:
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        # ImageFile (not ContentFile) so width and height are read from the bytes.
        data = ImageFile(io.BytesIO(render()), name=f"{drawing_name(title)}.png")
        image = Image.objects.create(title=title, description=alt[:255], file=data)
    return image


def _document(title: str, filename: str, data: bytes) -> object:
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(data), save=False)
        document.save()
    return document


def drawing_name(title: str) -> str:
    from cms.text import slugify_vi

    return slugify_vi(title, max_length=60)


def _cover(spec) -> object:
    motif, palette = spec["cover"]
    return _image(
        f"Ảnh bìa: {spec['title']}",
        f"Hình minh họa: {spec['title']}",
        lambda: drawing.cover(spec["title"], KIND_LABELS[spec["kind"]], motif, palette),
    )


def _vtt(cues: list[tuple[int, str]], duration: int) -> bytes:
    def stamp(seconds):
        return f"00:{seconds // 60:02d}:{seconds % 60:02d}.000"

    lines = ["WEBVTT", ""]
    for index, (start, text) in enumerate(cues):
        end = cues[index + 1][0] if index + 1 < len(cues) else duration
        lines += [f"{stamp(start)} --> {stamp(end)}", text, ""]
    return "\n".join(lines).encode()


def _step_blocks(spec):
    steps = []
    for index, (text, screen) in enumerate(spec["steps"], start=1):
        image = None
        if screen:
            screen_title, lines, button, alt = screen
            picture = _image(
                f"Minh họa bước {index}: {spec['title']}",
                alt,
                lambda screen_title=screen_title, lines=lines, button=button: drawing.phone_screen(
                    screen_title, lines, button
                ),
            )
            image = {"image": picture, "decorative": False, "alt_text": alt}
        steps.append(("step", {"text": text, "image": image}))
    return steps


def _lesson_blocks(spec):
    body = []
    for kind, value in spec["body"]:
        if kind == "single_choice":
            value = {
                **value,
                "choices": [
                    {"text": text, "correct": correct} for text, correct in value["choices"]
                ],
            }
        body.append((kind, value))
    return body


def _build(spec) -> LibraryItemPage:
    kind = spec["kind"]
    common = {
        "title": spec["title"],
        "slug": spec["slug"],
        "summary": spec["summary"],
        "estimated_minutes": spec["minutes"],
        "difficulty": spec.get("difficulty", "basic"),
        "audience_codes": join_audiences(spec["audiences"]),
        "search_description": spec["summary"],
    }
    if kind == "guide":
        return GuidePage(
            **common,
            image=_cover(spec),
            what_you_need=[("item", text) for text in spec["need"]],
            steps=_step_blocks(spec),
            common_mistakes=[("mistake", {"mistake": m, "fix": f}) for m, f in spec["mistakes"]],
        )
    if kind == "infographic":
        picture = _image(
            f"Infographic: {spec['title']}",
            f"Infographic: {spec['title']}. Nội dung đầy đủ ở phần chữ bên dưới.",
            lambda: drawing.infographic(
                spec["title"], spec["points"], spec["palette"], spec["motif"]
            ),
        )
        text = "".join(
            f"<h3>{index}. {heading}</h3><p>{body}</p>"
            for index, (heading, body) in enumerate(spec["points"], start=1)
        )
        return InfographicPage(**common, image=picture, long_description=text)
    if kind == "lesson":
        return LessonPage(**common, image=_cover(spec), body=_lesson_blocks(spec))
    if kind == "document":
        data, pages = drawing.pdf_pages(spec["title"], spec["sections"])
        document = _document(spec["title"], f"{spec['slug']}.pdf", data)
        return DocumentPage(
            **common,
            image=_cover(spec),
            document=document,
            page_count=pages,
            details=spec["details"],
        )
    if kind == "video":
        video = _document(
            f"Video: {spec['title']}",
            f"{spec['video']}.webm",
            (ASSETS / f"{spec['video']}.webm").read_bytes(),
        )
        captions = _document(
            f"Phụ đề: {spec['title']}",
            f"{spec['video']}.vtt",
            _vtt(spec["transcript"], spec["duration"]),
        )
        transcript = "".join(f"<p>{text}</p>" for _start, text in spec["transcript"])
        return VideoPage(
            **common,
            image=_cover(spec),
            video_file=video,
            captions=captions,
            transcript=transcript,
            duration_seconds=spec["duration"],
        )
    raise ValueError(kind)


@transaction.atomic
def ensure_items(shelves) -> int:
    framework = FrameworkVersion.objects.current()
    competencies = {c.code: c for c in Competency.objects.filter(framework=framework)}
    created = 0
    for spec in ITEMS:
        if LibraryItemPage.objects.filter(slug=spec["slug"]).exists():
            continue
        page = _build(spec)
        page.competency_links = [
            ItemCompetency(competency=competencies[code])
            for code in spec["competencies"]
            if code in competencies
        ]
        page.topics.add(*spec["topics"])
        shelves[spec["shelf"]].add_child(instance=page)
        page.save_revision().publish()
        created += 1
    # Related items last, once every target exists; published so revisions keep them.
    pages = {page.slug: page for page in LibraryItemPage.objects.all()}
    for spec in ITEMS:
        page = pages[spec["slug"]].specific
        if page.related_links.exists():
            continue
        targets = [pages[slug] for slug in spec.get("related", []) if slug in pages]
        if targets:
            page.related_links = [RelatedItem(item=target) for target in targets]
            page.save_revision().publish()
    return created
