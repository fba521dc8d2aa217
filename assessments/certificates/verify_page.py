"""The public verify page, kept rendered in the cache (issue 14: a hall of
graduates scanning their QR codes at once costs a query and one cache read each).

A page is kept per language, easy reading mode, host and path, with the digest
of everything it is made from: every stored column of the certificate and of the
rows it reads (framework version, unit, the unit's issuer profile), but for the
framework's long texts the page never shows (``UNSHOWN_FRAMEWORK_FIELDS``). The row is
still read on every visit (one query); what is kept is the content-hash check
and the rendering. The row is read as plain values by the SQL Django compiled
for it once per process (``row_values``): compiling that four-table query and
building its four objects on every visit was most of a kept visit's cost. The
objects are built only to render a page not kept yet. So after a revocation, any
change to the row, or a row altered behind the application's back, the digest
differs, and the page is rendered and its hash checked afresh: a kept page
saying "valid" is only ever served for the very values it was checked against.
The key does not depend on the row, so the cache is read while PostgreSQL
answers the row's query (one wait for both).

Only anonymous visits without a query string use it: a signed-in menu is
personal, and the easy-mode form names the path asked for. The client's failure
counter (the rate limit answers first, hits included) is read in the same cache
round trip as the page."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connections, router
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from lms import ratelimits
from lms.core import csrf_in_cache
from lms.core.page_cache import may_be_personal
from lms.core.scoped_cache import read_own_keys
from lms.inclusion.easy_mode import easy_mode_on_device

from . import access
from .models import Certificate
from .ratelimit import failures_counter

KEY_PREFIX = "hvs:certificate-verify:"


def keeps(request) -> bool:
    """Whether this visit may be answered with a kept page."""
    return not request.META.get("QUERY_STRING") and not may_be_personal(request)


# The framework's columns the page never shows: its sources, notes and guidance,
# some 7 kB of the row's 9. A visit neither reads nor hashes them; every other
# column, and any added later, is in the digest (tests/certificates/
# test_verify_page_cache.py renders the page with each of these changed).
UNSHOWN_FRAMEWORK_FIELDS = ("sources", "note", "guidance_source", "guidance_basis", "decision")

# The SQL of ``access.find_for_verification`` by database alias, compiled once
# (without its ordering: a code names one certificate).
_ROW_SQL: dict[str, str] = {}
_CODE_PLACEHOLDER = "\x00code\x00"


def _row_sql(alias: str) -> str:
    if alias not in _ROW_SQL:
        unshown = [f"framework__{name}" for name in UNSHOWN_FRAMEWORK_FIELDS]
        query = access.verification_query(_CODE_PLACEHOLDER).defer(*unshown).order_by().query
        sql, params = query.get_compiler(using=alias).as_sql()
        if tuple(params) != (_CODE_PLACEHOLDER,):
            raise RuntimeError("the verification query must have the code as its only parameter")
        if connections[alias].vendor == "postgresql":
            # The whole row as one text value, in PostgreSQL's record syntax (quoted
            # and escaped so that it reads back: no two rows alike): one value to
            # take from libpq and hash instead of fifty.
            sql = f"SELECT verified_row::text FROM ({sql}) AS verified_row"  # noqa: S608 (Django's SQL)
        _ROW_SQL[alias] = sql
    return _ROW_SQL[alias]


def _target() -> tuple:
    alias = router.db_for_read(Certificate)
    return connections[alias], _row_sql(alias)


def send_row_query(code: str):
    """Send the query of ``row_values`` prepared on its connection, at its first
    run there, so PostgreSQL parses and plans it once per connection rather than
    on every visit (most of what it spent on it; prepared.py); its answer is
    read by ``received_row``. None where it must run as Django runs any query:
    not PostgreSQL, prepared statements off (OPTIONS ``prepare_threshold``,
    settings/databases.py), queries logged (Django logs a prepared statement's
    SQL as None) or wrapped, inside a transaction, or refused by PostgreSQL."""
    connection, sql = _target()
    if (
        connection.vendor != "postgresql"
        or connection.settings_dict["OPTIONS"].get("prepare_threshold") is None
        or connection.queries_logged
        or connection.execute_wrappers
    ):
        return None
    from . import prepared  # psycopg 3, installed with PostgreSQL

    # What Django's cursor() and execute() do around a query.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    if connection.in_atomic_block or not prepared.usable(connection.connection):
        return None
    with connection.wrap_database_errors:
        return connection if prepared.send(connection.connection, sql, code) else None


def received_row(sent, code: str) -> tuple | None:
    """``row_values`` of a query ``send_row_query`` sent (or could not: None)."""
    if sent is not None:
        from . import prepared

        with sent.wrap_database_errors:
            result = prepared.receive(sent.connection)
        if result is not None:
            return _text_values(result)
    connection, sql = _target()
    with connection.cursor() as cursor:
        cursor.execute(sql, [code])
        result = getattr(cursor.cursor, "pgresult", None)
        if result is None or result.binary_tuples:
            return cursor.fetchone()
        return _text_values(result)


def _text_values(result) -> tuple | None:
    if not result.ntuples:
        return None
    return tuple(result.get_value(0, column) for column in range(result.nfields))


def row_values(code: str) -> tuple | None:
    """Every column of the certificate with this code and of the rows the page
    shows (framework version, unit, issuer profile; NULLs when absent), as the
    database returns them: one query, nothing compiled, no object built. From
    psycopg, the text PostgreSQL sent (bytes), not even converted: the values
    only make the digest the kept page is checked against."""
    return received_row(send_row_query(code), code)


def row_digest(values: tuple) -> str:
    if all(value is None or type(value) is bytes for value in values):
        # PostgreSQL's text: never a NUL byte, so NUL separates; None is the empty part.
        data = b"\x00".join([b"" if value is None else b"\x01" + value for value in values])
    else:
        # repr escapes control characters, so no value can contain the separator.
        data = "\x1f".join(map(repr, values)).encode()
    return hashlib.sha256(data).hexdigest()


def page_key(request, language: str, host: str | None = None) -> str:
    """Where this visit's page is kept: one per path, language, easy mode and
    host (``request.get_host()``, if the caller has it already), stored with the
    digest of the row it was rendered from (``kept_for``)."""
    easy = "easy" if easy_mode_on_device(request) else ""
    return _hashed_key(language, easy, host or request.get_host(), request.path)


@functools.lru_cache(maxsize=4096)
def _hashed_key(*parts: str) -> str:
    # The same few keys over and over for a hall scanning its own codes.
    return KEY_PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _digest_line(values: tuple) -> bytes:
    return row_digest(values).encode() + b"\n"


# A kept entry is the digest's line (``_digest_line``), then the page.
_DIGEST_LINE_LENGTH = len(hashlib.sha256().hexdigest()) + 1


def kept_body(stored: bytes | None) -> bytes | None:
    """The page of a kept entry, before its row is known (``kept_for`` says
    whether it may be served)."""
    return None if stored is None else stored[_DIGEST_LINE_LENGTH:]


def kept_for(values: tuple, stored: bytes | None) -> bytes | None:
    """The kept page, if it was rendered from the row read as ``values``."""
    if stored is None:
        return None
    line = _digest_line(values)
    return stored[len(line) :] if stored.startswith(line) else None


# Where the early answer (middleware.VerifyPageFirstMiddleware) leaves the row it
# read for the view, when it leaves the visit to it: one query per visit still.
_ROW_ATTR = "_hvs_verify_row"


def row_values_for(request, code: str) -> tuple | None:
    """``row_values``, or the values the early answer read for this very visit."""
    read = getattr(request, _ROW_ATTR, None)
    if read is not None and read[0] == code:
        return read[1]
    return row_values(code)


def read_row_early(request, code: str, sent) -> tuple | None:
    """``received_row``, left for the view."""
    values = received_row(sent, code)
    setattr(request, _ROW_ATTR, (code, values))
    return values


def _read(page: str, counter: str | None) -> dict:
    """The page and the counter, in one round trip when they share a cache."""
    counters = getattr(settings, "RATELIMIT_USE_CACHE", "default")
    if counter is None or counters == "default":
        # Both keys are named here and by django-ratelimit, never by a visitor.
        return read_own_keys([page, counter] if counter else [page])
    return {**read_own_keys([page]), counter: caches[counters].get(counter)}


def kept_page(request, key: str) -> tuple[bytes | None, int | None]:
    """(the page kept under ``key`` or None, the seconds the client must wait or
    None): one cache round trip."""
    counter = failures_counter(request)
    found = _read(key, counter[0] if counter else None)
    if counter:
        wait = ratelimits.wait_for(found.get(counter[0]), counter[1], counter[2])
        if wait:
            return None, wait
    return found.get(key), None


def serve(
    request,
    values: tuple,
    render: Callable[[], HttpResponse],
    refuse: Callable[[int], HttpResponse],
) -> HttpResponse:
    """The page for a visit ``keeps`` allows, the certificate's row read by
    ``row_values``: ``refuse(seconds)`` when the client has used up its failures,
    the kept page, or ``render()``'s, kept for the next visit.

    ``render`` reads the row again through the ORM, a moment later: what it shows
    is never older than the values its digest is of (a change in between only
    leaves a page whose digest no later visit's row has)."""
    key = page_key(request, translation.get_language() or "")
    stored, wait = kept_page(request, key)
    if wait:
        return refuse(wait)
    content = kept_for(values, stored)
    if content is not None:
        response = HttpResponse(csrf_in_cache.for_visitor(request, content))
        # As on a rendered page, whose menu asks the session who is signed in.
        patch_vary_headers(response, ("Cookie",))
        return response
    response = render()
    if response.status_code == 200 and not response.streaming:
        cache.set(
            key,
            _digest_line(values) + csrf_in_cache.storable(response.content),
            settings.CERTIFICATE_VERIFY_PAGE_SECONDS,
        )
    return response
