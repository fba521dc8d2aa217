"""The Wagtail admin's competency and image choosers find titles typed without marks."""

import pytest
from django.urls import reverse

from lms.accounts.roles import Role

# The choosers keep every hit of Wagtail's own search beside the folded titles.
pytestmark = [pytest.mark.django_db, pytest.mark.search_index]


def chosen(client, url_name, query) -> list:
    response = client.get(reverse(url_name), {"q": query})
    assert response.status_code == 200
    return sorted(item.pk for item in response.context["results"])


@pytest.fixture
def images(make_image):
    return [
        make_image("Lừa đảo qua điện thoại"),
        make_image("Gọi cấp cứu 115"),
        make_image("Mật khẩu mạnh"),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [("lua dao", 0), ("goi cap cuu", 1), ("Gọi cấp cứu", 1), ("LỪA", 0)],
)
def test_image_chooser_search_folds_marks(client, images, make_user, query, expected):
    client.force_login(make_user(Role.EDITOR))
    pks = [images[expected].pk]
    assert chosen(client, "wagtailimages_chooser:choose_results", query) == pks
    assert chosen(client, "wagtailimages_chooser:choose", query) == pks


def test_competency_chooser_search_folds_marks(client, framework, make_user):
    from lms.framework.models import Competency

    client.force_login(make_user(Role.EDITOR))
    expected = sorted(
        c.pk for c in Competency.objects.filter(framework=framework, name__icontains="lừa đảo")
    )
    assert len(expected) == 2
    assert chosen(client, "competency_chooser:choose_results", "lua dao") == expected
    assert chosen(client, "competency_chooser:choose", "lua dao") == expected
    assert chosen(client, "competency_chooser:choose_results", "lừa đảo") == expected
