"""The page cache answers anonymous visitors first: one cache read, before sessions,
authentication, CSRF and the URL resolver; never a signed-in visitor, a request with
a session cookie, or a path outside the page tree; one entry per language and
reading mode; stale after a publish."""

import pytest
from django.conf import settings
from django.test import Client

from cms.cache import GENERATION_KEY, page_key
from lms.inclusion.easy_mode import COOKIE as EASY_COOKIE

pytestmark = pytest.mark.django_db
SIGN_OUT = "Đăng xuất"  # only a signed-in page has it


def hit(response) -> bool:
    return response.get("X-Page-Cache") == "hit"


def test_an_anonymous_hit_runs_no_query(client, library, django_assert_num_queries):
    url = library["shelves"]["resident"].url
    assert not hit(client.get(url))
    with django_assert_num_queries(0):
        response = client.get(url)
    assert hit(response) and response.status_code == 200
    assert "__HVS_CSRF_TOKEN__" not in response.content.decode()


def test_a_hit_gives_a_first_visitor_a_csrf_cookie_of_their_own(library):
    url = library["root"].url
    Client().get(url)
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get(url)
    assert hit(response)
    assert settings.CSRF_COOKIE_NAME in response.cookies
    # Their cookie and the token in the page post the language switch.
    token = response.content.decode().split('name="csrfmiddlewaretoken" value="')[1][:64]
    posted = visitor.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert posted.status_code == 302


def test_signed_in_visitors_never_get_the_anonymous_page_nor_leave_theirs(
    client, library, make_user
):
    url = library["root"].url
    Client().get(url)
    assert hit(Client().get(url))
    client.force_login(make_user())
    for _ in range(2):
        response = client.get(url)
        assert not hit(response)
        assert SIGN_OUT in response.content.decode()
    anonymous = Client().get(url)
    assert hit(anonymous) and SIGN_OUT not in anonymous.content.decode()


def test_a_session_cookie_alone_bypasses_the_cache(client, library):
    url = library["root"].url
    client.get(url)
    client.cookies[settings.SESSION_COOKIE_NAME] = "a-signed-out-session"
    assert not hit(client.get(url))


def test_language_and_easy_mode_get_their_own_entries(client, library):
    url = library["shelves"]["resident"].url
    client.get(url)
    normal = client.get(url)
    assert hit(normal)
    client.cookies[EASY_COOKIE] = "1"
    easy = client.get(url)
    assert not hit(easy) and 'class="easy-mode"' in easy.content.decode()
    assert hit(client.get(url))
    del client.cookies[EASY_COOKIE]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url)
    assert not hit(english) and english["Content-Language"] == "en"
    english_again = client.get(url)
    assert hit(english_again) and english_again["Content-Language"] == "en"
    assert 'lang="en"' in english_again.content.decode()
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    back = client.get(url)
    assert hit(back) and 'lang="vi"' in back.content.decode()
    assert 'class="easy-mode"' not in back.content.decode()


def test_publishing_makes_the_cached_page_stale(client, library, make_item):
    url = library["shelves"]["resident"].url
    client.get(url)
    assert hit(client.get(url))
    make_item("Bài mới về dịch vụ công")
    fresh = client.get(url)
    assert not hit(fresh) and "Bài mới về dịch vụ công" in fresh.content.decode()
    assert hit(client.get(url))


# The live join form (/live/) is cached on purpose (tests/live/test_join_costs.py);
# the instructor's /live/new/ never is.
@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/quizzes/", "/live/new/", "/api/v1/", "/admin/", "/privacy/"]
)
def test_paths_outside_the_page_tree_are_never_served_from_the_cache(rf, path):
    from django.core.cache import cache

    # Even an entry planted under the path's key is never read.
    request = rf.get(path)
    cache.set(GENERATION_KEY, 1, None)
    entry = {"content": b"planted", "headers": {}, "page_id": None, "generation": 1}
    cache.set(page_key(request), entry)
    response = Client().get(path)
    assert not hit(response) and response.content != b"planted"


# What differs between a miss and a hit by design: the hit's own marker and the
# CSP nonce of each response.
_PER_RESPONSE = {"x-page-cache", "content-security-policy"}


@pytest.mark.parametrize("shelf", [None, "resident"])
def test_a_hit_carries_the_headers_of_the_miss_it_replays(library, shelf):
    """Proxies and browsers keep pages by these headers: a hit that dropped
    ``Vary: Cookie, Accept-Language`` would let a shared hall proxy hand the
    Vietnamese page to a visitor who chose English, and one without
    X-Frame-Options could be framed."""
    url = library["shelves"][shelf].url if shelf else library["root"].url
    miss = Client().get(url)
    hit_response = Client().get(url)
    assert not hit(miss) and hit(hit_response)
    headers = {
        name.lower(): value for name, value in miss.items() if name.lower() not in _PER_RESPONSE
    }
    replayed = {
        name.lower(): value
        for name, value in hit_response.items()
        if name.lower() not in _PER_RESPONSE
    }
    assert replayed == headers
    assert set(hit_response.cookies) == set(miss.cookies) == {settings.CSRF_COOKIE_NAME}
