"""The role-aware home: each role sees exactly the tools it can open."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from lms.accounts.roles import Role
from lms.accounts.tools import TOOLS

ROLES = [
    Role.LEARNER,
    Role.INSTRUCTOR,
    Role.EDITOR,
    Role.REVIEWER,
    Role.UNIT_MANAGER,
    Role.ADMINISTRATOR,
]


@pytest.fixture
def person(make_user, unit_tree):
    def make(role):
        # A unit manager manages their home unit's subtree.
        return make_user(role, home_unit=unit_tree["hoan_kiem"])

    return make


def _tool_links(html: str) -> dict[str, str]:
    return dict(re.findall(r'<li data-tool="([a-z_]+)"><a href="([^"]+)"', html))


def _followed(client, url):
    """The final answer and its address, following redirects inside the site."""
    response = client.get(url)
    while response.status_code in (301, 302) and response.url.startswith("/"):
        url = response.url
        response = client.get(url)
    return response, url


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_the_home_links_exactly_the_tools_the_role_can_open(client, person, role):
    client.force_login(person(role))
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    shown = _tool_links(response.content.decode())
    for tool in TOOLS:
        opened, final_url = _followed(client, tool.url)
        if tool.key in shown:
            assert shown[tool.key] == tool.url
            assert opened.status_code == 200, (role, tool.key, opened.status_code)
        else:
            # Refused: 403, or (Wagtail's and Django's admins) their own login page.
            refused = opened.status_code == 403 or "login" in final_url
            assert refused, (role, tool.key, opened.status_code, final_url)


EXPECTED = {
    Role.LEARNER: {"quiz_list", "join_live", "my_classes", "my_data"},
    Role.INSTRUCTOR: {
        "classes",
        "live",
        "quizzes",
        "bank",
        "import",
        "grading",
        "print_certificates",
    },
    Role.EDITOR: {"quizzes", "bank", "import", "library_admin"},
    Role.REVIEWER: {"quizzes", "bank", "library_admin"},
    Role.UNIT_MANAGER: {
        "classes",
        "quizzes",
        "units",
        "people",
        "audit",
        "movement",
        "export_certificates",
        "print_certificates",
    },
    # Not the tools of a place in the movement (a team's member, an ambassador):
    # those follow what the person is, not a role (tests/movement/test_roles_browser.py).
    Role.ADMINISTRATOR: {t.key for t in TOOLS} - {"my_team", "my_learners"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_its_own_tools_first_in_vietnamese(client, person, role):
    client.force_login(person(role))
    html = client.get(reverse("accounts:dashboard")).content.decode()
    shown = list(_tool_links(html))
    learning = {"quiz_list", "join_live", "my_classes", "my_data"}
    assert set(shown) == EXPECTED[role] | learning
    # Staff tools come before the learner's own.
    staff = [key for key in shown if key not in learning]
    assert shown[: len(staff)] == staff
    if role == Role.INSTRUCTOR:
        assert "Mở lớp học trực tiếp" in html
        assert "Ngân hàng câu hỏi" in html
    if role == Role.UNIT_MANAGER:
        assert "Xuất danh sách giấy chứng nhận" in html
        assert "In giấy chứng nhận của cả lớp" in html


@pytest.mark.django_db
def test_tool_labels_are_translated():
    for tool in TOOLS:
        with translation.override("en"):
            english = (str(tool.label), str(tool.help))
        with translation.override("vi"):
            assert (str(tool.label), str(tool.help)) != english
            assert str(tool.label) != english[0] and str(tool.help) != english[1], tool.key
