"""lms.core.compiled_query: a hot query compiled once per process returns what
the ORM returns (objects with their select_related objects, converted values),
costs the same one query, and refuses a queryset whose values it cannot place."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from lms.accounts.models import User
from lms.core.compiled_query import CompiledQuery, placeholder_int, placeholder_text

pytestmark = pytest.mark.django_db

TOKEN_WITH_USER = CompiledQuery(
    lambda key: Token.objects.select_related("user").filter(key=key)[:1],
    placeholder_text("key"),
)
USERS_JOINED = CompiledQuery(
    lambda low, name: (
        User.objects.filter(pk__gte=low, username__lt=name)
        .order_by("pk")
        .values_list("pk", "username", "date_joined", "is_active")
    ),
    placeholder_int(1),
    placeholder_text("name"),
)


def test_objects_are_the_orms_with_their_related_objects(make_user):
    token = Token.objects.create(user=make_user(username="compiled-a"))
    with CaptureQueriesContext(connection) as queries:
        [found] = TOKEN_WITH_USER.objects(token.key)
        user = found.user  # loaded with it: no second query
    assert len(queries) == 1
    expected = Token.objects.select_related("user").get(key=token.key)
    assert (found.key, found.user_id, found.created) == (
        expected.key,
        expected.user_id,
        expected.created,
    )
    assert (user.pk, user.username, user.date_joined, user.audience) == (
        expected.user.pk,
        expected.user.username,
        expected.user.date_joined,
        expected.user.audience,
    )
    assert not found._state.adding and found._state.db == "default"
    assert TOKEN_WITH_USER.objects("no such key") == []


def test_rows_are_the_orms_values_list(make_user):
    for name in ("compiled-b1", "compiled-b2", "other-b3"):
        make_user(username=name)
    expected = list(
        User.objects.filter(pk__gte=0, username__lt="compiled-b9")
        .order_by("pk")
        .values_list("pk", "username", "date_joined", "is_active")
    )
    assert [row[1] for row in expected][-2:] == ["compiled-b1", "compiled-b2"]
    assert USERS_JOINED.rows(0, "compiled-b9") == expected
    assert USERS_JOINED.rows(expected[-1][0], "compiled-b9") == expected[-1:]


def test_a_placeholder_the_orm_transforms_is_refused(make_user):
    make_user(username="compiled-c")
    escaped = CompiledQuery(  # startswith escapes the value and appends "%"
        lambda name: User.objects.filter(username__startswith=name),
        placeholder_text("name"),
    )
    with pytest.raises(ValueError, match="did not reach the SQL"):
        escaped.objects("compiled-c")


def test_token_authentication_still_refuses_unknown_and_inactive(make_user):
    user = make_user(username="compiled-d")
    token = Token.objects.create(user=user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/quizzes/").status_code == 200
    # DRF answers 403 (not 401) when session authentication comes first.
    api.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    refused = api.get("/api/v1/quizzes/")
    assert refused.status_code == 403
    assert refused.json()["code"] == "authentication_failed", refused.json()
    User.objects.filter(pk=user.pk).update(is_active=False)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    refused = api.get("/api/v1/quizzes/")
    assert refused.status_code == 403
    assert refused.json()["code"] == "authentication_failed", refused.json()
