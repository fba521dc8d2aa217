"""DRF's token authentication with its one query compiled once per process
(lms.core.compiled_query): every API call of a class pressing Start pays for
it, and compiling it cost more than PostgreSQL's answer. Same rules as DRF's:
an unknown key or an inactive user is refused."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

from lms.core.compiled_query import CompiledQuery, placeholder_text

_TOKEN_WITH_USER = CompiledQuery(
    lambda key: Token.objects.select_related("user").filter(key=key)[:1],
    placeholder_text("key"),
)


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key):
        if self.get_model() is not Token:
            return super().authenticate_credentials(key)
        found = _TOKEN_WITH_USER.objects(str(key))
        if not found:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        token = found[0]
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return (token.user, token)
