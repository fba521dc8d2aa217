"""The easy reading mode: a visible switch that works without JavaScript, is
remembered on the device and on the account, and never mixes in the page cache."""

import pytest
from django.urls import reverse

from lms.accounts.roles import Role
from lms.inclusion.easy_mode import COOKIE
from tests.cms.fixtures import framework, library  # noqa: F401

TOGGLE = reverse("inclusion:toggle_easy_mode")


@pytest.mark.django_db
def test_the_switch_works_without_javascript_and_is_remembered(client, make_user):
    page = client.get("/accounts/login/").content.decode()
    assert "Chữ to, dễ đọc" in page and 'class="easy-mode"' not in page
    response = client.post(TOGGLE, {"next": "/accounts/login/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert client.cookies[COOKIE].value == "1"
    page = client.get("/accounts/login/").content.decode()
    assert 'class="easy-mode"' in page and "Cỡ chữ thường" in page

    # Signed in, the choice follows the account to another device.
    learner = make_user(Role.LEARNER)
    client.force_login(learner)
    client.post(TOGGLE, {"next": "/"})  # off
    client.post(TOGGLE, {"next": "/"})  # on again, now saved on the account
    learner.refresh_from_db()
    assert learner.easy_mode
    other_phone = type(client)()
    other_phone.force_login(learner)
    assert 'class="easy-mode"' in other_phone.get("/accounts/me/").content.decode()


@pytest.mark.django_db
def test_an_outside_next_address_is_not_followed(client):
    response = client.post(TOGGLE, {"next": "https://lua-dao.example/"})
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_the_page_cache_keeps_the_two_modes_apart(client, library):  # noqa: F811
    url = library["root"].url
    client.get(url)
    plain = client.get(url)
    assert plain["X-Page-Cache"] == "hit"
    client.cookies[COOKIE] = "1"
    easy = client.get(url)
    assert "X-Page-Cache" not in easy
    assert 'class="easy-mode"' in easy.content.decode()
    assert 'class="easy-mode"' not in plain.content.decode()
    assert client.get(url)["X-Page-Cache"] == "hit"  # cached in its own mode
