"""A large, deterministic library for benchmarks (``manage.py bench_library_data``).

Items of the five types, spread over the audience shelves and the framework's
competencies, with Vietnamese titles built from the subjects the library covers.
Wagtail's ``add_child`` costs about twenty queries a page; here the page rows are
written in bulk: tree paths are computed from each shelf's last child (treebeard's
materialised path), ``wagtailcore_page`` rows are bulk-created, and the item tables
get one multi-row INSERT per batch. No revisions, no Wagtail search index entries:
the site's own search reads the folded ``search_text`` set here, as a save would."""

import random
from datetime import UTC, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from wagtail.models import Page

from cms.models import (
    AudienceIndexPage,
    DocumentPage,
    GuidePage,
    InfographicPage,
    ItemCompetency,
    LessonPage,
    LibraryItemPage,
    VideoPage,
)
from cms.models.audiences import join_audiences
from lms.framework.models import Competency
from lms.text import slugify

SLUG_PREFIX = "bench-"
BATCH = 250
FIRST_PUBLISHED = datetime(2025, 1, 1, tzinfo=UTC)
OPENINGS = [
    "Hướng dẫn",
    "Cách",
    "Mẹo",
    "Những điều cần biết khi",
    "Từng bước",
    "Câu hỏi thường gặp về",
    "Lưu ý an toàn khi",
    "Thực hành",
]
SUBJECTS = [
    "kích hoạt tài khoản định danh điện tử VNeID mức 2",
    "nộp hồ sơ trên Cổng Dịch vụ công quốc gia",
    "thanh toán tiền điện, nước bằng mã QR",
    "nhận biết tin nhắn và cuộc gọi lừa đảo",
    "đặt mật khẩu mạnh và đổi mật khẩu định kỳ",
    "bảo vệ thông tin cá nhân trên mạng xã hội",
    "đặt lịch khám bệnh trực tuyến",
    "tra cứu điểm thi và hồ sơ tuyển sinh",
    "gọi video cho người thân bằng Zalo",
    "mua hàng an toàn trên sàn thương mại điện tử",
    "dùng trợ lý trí tuệ nhân tạo đúng cách",
    "cài đặt và dùng ứng dụng ngân hàng",
    "khai và nộp thuế thu nhập cá nhân điện tử",
    "đăng ký thường trú, tạm trú trực tuyến",
    "chụp và gửi ảnh giấy tờ rõ nét",
    "bật xác thực hai lớp cho tài khoản",
    "tìm kiếm thông tin chính thống trên mạng",
    "soạn văn bản và bảng tính trên điện thoại",
    "lưu trữ tài liệu trên đám mây",
    "họp trực tuyến cho tổ dân phố",
]
AUDIENCE_NOTES = {
    "resident": ["cho người cao tuổi", "cho hộ gia đình", "trên điện thoại"],
    "student": ["cho học sinh", "cho sinh viên", "trong giờ tự học"],
    "official": ["cho cán bộ cấp xã", "tại bộ phận một cửa", "trong công vụ"],
    "worker": ["cho người lao động", "cho tiểu thương", "tại nơi làm việc"],
}
KINDS = [GuidePage, VideoPage, InfographicPage, LessonPage, DocumentPage]


def title_for(rng: random.Random, audience: str, number: int) -> str:
    note = rng.choice(AUDIENCE_NOTES[audience])
    return f"{rng.choice(OPENINGS)} {rng.choice(SUBJECTS)} {note} (bài {number})"


def _content(kind, title: str) -> dict:
    paragraph = f"<p>{title}. Làm theo từng bước, hỏi cán bộ khi chưa rõ.</p>"
    if kind is GuidePage:
        return {"steps": [("step", {"text": paragraph, "image": None})]}
    if kind is VideoPage:
        return {
            "embed_url": "https://example.org/video",
            "transcript": paragraph,
            "duration_seconds": 120,
        }
    if kind is InfographicPage:
        return {"long_description": paragraph}
    if kind is LessonPage:
        return {"body": [("text", paragraph)]}
    return {"details": paragraph, "page_count": 4}


def refresh_planner_statistics(*tables: str) -> None:
    """After a bulk load, as autovacuum would do later: without VACUUM a GIN index's
    own statistics stay empty and PostgreSQL overestimates its cost (it then reads
    5,000 rows for a search the trigram index answers ten times faster)."""
    from django.db import connection

    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")


LIBRARY_TABLES = ("wagtailcore_page", "cms_libraryitempage", "cms_itemcompetency")


def bench_item_count() -> int:
    return LibraryItemPage.objects.filter(slug__startswith=SLUG_PREFIX).count()


def _next_steps(shelf) -> int:
    last = Page.objects.filter(path__startswith=shelf.path, depth=shelf.depth + 1).aggregate(
        last=Max("path")
    )["last"]
    return 0 if last is None else Page._str2int(last[-Page.steplen :])


def _insert_table(model, items) -> None:
    """One multi-row INSERT of ``model``'s own table (its parent rows exist already)."""
    model._base_manager._insert(items, fields=model._meta.local_concrete_fields, raw=True)


@transaction.atomic
def grow_library(total: int, seed: int = 14) -> int:
    """Add bench items until the library holds ``total`` items; returns how many were added."""
    missing = total - LibraryItemPage.objects.count()
    if missing <= 0:
        return 0
    rng = random.Random(seed + bench_item_count())  # noqa: S311 - repeatable bench data
    shelves = list(AudienceIndexPage.objects.order_by("path"))
    competencies = list(Competency.objects.order_by("code").values_list("pk", flat=True))
    start = bench_item_count()
    steps = {shelf.pk: _next_steps(shelf) for shelf in shelves}
    added = {shelf.pk: 0 for shelf in shelves}
    pending = []
    for offset in range(missing):
        number = start + offset + 1
        shelf = shelves[number % len(shelves)]
        kind = KINDS[number % len(KINDS)]
        title = title_for(rng, shelf.audience, number)
        steps[shelf.pk] += 1
        added[shelf.pk] += 1
        slug = f"{SLUG_PREFIX}{number}-{slugify(title, max_length=60)}"
        published = FIRST_PUBLISHED + timedelta(minutes=number)
        item = kind(
            title=title,
            draft_title=title,
            slug=slug,
            summary=f"Bài {number}: {title}.",
            audience_codes=join_audiences([shelf.audience]),
            difficulty="basic" if number % 3 else "advanced",
            estimated_minutes=5 + number % 20,
            depth=shelf.depth + 1,
            path=Page._get_path(shelf.path, shelf.depth + 1, steps[shelf.pk]),
            numchild=0,
            url_path=f"{shelf.url_path}{slug}/",
            locale_id=shelf.locale_id,
            live=True,
            first_published_at=published,
            last_published_at=published,
            content_type=ContentType.objects.get_for_model(kind),
            **_content(kind, title),
        )
        item.item_type = kind.item_type_code
        item.refresh_search_text()
        pending.append((item, competencies[number % len(competencies)] if competencies else None))
        if len(pending) >= BATCH:
            _write(pending)
            pending = []
    if pending:
        _write(pending)
    for shelf in shelves:
        Page.objects.filter(pk=shelf.pk).update(numchild=shelf.numchild + added[shelf.pk])
    return missing


def _write(pending) -> None:
    items = [item for item, _competency in pending]
    page_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
    rows = Page.objects.bulk_create(
        [Page(**{name: getattr(item, name) for name in page_fields}) for item in items]
    )
    for item, row in zip(items, rows, strict=True):
        item.pk = item.page_ptr_id = item.libraryitempage_ptr_id = row.pk
    _insert_table(LibraryItemPage, items)
    for kind in KINDS:
        of_kind = [item for item in items if type(item) is kind]
        if of_kind:
            _insert_table(kind, of_kind)
    ItemCompetency.objects.bulk_create(
        [
            ItemCompetency(page_id=item.pk, competency_id=competency, sort_order=0)
            for item, competency in pending
            if competency
        ]
    )
