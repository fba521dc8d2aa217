"""The certified-learner roll-up (CertifiedDaily): one cell per home unit ×
audience × day. A certificate saved (issued, revoked) or deleted refreshes its
cell after commit, and a learner moved to another home unit refreshes their
cells in both units; the nightly task rebuilds the whole table (`rebuild`, a
safety net for writes that bypass the models: bulk updates, raw SQL)."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from assessments.certificates.models import Certificate, CertificateStatus
from lms.units.models import Unit

from .figures_cache import figures_changed
from .models import CertifiedDaily

logger = logging.getLogger(__name__)


def _valid_certificates():
    # A holder who had their data erased still counts, anonymously (lms/privacy):
    # erasure must not move the commune's indicators.
    return Certificate.objects.filter(
        Q(status=CertificateStatus.VALID) | Q(holder_erased_at__isnull=False),
        user__home_unit__isnull=False,
    )


def refresh_cell(unit_id: int, audience: str, day: date) -> int:
    """Recount one cell from the certificates (idempotent, so safe to repeat)."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    count = (
        _valid_certificates()
        .filter(
            user__home_unit_id=unit_id, audience=audience, issued_at__gte=start, issued_at__lt=end
        )
        .count()
    )
    with transaction.atomic():
        if count:
            path = Unit.objects.values_list("path", flat=True).get(pk=unit_id)
            CertifiedDaily.objects.update_or_create(
                unit_id=unit_id,
                audience=audience,
                day=day,
                defaults={"count": count, "unit_path": path},
            )
        else:
            CertifiedDaily.objects.filter(unit_id=unit_id, audience=audience, day=day).delete()
    return count


def _counted_rows():
    return (
        _valid_certificates()
        .annotate(day=TruncDate("issued_at"))
        .values("user__home_unit", "user__home_unit__path", "audience", "day")
        .annotate(count=Count("id"))
        .order_by()
    )


def recount() -> dict[tuple[int, str, date], int]:
    """What the table should hold, counted from the certificates, as
    {(unit id, audience, day): count}; nothing is written."""
    return {
        (row["user__home_unit"], row["audience"], row["day"]): row["count"]
        for row in _counted_rows()
    }


@transaction.atomic
def rebuild() -> int:
    """Replace the whole table with a fresh count; returns the number of cells."""
    rows = _counted_rows()
    cells = [
        CertifiedDaily(
            unit_id=row["user__home_unit"],
            unit_path=row["user__home_unit__path"],
            audience=row["audience"],
            day=row["day"],
            count=row["count"],
        )
        for row in rows
    ]
    CertifiedDaily.objects.all().delete()
    CertifiedDaily.objects.bulk_create(cells, batch_size=1000)
    figures_changed()  # bulk writes send no post_save
    return len(cells)


def certificate_saved(sender, instance: Certificate, **kwargs) -> None:
    """post_save of a certificate (issued or revoked): refresh its cell once the
    certificate is committed."""
    if instance.user_id is None:
        return
    user_id, audience = instance.user_id, instance.audience
    day = timezone.localdate(instance.issued_at)

    def refresh():
        from lms.accounts.models import User

        unit_id = User.objects.filter(pk=user_id).values_list("home_unit_id", flat=True).first()
        if unit_id is None:
            return
        try:
            refresh_cell(unit_id, audience, day)
        except Exception:
            # The certificate stands; the nightly rebuild corrects the table.
            logger.exception("could not refresh the certified roll-up for user %s", user_id)

    transaction.on_commit(refresh)


# A learner moved to another home unit takes their certificates' cells along:
# the unit before the save is read in pre_save (only when the save may change
# it: a full save or one naming home_unit; sign-ins name last_login only).
_MOVE_FIELDS = frozenset({"home_unit", "home_unit_id"})
_UNIT_BEFORE = "_movement_rollup_unit_before"


def person_saving(sender, instance, update_fields=None, **kwargs) -> None:
    if instance.pk is None or (update_fields is not None and not _MOVE_FIELDS & set(update_fields)):
        return
    before = sender.objects.filter(pk=instance.pk).values_list("home_unit_id", flat=True).first()
    instance.__dict__[_UNIT_BEFORE] = before


def person_saved(sender, instance, created=False, **kwargs) -> None:
    if _UNIT_BEFORE not in instance.__dict__:
        return
    before, after = instance.__dict__.pop(_UNIT_BEFORE), instance.home_unit_id
    if created or before == after:
        return
    user_id = instance.pk

    def refresh():
        cells = {
            (audience, timezone.localdate(issued_at))
            for audience, issued_at in Certificate.objects.filter(user_id=user_id).values_list(
                "audience", "issued_at"
            )
        }
        try:
            for unit_id in (before, after):
                for audience, day in cells if unit_id is not None else ():
                    refresh_cell(unit_id, audience, day)
        except Exception:
            logger.exception("could not move the certified roll-up of user %s", user_id)

    transaction.on_commit(refresh)
