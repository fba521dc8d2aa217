"""The kept verify page is answered before sessions, authentication and CSRF
(assessments/certificates/middleware.py, issue 14), with exactly what the normal
path answers: same headers, same cookie settings, the visitor's own CSRF token,
the language and easy mode chosen the same way. A request the early answer
leaves alone reaches SessionMiddleware, which gives it a ``session``: that is
what tells the two paths apart here."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from assessments.certificates import codes
from lms.core import csrf_in_cache
from lms.inclusion.easy_mode import COOKIE as EASY_COOKIE

pytestmark = pytest.mark.django_db

EARLY = "assessments.certificates.middleware.VerifyPageFirstMiddleware"
VALID_VI = "Giấy chứng nhận này còn hiệu lực."
VALID_EN = "This certificate is valid."
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')
# What may differ between two responses to two visitors: the expiry date is the
# second the cookie was set.
COOKIE_ATTRIBUTES = ("max-age", "path", "domain", "secure", "httponly", "samesite")


def url(certificate) -> str:
    return f"/certificates/verify/{certificate.code}/"


def answered_early(response) -> bool:
    return not hasattr(response.wsgi_request, "session")


def visitor(cookies: dict, **headers) -> Client:
    client = Client(**headers)
    for name, value in cookies.items():
        client.cookies[name] = value
    return client


def without_early_answer(settings):
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != EARLY]


def test_a_kept_visit_passes_through_no_session_or_authentication(client, certificate):
    first = client.get(url(certificate))
    assert not answered_early(first)  # rendered by the view, and kept
    again = Client().get(url(certificate))
    assert again.status_code == 200 and VALID_VI in again.content.decode()
    assert answered_early(again)
    assert not hasattr(again.wsgi_request, "user")


def test_signed_in_visitors_and_query_strings_take_the_normal_path(certificate, learner):
    assert Client().get(url(certificate)).status_code == 200
    signed_in = Client()
    signed_in.force_login(learner)
    mine = signed_in.get(url(certificate))
    assert not answered_early(mine) and "/accounts/logout/" in mine.content.decode()
    asked = Client().get(url(certificate), {"utm_source": "qr"})
    assert not answered_early(asked) and VALID_VI in asked.content.decode()
    head = Client().head(url(certificate))
    assert head.status_code == 405 and not answered_early(head)


VISITORS = {
    "new": ({}, {}),
    "with a CSRF cookie": ({"csrftoken": "a" * 32}, {}),
    "with a masked CSRF cookie": ({"csrftoken": "b" * 64}, {}),
    "with a malformed CSRF cookie": ({"csrftoken": "not-a-token"}, {}),
    "in English, easy mode": ({"django_language": "en", EASY_COOKIE: "1"}, {}),
    "whose browser asks for English": ({}, {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}),
    "with an unknown language cookie": ({"django_language": "xx"}, {}),
}
COOKIE_SETTINGS = {
    "default": {},
    "production-like": {
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SAMESITE": "Strict",
        "CSRF_COOKIE_DOMAIN": "testserver",
        "CSRF_COOKIE_AGE": 3600,
        "CSRF_COOKIE_NAME": "hvs_csrf",
    },
}


def _renamed(cookies: dict, settings) -> dict:
    return {
        (settings.CSRF_COOKIE_NAME if name == "csrftoken" else name): value
        for name, value in cookies.items()
    }


@pytest.mark.parametrize("cookie_settings", COOKIE_SETTINGS.values(), ids=COOKIE_SETTINGS.keys())
@pytest.mark.parametrize("kind", VISITORS.values(), ids=VISITORS.keys())
def test_the_early_answer_is_the_normal_answer(certificate, settings, kind, cookie_settings):
    for name, value in cookie_settings.items():
        setattr(settings, name, value)
    cookies, headers = _renamed(kind[0], settings), kind[1]
    assert visitor(cookies, **headers).get(url(certificate)).status_code == 200  # kept now
    early = visitor(cookies, **headers).get(url(certificate))
    assert answered_early(early)
    without_early_answer(settings)
    normal = visitor(cookies, **headers).get(url(certificate))
    assert not answered_early(normal)

    assert early.status_code == normal.status_code == 200
    assert dict(early.headers) == dict(normal.headers)
    assert csrf_in_cache.storable(early.content) == csrf_in_cache.storable(normal.content)
    assert early.cookies.keys() == normal.cookies.keys() == {settings.CSRF_COOKIE_NAME}
    name = settings.CSRF_COOKIE_NAME
    for attribute in COOKIE_ATTRIBUTES:
        assert early.cookies[name][attribute] == normal.cookies[name][attribute], attribute
    if len(cookies.get(name, "")) in (32, 64):  # a well-formed cookie keeps its secret
        assert early.cookies[name].value == normal.cookies[name].value


def _posts_with_the_page_token(client, certificate) -> int:
    page = client.get(url(certificate))
    assert answered_early(page)
    tokens = TOKEN.findall(page.content.decode())
    assert tokens
    back = client.post(
        "/display/easy-mode/", {"csrfmiddlewaretoken": tokens[-1], "next": url(certificate)}
    )
    return back.status_code


def test_the_early_pages_token_works_with_the_cookie_it_set(certificate):
    assert Client().get(url(certificate)).status_code == 200
    newcomer = Client(enforce_csrf_checks=True)
    assert _posts_with_the_page_token(newcomer, certificate) == 302
    assert newcomer.cookies[EASY_COOKIE].value == "1"


def test_the_early_pages_token_works_with_the_visitors_own_cookie(certificate):
    assert Client().get(url(certificate)).status_code == 200
    returning = Client(enforce_csrf_checks=True)
    returning.get("/certificates/verify/")  # the form page sets the cookie
    own = returning.cookies["csrftoken"].value
    assert _posts_with_the_page_token(returning, certificate) == 302
    assert returning.cookies["csrftoken"].value == own


def test_an_english_visitor_gets_the_english_page_early(certificate):
    english = visitor({"django_language": "en"})
    assert VALID_EN in english.get(url(certificate)).content.decode()
    again = english.get(url(certificate))
    assert answered_early(again)
    assert VALID_EN in again.content.decode() and again["Content-Language"] == "en"


def test_an_unknown_code_reads_the_certificates_once(client):
    unknown = codes.new_code()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/certificates/verify/{unknown}/")
    assert response.status_code == 404
    reads = [q["sql"] for q in queries if "certificates_certificate" in q["sql"]]
    assert len(reads) == 1


def issued_outside_a_test_transaction(learner, completion_quiz, take_quiz):
    """A visit prepares the row query only outside a transaction, as every visit
    is outside tests: these tests run without the test's own transaction."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    from assessments.certificates.models import Certificate

    take_quiz(learner, completion_quiz)  # issued on commit, at once here
    return Certificate.objects.get(user=learner)


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_row_query_stays_prepared_on_its_connection(
    learner, completion_quiz, take_quiz, issuer
):
    """Parsed and planned once per connection, not on every visit (most of what
    PostgreSQL spent on it); where queries are logged it runs unprepared, and
    both read the same text, so both find the same kept page."""
    certificate = issued_outside_a_test_transaction(learner, completion_quiz, take_quiz)
    assert Client().get(url(certificate)).status_code == 200
    assert answered_early(Client().get(url(certificate)))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("certificates_certificate" in statement for statement in prepared)
    with CaptureQueriesContext(connection) as queries:
        logged = Client().get(url(certificate))
    assert answered_early(logged) and len(queries) == 1


@pytest.mark.django_db(transaction=True)
def test_a_column_type_changed_under_a_prepared_row_query_costs_no_visit(
    learner, completion_quiz, take_quiz, issuer
):
    """A migration run by another process changes a column's type: PostgreSQL
    refuses the statement prepared before it ("cached plan must not change
    result type") until it is deallocated. The visit is still answered.
    (Outside a test transaction, which would hold the ALTER back.)"""
    import psycopg

    certificate = issued_outside_a_test_transaction(learner, completion_quiz, take_quiz)
    assert Client().get(url(certificate)).status_code == 200
    assert answered_early(Client().get(url(certificate)))
    db = connection.settings_dict
    other = psycopg.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"],
        host=db["HOST"],
        port=db["PORT"] or None,
        autocommit=True,
    )
    alter = "ALTER TABLE certificates_issuerprofile ALTER COLUMN place_name TYPE varchar({})"
    try:
        other.execute(alter.format(101))
        after = Client().get(url(certificate))
        assert after.status_code == 200 and VALID_VI in after.content.decode()
        assert answered_early(after)
        assert answered_early(Client().get(url(certificate)))
    finally:
        other.execute(alter.format(100))
        other.close()


@pytest.mark.django_db(transaction=True)
def test_a_prepared_row_query_deallocated_by_someone_else_costs_no_visit(
    learner, completion_quiz, take_quiz, issuer
):
    """DEALLOCATE ALL on the connection (a pooler's reset, a maintenance script):
    the visit after it is still answered, and the query is prepared again."""
    certificate = issued_outside_a_test_transaction(learner, completion_quiz, take_quiz)
    assert Client().get(url(certificate)).status_code == 200
    assert answered_early(Client().get(url(certificate)))
    connection.ensure_connection()
    connection.connection.pgconn.exec_(b"DEALLOCATE ALL")
    after = Client().get(url(certificate))
    assert after.status_code == 200 and VALID_VI in after.content.decode()
    assert answered_early(after)
    assert answered_early(Client().get(url(certificate)))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any("certificates_certificate" in statement for statement in prepared)


@pytest.mark.django_db(transaction=True)
def test_a_row_changed_while_its_page_was_kept_gets_the_fresh_page_and_a_working_token(
    learner, completion_quiz, take_quiz, issuer
):
    """On PostgreSQL the visitor's token goes into the kept page while the row's
    query runs; when the row turns out changed, the view renders the page, and
    the newcomer's cookie and token from that page still post."""
    from assessments.certificates.models import Certificate

    certificate = issued_outside_a_test_transaction(learner, completion_quiz, take_quiz)
    assert VALID_VI in Client().get(url(certificate)).content.decode()
    assert answered_early(Client().get(url(certificate)))
    Certificate.objects.filter(pk=certificate.pk).update(full_name="Trần Văn Giả")
    newcomer = Client(enforce_csrf_checks=True)
    changed = newcomer.get(url(certificate))
    assert not answered_early(changed)
    assert VALID_VI not in changed.content.decode()
    assert len(changed.cookies) == 1 and "csrftoken" in changed.cookies
    token = TOKEN.findall(changed.content.decode())[-1]
    posted = newcomer.post(
        "/display/easy-mode/", {"csrfmiddlewaretoken": token, "next": url(certificate)}
    )
    assert posted.status_code == 302
