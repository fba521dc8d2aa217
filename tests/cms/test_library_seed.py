"""seed_demo's library: enough real items, every type and audience, idempotent."""

import io

import pytest
from wagtail.models import GroupPagePermission

from cms.demo import seed
from cms.demo.permissions import WORKFLOW_NAME
from cms.models import ItemType, LibraryItemPage, LibraryRootPage
from lms.audiences import Audience

pytestmark = pytest.mark.django_db


def test_seed_builds_the_library_once(framework, settings, tmp_path, client):
    settings.MEDIA_ROOT = tmp_path
    seed(stdout=io.StringIO())
    items = LibraryItemPage.objects.live()
    assert items.count() >= 16
    assert set(items.values_list("item_type", flat=True)) == set(ItemType.values)
    for audience in Audience.values:
        assert items.filter(audience_codes__contains=f"|{audience}|").count() >= 3
    for item in items:
        assert item.competency_links.exists() and item.image_id and item.search_text
        assert item.slug.isascii()
    root = LibraryRootPage.objects.get()
    assert root.get_workflow().name == WORKFLOW_NAME
    assert GroupPagePermission.objects.filter(
        page=root, group__name="Moderators", permission__codename="publish_page"
    ).exists()
    assert not GroupPagePermission.objects.filter(
        page=root, group__name="Editors", permission__codename="publish_page"
    ).exists()
    count = items.count()
    seed(stdout=io.StringIO())
    assert LibraryItemPage.objects.count() == count
    vneid = client.get("/thu-vien/nguoi-dan/huong-dan-kich-hoat-vneid-muc-2/")
    assert vneid.status_code == 200 and "VNeID" in vneid.content.decode()
    video = client.get("/thu-vien/nguoi-dan/nhan-biet-cuoc-goi-lua-dao/").content.decode()
    assert "<video" in video and "<track" in video
