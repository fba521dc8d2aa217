"""Issue 15 §3: a page saved without a slug (a draft from code, an import, an
editor who emptied the slug field) gets the same folded slug as the admin's
script: "lừa đảo" → "lua-dao", never Django's "lua-ao", de-duplicated among
its siblings."""

import pytest

from tests.cms.fixtures import framework, library, make_image, make_item  # noqa: F401


@pytest.mark.django_db
def test_a_draft_without_a_slug_keeps_every_letter(make_item):  # noqa: F811
    first = make_item("Nhận diện tin nhắn lừa đảo", publish=False)
    second = make_item("Nhận diện tin nhắn lừa đảo", publish=False)
    assert first.slug == "nhan-dien-tin-nhan-lua-dao"
    assert second.slug == "nhan-dien-tin-nhan-lua-dao-2"


@pytest.mark.django_db
def test_a_published_page_and_a_typed_slug_are_folded_too(make_item):  # noqa: F811
    assert make_item("Gọi cấp cứu 115 và báo cháy 114 đúng cách").slug == (
        "goi-cap-cuu-115-va-bao-chay-114-dung-cach"
    )
    assert make_item("Thử", slug="Đường-dây-nóng").slug == "duong-day-nong"
