"""The Wagtail admin makes the slug from a Vietnamese title the way the server
does (cms/text.py): no letters dropped, đ → d. Typed in headless Chromium."""

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from cms.demo.permissions import ensure_editorial_setup
from lms.accounts.roles import Role
from tests.cms.fixtures import framework, library  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLES = {
    "Gọi cấp cứu 115 và báo cháy 114 đúng cách": "goi-cap-cuu-115-va-bao-chay-114-dung-cach",
    "Đăng nhập VNeID mức 2: Ứng dụng ở Đồng Tháp": "dang-nhap-vneid-muc-2-ung-dung-o-dong-thap",
}


def test_slug_typed_from_a_vietnamese_title_keeps_every_letter(
    live_server,
    browser,
    library,  # noqa: F811
    make_user,
    client,
):
    from cms.text import slugify_vi

    ensure_editorial_setup(library["root"])
    shelf = library["shelves"]["resident"]
    client.force_login(make_user(Role.EDITOR))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    add_url = reverse("wagtailadmin_pages:add", args=["cms", "guidepage", shelf.pk])
    for title, expected in TITLES.items():
        assert slugify_vi(title) == expected  # the server's rule
        page.goto(live_server.url + add_url)
        page.locator("#id_title").fill("")
        page.locator("#id_title").press_sequentially(title)
        slug = page.locator("#id_slug")
        # The admin fills the slug as the title is typed, a moment behind the last
        # key: wait for the whole title's slug (a prefix of it is not an answer).
        expect(slug).to_have_value(expected)
        # Leaving the slug field (blur re-cleans it) keeps the same slug.
        slug.focus()
        page.locator("#id_title").focus()
        expect(slug).to_have_value(expected)
    context.close()
