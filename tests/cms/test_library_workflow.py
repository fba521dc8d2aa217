"""Editors write, moderators approve: the "Biên tập → Duyệt" workflow, driven
through the Wagtail admin as the two people would."""

import pytest
from django.urls import reverse
from wagtail.models import Page, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.demo.permissions import WORKFLOW_NAME, ensure_editorial_setup
from cms.models import GuidePage
from lms.accounts.roles import Role
from lms.framework.models import Competency

pytestmark = pytest.mark.django_db


@pytest.fixture
def workflow(library):
    return ensure_editorial_setup(library["root"])


def guide_form(title, slug, **extra):
    competency = Competency.objects.get(code="ND.4.1")
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Tóm tắt hướng dẫn.",
            "audiences": ["resident", "worker"],
            "difficulty": "basic",
            "estimated_minutes": "5",
            "topics": "VNeID",
            "competency_links": inline_formset([{"competency": competency.pk}], min=1),
            "related_links": inline_formset([]),
            "what_you_need": streamfield([]),
            "steps": streamfield(
                [
                    (
                        "step",
                        {
                            "text": rich_text("<p>Mở ứng dụng VNeID.</p>"),
                            "image": {"image": "", "decorative": "", "alt_text": ""},
                        },
                    )
                ]
            ),
            "common_mistakes": streamfield([]),
            **extra,
        }
    )
    data["audiences"] = ["resident", "worker"]  # a multiple choice: one value per box
    return data


def test_editor_submits_moderator_approves_then_everyone_sees_it(
    client, library, workflow, make_user
):
    shelf = library["shelves"]["resident"]
    assert library["root"].get_workflow().name == WORKFLOW_NAME

    client.force_login(make_user(Role.EDITOR))
    add_url = reverse("wagtailadmin_pages:add", args=("cms", "guidepage", shelf.pk))
    # The slug as Wagtail's admin script makes it from the title (đ → "dj").
    response = client.post(
        add_url,
        guide_form(
            "Đăng nhập Cổng Dịch vụ công bằng VNeID",
            "djang-nhap-cong-dich-vu-cong-bang-vneid",
            **{"action-submit": "submit"},
        ),
    )
    errors = response.context["form"].errors if response.status_code == 200 else None
    assert response.status_code == 302, (
        errors,
        [f.errors for f in response.context["form"].formsets.values()]
        if errors is not None
        else None,
    )
    page = GuidePage.objects.get(title="Đăng nhập Cổng Dịch vụ công bằng VNeID")
    assert page.slug == "dang-nhap-cong-dich-vu-cong-bang-vneid"
    assert not page.live and page.audiences == ["resident", "worker"]
    client.logout()

    # In moderation: invisible to visitors in HTML, search and the API.
    assert client.get(page.url).status_code == 404
    assert "Đăng nhập Cổng" not in client.get("/search/", {"q": "vneid"}).content.decode()
    assert client.get("/api/v2/pages/", {"search": "vneid"}).json()["meta"]["total_count"] == 0
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404

    # The editor cannot approve; a moderator can.
    task_state = TaskState.objects.get(
        workflow_state__base_content_type__isnull=False, status="in_progress"
    )
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)
    )
    client.force_login(make_user(Role.EDITOR))
    client.post(approve, {"comment": ""})
    assert not Page.objects.get(pk=page.pk).live
    client.force_login(make_user(Role.REVIEWER))
    response = client.post(approve, {"comment": "Đạt"})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    client.logout()

    body = client.get(page.url).content.decode()
    assert "Mở ứng dụng VNeID." in body
    assert "Đăng nhập Cổng" in client.get("/search/", {"q": "dang nhap cong"}).content.decode()
    assert client.get("/api/v2/pages/", {"search": "VNEID"}).json()["meta"]["total_count"] == 1
    assert "Đăng nhập Cổng" in client.get(library["shelves"]["worker"].url).content.decode()


def test_admin_form_requires_an_audience_and_a_competency(client, library, workflow, make_user):
    client.force_login(make_user(Role.REVIEWER))
    shelf = library["shelves"]["resident"]
    add_url = reverse("wagtailadmin_pages:add", args=("cms", "guidepage", shelf.pk))
    data = guide_form("Không đối tượng", "khong-doi-tuong", **{"action-publish": "publish"})
    data.pop("audiences")
    data["competency_links-TOTAL_FORMS"] = "0"
    response = client.post(add_url, data)
    assert response.status_code == 200
    assert not GuidePage.objects.filter(title="Không đối tượng").exists()


def test_draft_changes_of_a_live_page_stay_hidden(client, make_item, make_user):
    page = make_item("Bản đang hiện")
    page.title = "Bản nháp sửa đổi chưa duyệt"
    page.summary = "Nội dung nháp bí mật."
    page.save_revision()
    body = client.get(page.url).content.decode()
    assert "Bản đang hiện" in body and "bí mật" not in body
    assert client.get("/search/", {"q": "bi mat"}).context["items"].paginator.count == 0


@pytest.mark.search_index  # the competency chooser's search
@pytest.mark.parametrize(
    "model", ["guidepage", "videopage", "infographicpage", "lessonpage", "documentpage"]
)
def test_editors_get_a_working_form_for_every_item_type(
    client, library, workflow, make_user, model
):
    client.force_login(make_user(Role.EDITOR))
    shelf = library["shelves"]["student"]
    response = client.get(reverse("wagtailadmin_pages:add", args=("cms", model, shelf.pk)))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="audiences"' in body and "competency_links" in body
    assert client.get(reverse("competency_chooser:choose"), {"q": "VNeID"}).status_code == 200
