"""Issue 15 §5: a field's help text and its errors are connected to it. Django's
widgets point ``aria-describedby`` at ``<id>_helptext`` and ``<id>_error``; every
id a page names must be on that page, or a screen reader reads nothing."""

import re

import pytest

from lms.accounts.roles import Role

DESCRIBED = re.compile(r'aria-describedby="([^"]+)"')


def missing_descriptions(html: str) -> list[str]:
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    named = [name for value in DESCRIBED.findall(html) for name in value.split()]
    return [name for name in named if name not in ids]


@pytest.mark.django_db
def test_sign_up_help_texts_and_errors_are_what_the_fields_point_to(client, unit_tree):
    html = client.get("/accounts/signup/").content.decode()
    assert 'aria-describedby="id_full_name_helptext"' in html
    assert missing_descriptions(html) == []
    # Sent with mistakes: each wrong field points at its help and at its error.
    html = client.post("/accounts/signup/", {"full_name": "", "phone": "12"}).content.decode()
    assert re.search(r'aria-describedby="id_phone_helptext id_phone_error"', html)
    assert '<div id="id_phone_error">' in html
    assert missing_descriptions(html) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/accounts/me/audience/",
        "/quizzes/manage/questions/new/",
        "/quizzes/manage/quizzes/new/",
        "/classes/new/",
        "/privacy/",
    ],
)
def test_every_described_field_finds_its_description(client, make_user, unit_tree, path):
    client.force_login(make_user(Role.INSTRUCTOR, home_unit=unit_tree["hoan_kiem"]))
    response = client.get(path)
    assert response.status_code == 200
    assert missing_descriptions(response.content.decode()) == []
