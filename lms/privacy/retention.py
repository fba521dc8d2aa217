"""How long personal data is kept: each app registers what to purge or
anonymise once it is old enough; a beat task runs them all daily."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lms.audit.record import record_event

Purge = Callable[[datetime], int]  # now -> rows purged or anonymised

_purges: dict[str, Purge] = {}


def register_purge(name: str, purge: Purge) -> None:
    _purges[name] = purge


def purges() -> dict[str, Purge]:
    return dict(_purges)


def cutoff(now: datetime, days: int) -> datetime:
    return now - timedelta(days=days)


def purge_expired_exports(now: datetime) -> int:
    from .models import PrivacyRequest, RequestKind, RequestStatus

    old = PrivacyRequest.objects.filter(
        kind=RequestKind.EXPORT,
        status=RequestStatus.READY,
        finished_at__lt=cutoff(now, settings.PRIVACY_EXPORT_KEEP_DAYS),
    )
    count = 0
    for request in old:
        if request.file:
            request.file.delete(save=False)
        request.status = RequestStatus.DONE
        request.save(update_fields=["file", "status"])
        count += 1
    return count


def purge_old_audit_events(now: datetime) -> int:
    from lms.audit.models import AuditEvent

    deleted, _ = AuditEvent.objects.filter(
        created_at__lt=cutoff(now, settings.AUDIT_RETENTION_DAYS)
    ).delete()
    return deleted


register_purge("privacy.expired_exports", purge_expired_exports)
register_purge("audit.old_events", purge_old_audit_events)


def do_apply_retention(now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    done = {}
    for name, purge in sorted(_purges.items()):
        with transaction.atomic():
            done[name] = purge(now)
    with transaction.atomic():
        record_event(actor=None, verb="privacy.retention_applied", extra=done)
    return done
