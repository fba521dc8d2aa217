"""What a locked-out account sees: when it may try again. django-axes calls
``lockout_response`` (AXES_LOCKOUT_CALLABLE) once an account has reached
AXES_FAILURE_LIMIT wrong passwords within the cool-off."""

from __future__ import annotations

from datetime import datetime

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def lock_ends_at(username: str, request=None) -> datetime | None:
    """When the account's lock ends, as django-axes' database handler counts: the
    failures recorded in the last cool-off (one row per address and browser,
    stamped with its latest failure) stop adding up to the limit once the row
    that reaches the limit, counting from the newest, is older than the cool-off."""
    cool_off = get_cool_off(request)
    if not username or cool_off is None:
        return None
    since = timezone.now() - cool_off
    rows = AccessAttempt.objects.filter(username=username, attempt_time__gte=since).order_by(
        "-attempt_time"
    )
    failures = 0
    for attempt_time, count in rows.values_list("attempt_time", "failures_since_start"):
        failures += count
        if failures >= get_failure_limit(request, None):
            return attempt_time + cool_off
    return None


def lockout_response(request, original_response=None, credentials=None):
    username = get_client_username(request, credentials) or ""
    ends_at = lock_ends_at(username, request)
    context = {
        "retry_at": timezone.localtime(ends_at) if ends_at else None,
        "cool_off_minutes": int(get_cool_off(request).total_seconds() // 60),
    }
    return render(
        request,
        "accounts/locked_out.html",
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
