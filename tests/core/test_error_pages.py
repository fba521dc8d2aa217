"""Styled Vietnamese error pages, and no login loop for signed-in users."""

import pytest
from django.template.loader import get_template
from django.urls import reverse

from lms.accounts.roles import Role

STAFF_PAGES = [
    "/live/new/",
    "/quizzes/manage/questions/",
    "/quizzes/manage/questions/new/",
    "/quizzes/manage/questions/import/",
    "/quizzes/manage/quizzes/",
    "/quizzes/manage/quizzes/new/",
    "/quizzes/manage/grading/",
    "/certificates/print/",
    "/certificates/export/",
    "/units/",
    "/accounts/manage/people/",
    "/classes/",
    "/classes/new/",
    "/phong-trao/00070/",
    "/audit/",
    "/audit/export.xlsx",
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.LEARNER, Role.UNIT_MANAGER])
def test_live_new_answers_403_not_a_login_loop(client, make_user, unit_tree, role):
    client.force_login(make_user(role, home_unit=unit_tree["hoan_kiem"]))
    response = client.get("/live/new/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Trang này dành cho giảng viên" in html
    assert "Về trang chủ" in html
    assert 'lang="vi"' in html
    assert "site.css" in html  # the site's own layout, not a bare "403 Forbidden"


@pytest.mark.django_db
@pytest.mark.parametrize("path", STAFF_PAGES)
def test_every_staff_page_answers_the_styled_403_to_a_learner(client, make_user, path):
    client.force_login(make_user(Role.LEARNER))
    response = client.get(path)
    assert response.status_code == 403, path
    html = response.content.decode()
    assert "Trang này dành cho" in html
    assert "Bạn không thể mở trang này" in html
    assert "403 Forbidden" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", STAFF_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in_with_a_reason(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login") + "?next=")
    login_page = client.get(response.url).content.decode()
    assert "Vui lòng đăng nhập để mở trang này." in login_page


@pytest.mark.django_db
def test_unknown_address_answers_the_styled_404(client, make_user):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert "Về trang chủ" in html
    assert "site.css" in html


def test_the_500_page_renders_without_request_or_database():
    html = get_template("500.html").render()
    assert "Đã có lỗi xảy ra" in html
    assert "site.css" in html
    assert 'href="/"' in html
