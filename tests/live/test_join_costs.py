"""What one phone costs the server when a whole hall joins at once (issue 14 §5):
the join form comes from the page cache with the phone's own CSRF token, and
the WebSocket connect with its first state reads a fixed, small number of rows."""

import re

import pytest
from django.db.backends.utils import CursorWrapper
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.live import actions, guessing, livecache
from assessments.live.models import Participant

from .conftest import phone

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# The participant with its session, its stored answers, its rank.
CONNECT_QUERIES = 3


def _token(page) -> str:
    return CSRF_INPUT.search(page.content.decode()).group(1)


@pytest.mark.django_db
def test_a_hall_gets_the_join_form_from_the_page_cache_with_each_phones_own_token(session):
    from django.db import connection

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(reverse("live:join"))
    with CaptureQueriesContext(connection) as queries:
        page = second.get(reverse("live:join"))
    assert page["X-Page-Cache"] == "hit" and len(queries) == 0
    assert "no-store" in page["Cache-Control"]  # never kept by a browser or a proxy
    assert "__HVS_CSRF_TOKEN__" not in page.content.decode()
    # That phone's own token joins it.
    joined = second.post(
        reverse("live:join"),
        {
            "pin": session.pin,
            "name": "Bà Tư",
            "rejoin_code": "",
            "csrfmiddlewaretoken": _token(page),
        },
    )
    assert joined.status_code == 302, joined.content[:300]
    assert Participant.objects.filter(session=session, display_name="Bà Tư").exists()


@pytest.mark.django_db
def test_the_qr_codes_join_form_is_cached_per_pin_and_key(session, make_session):
    other = make_session(title="Lớp khác")
    for target in (session, other):
        url = f"{reverse('live:join')}?pin={target.pin}&key={guessing.join_key(target)}"
        Client().get(url)
        hit = Client().get(url)
        assert hit["X-Page-Cache"] == "hit"
        assert f'value="{target.pin}"' in hit.content.decode()
        assert guessing.join_key(target) in hit.content.decode()


@pytest.mark.django_db
def test_signed_in_and_flashed_visitors_get_their_own_join_form(client, session, make_user):
    Client().get(reverse("live:join"))
    user = make_user(full_name="Chị Hoa")
    client.force_login(user)
    page = client.get(reverse("live:join"))
    assert "X-Page-Cache" not in page
    assert "Chị Hoa" in page.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_phone_connects_and_gets_its_first_state_in_a_fixed_number_of_queries(
    session, sockets, monkeypatch
):
    """Counted in every thread: the consumer's database calls run in a pool."""
    ann = actions.do_join(session, name="An")
    livecache.questions_of(session)  # each process keeps a session's questions once read
    executed = []
    original = CursorWrapper._execute_with_wrappers

    def counted(self, sql, *args, **kwargs):
        executed.append(sql)
        return original(self, sql, *args, **kwargs)

    monkeypatch.setattr(CursorWrapper, "_execute_with_wrappers", counted)
    _socket, first = phone(sockets, ann)
    assert first["me"]["name"] == "An"
    assert len(executed) <= CONNECT_QUERIES, "\n".join(q[:150] for q in executed)
