"""Starting an item in the admin: the audience of its shelf is ticked, and an
autosaved draft never blocks the editor from sending the form they started."""

import re

import pytest
from django.urls import reverse

from cms.demo.permissions import ensure_editorial_setup
from cms.models import GuidePage
from lms.accounts.roles import Role
from tests.cms.test_library_workflow import guide_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def workflow(library):
    return ensure_editorial_setup(library["root"])


def _add_url(shelf, model="guidepage"):
    return reverse("wagtailadmin_pages:add", args=("cms", model, shelf.pk))


def _checked_audiences(html: str) -> set[str]:
    boxes = re.findall(r'<input type="checkbox" name="audiences"[^>]*>', html)
    return {re.search(r'value="([^"]+)"', box).group(1) for box in boxes if " checked" in box}


@pytest.mark.parametrize("audience", ["resident", "worker"])
def test_a_new_item_starts_with_its_shelfs_audience_ticked(
    client, library, workflow, make_user, audience
):
    client.force_login(make_user(Role.EDITOR))
    response = client.get(_add_url(library["shelves"][audience]))
    assert response.status_code == 200
    assert _checked_audiences(response.content.decode()) == {audience}


@pytest.mark.parametrize("model", ["videopage", "infographicpage", "lessonpage", "documentpage"])
def test_every_item_type_under_the_residents_page_starts_with_residents_ticked(
    client, library, workflow, make_user, model
):
    client.force_login(make_user(Role.EDITOR))
    response = client.get(_add_url(library["shelves"]["resident"], model))
    assert response.status_code == 200
    assert _checked_audiences(response.content.decode()) == {"resident"}


@pytest.mark.reference_index  # the edit screen shows the page's usage count
def test_editing_keeps_the_items_own_audiences(client, library, workflow, make_user, make_item):
    item = make_item("Hướng dẫn cho công nhân", audiences=("worker", "student"))
    client.force_login(make_user(Role.EDITOR))
    response = client.get(reverse("wagtailadmin_pages:edit", args=(item.pk,)))
    assert _checked_audiences(response.content.decode()) == {"worker", "student"}


def test_sending_the_new_page_form_after_an_autosave_finishes_that_draft(
    client, library, workflow, make_user
):
    shelf = library["shelves"]["resident"]
    editor = make_user(Role.EDITOR)
    client.force_login(editor)
    title = "Gọi cấp cứu 115 và báo cháy 114 đúng cách"
    slug = "goi-cap-cuu-115-va-bao-chay-114-dung-cach"

    # Wagtail's autosave posts the new-page form in the background (JSON).
    autosaved = client.post(
        _add_url(shelf), guide_form(title, slug), HTTP_ACCEPT="application/json"
    )
    assert autosaved.status_code == 200 and autosaved.json()["success"] is True
    draft = GuidePage.objects.get(slug=slug)
    assert not draft.live

    # The editor, still on the "new page" form, finishes and submits it for review.
    data = guide_form(title, slug, summary="Tóm tắt cuối cùng.", **{"action-submit": "submit"})
    response = client.post(_add_url(shelf), data)
    assert response.status_code == 302, (
        response.context["form"].errors if response.status_code == 200 else response
    )
    assert GuidePage.objects.filter(slug=slug).count() == 1
    page = GuidePage.objects.get(slug=slug)
    assert page.pk == draft.pk
    latest = page.get_latest_revision_as_object()
    assert latest.summary == "Tóm tắt cuối cùng."
    assert page.current_workflow_state is not None  # it went to review


def test_another_editors_draft_with_the_same_slug_is_left_alone(
    client, library, workflow, make_user
):
    shelf = library["shelves"]["resident"]
    slug = "mot-tieu-de"
    client.force_login(make_user(Role.EDITOR))
    client.post(_add_url(shelf), guide_form("Một tiêu đề", slug), HTTP_ACCEPT="application/json")
    client.force_login(make_user(Role.EDITOR))
    response = client.post(_add_url(shelf), guide_form("Một tiêu đề", slug))
    assert response.status_code == 200  # the form again, with the slug error
    assert "slug" in response.context["form"].errors
    assert GuidePage.objects.filter(slug=slug).count() == 1
