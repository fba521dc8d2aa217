"""Item pages as a learner and a sharing app see them."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from cms.models import GuidePage, LessonPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["guide", "video", "infographic", "lesson", "document"])
def test_every_item_type_renders_its_content(client, make_item, kind):
    page = make_item(f"Mục {kind}", kind=kind)
    body = client.get(page.url).content.decode()
    assert f"Mục {kind}" in body
    expected = {
        "guide": "Mở ứng dụng.",
        "video": "Lời thoại của video.",
        "infographic": "Nội dung hình.",
        "lesson": "Mã OTP có thể đọc cho người khác.",
        "document": "Mục document",
    }[kind]
    assert expected in body
    assert "ND.4.1" in body  # the competency code is shown


def test_open_graph_twitter_and_canonical(client, make_item):
    page = make_item("Hướng dẫn kích hoạt VNeID mức 2", summary="Kích hoạt trong 10 phút.")
    body = client.get(page.url).content.decode()
    assert page.slug == "huong-dan-kich-hoat-vneid-muc-2"
    assert f'<link rel="canonical" href="http://testserver{page.url}">' in body
    assert '<meta property="og:title" content="Hướng dẫn kích hoạt VNeID mức 2">' in body
    assert '<meta property="og:description" content="Kích hoạt trong 10 phút.">' in body
    image = re.search(r'<meta property="og:image" content="([^"]+)">', body).group(1)
    assert image.startswith("http://testserver/") and "fill-1200x630" in image
    assert '<meta name="twitter:card" content="summary_large_image">' in body


def test_sitemap_lists_live_items_only(client, make_item):
    live = make_item("Đang xuất bản")
    draft = make_item("Bản nháp", publish=False)
    body = client.get("/sitemap.xml").content.decode()
    assert live.slug in body and draft.slug not in body


def test_check_question_without_javascript(client, make_item):
    page = make_item("Bài học", kind="lesson")
    block = next(b for b in page.specific.body if b.block_type == "true_false")
    response = client.post(page.url, {"question": block.id, "answer": "false"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Correct!" in body or "Đúng rồi!" in body
    assert "Không ai được biết mã OTP của bạn." in body


def test_check_question_with_javascript_gets_json(client, make_item):
    page = make_item("Bài học", kind="lesson")
    block = next(b for b in page.specific.body if b.block_type == "single_choice")
    ask = {"HTTP_ACCEPT": "application/json"}
    wrong = client.post(page.url, {"question": block.id, "answer": "0"}, **ask).json()
    right = client.post(page.url, {"question": block.id, "answer": "1"}, **ask).json()
    assert (wrong["correct"], right["correct"]) == (False, True)
    assert right["explanation"] == "Mật khẩu chỉ mình bạn biết."
    bad = client.post(page.url, {"question": block.id, "answer": "9"}, **ask)
    assert bad.status_code == 400
    assert client.post(page.url, {"question": "nope"}).status_code == 200


def test_item_page_weight_under_60kb_gzip(client, make_item):
    page = make_item("Bài học nặng nhất", kind="lesson", topics=["AI", "VNeID"])
    html = client.get(page.url).content
    assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    assert assets, "the page links its stylesheet"
    total = len(gzip.compress(html))
    for asset in assets:
        path = finders.find(asset.decode())
        assert path, asset
        with open(path, "rb") as handle:
            total += len(gzip.compress(handle.read()))
    assert total < 60 * 1024, total


def test_slugs_lose_their_marks_even_when_typed_with_them(library):
    shelf = library["shelves"]["resident"]
    page = GuidePage(
        title="Lừa đảo qua điện thoại",
        slug="lừa-đảo",
        summary="Tóm tắt",
        audience_codes="|resident|",
        steps=[("step", {"text": "<p>Một</p>"})],
    )
    shelf.add_child(instance=page)
    page.full_clean()
    assert page.slug == "lua-dao"


def test_lesson_page_is_an_item_of_type_lesson(make_item):
    page = make_item("Bài", kind="lesson")
    assert isinstance(page.specific, LessonPage) and page.item_type == "lesson"
