"""The "học tiếp" links: library items for the competencies a learner missed."""

import pytest

from cms.recommend import items_for_competencies
from tests.cms.fixtures import framework, library, make_image, make_item  # noqa: F401

pytestmark = pytest.mark.django_db


def test_items_covering_more_of_the_weak_competencies_come_first(make_item):  # noqa: F811
    make_item("Mật khẩu mạnh", competencies=("ND.4.1",))
    make_item("An toàn khi thanh toán", competencies=("ND.4.1", "ND.4.2"))
    make_item("Chỉ cho học sinh", audiences=("student",), competencies=("ND.4.1",))
    make_item("Bản nháp", competencies=("ND.4.1",), publish=False)
    make_item("Chủ đề khác", competencies=("ND.1.1",))

    links = items_for_competencies(["ND.4.1", "ND.4.2"], audience="resident", limit=5)

    assert [title for title, _url in links] == ["An toàn khi thanh toán", "Mật khẩu mạnh"]
    assert all(url.startswith("/thu-vien/") for _title, url in links)


def test_no_codes_no_links(make_item):  # noqa: F811
    make_item("Mật khẩu mạnh", competencies=("ND.4.1",))
    assert items_for_competencies([], audience="resident") == []
