"""The class pages hold to the strict Content-Security-Policy: no inline
script or style, the attendance script comes from a file."""

import pytest
from django.urls import reverse

from tests.csp.test_pages import assert_strict

pytestmark = pytest.mark.django_db


def test_class_pages_need_no_inline_code(client, people, community_class, add_members):
    add_members(2)
    session = community_class.sessions.first()
    client.force_login(people["instructor"])
    pages = [
        reverse("classes:index"),
        reverse("classes:create"),
        reverse("classes:detail", args=[community_class.pk]),
        reverse("classes:add_learner", args=[community_class.pk]),
        reverse("classes:import_roster", args=[community_class.pk]),
        reverse("classes:cards", args=[community_class.pk]),
        reverse("classes:attendance", args=[community_class.pk, session.pk]),
        reverse("classes:check_in_code", args=[community_class.pk, session.pk]),
        reverse("classes:report", args=[community_class.pk]),
        reverse("classes:card_sign_in"),
        reverse("classes:mine"),
    ]
    for url in pages:
        assert_strict(client.get(url))
    assert_strict(client.post(reverse("classes:print_cards", args=[community_class.pk])))
