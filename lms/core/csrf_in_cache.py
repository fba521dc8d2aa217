"""Pages kept rendered with forms in them: the CSRF token in the rendered HTML
belongs to whoever caused it to be rendered, so it is swapped for a placeholder
on the way into the cache and for the visitor's own token on the way out
(cms.middleware's page cache, movement's public ranking)."""

from __future__ import annotations

import re

from lms.core.csrf_token import masked_token

_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
PLACEHOLDER = b"__HVS_CSRF_TOKEN__"


def storable(content: bytes) -> bytes:
    return _CSRF_INPUT.sub(rb"\1" + PLACEHOLDER + rb"\2", content)


def for_visitor(request, content: bytes) -> bytes:
    """The visitor's token in place of the placeholder. Call it after
    CsrfViewMiddleware.process_request (it then sets the cookie if it is new)."""
    if PLACEHOLDER not in content:
        return content
    return content.replace(PLACEHOLDER, masked_token(request).encode())
