"""The periodic integrity job: recompute every certificate's content hash and
report those whose stored record no longer matches it.

``check_all_certificates`` reads (in keyset-paginated batches, so memory stays
bounded whatever the table's size, and no long transaction or server-side cursor
is held); ``do_record_integrity_check`` writes one audit event per newly found
alteration and a summary event, then e-mails the site's ADMINS when anything is
altered. The Celery beat task and ``manage.py check_certificates`` call
``do_check_certificate_integrity``, which does both."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import mail_admins
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from lms.audit.models import AuditEvent
from lms.audit.record import record_event

from .integrity import HashedRecord, is_intact, recompute_hash
from .links import verify_url
from .models import Certificate

logger = logging.getLogger(__name__)

FAILED_VERB = "certificates.integrity_failed"
CHECKED_VERB = "certificates.integrity_checked"
LISTED_IN_MAIL = 100  # codes named in one e-mail; the audit trail holds them all

# Certificate column → HashedRecord field.
COLUMNS = {
    "code": "code",
    "full_name": "full_name",
    "date_of_birth": "date_of_birth",
    "audience": "audience",
    "framework__code": "framework_code",
    "framework__version": "framework_version",
    "unit__code": "unit_code",
    "unit_name": "unit_name",
    "signer_title": "signer_title",
    "signer_name": "signer_name",
    "place_name": "place_name",
    "issued_at": "issued_at",
    "score_percent": "score_percent",
    "competency_profile": "competency_profile",
    "criteria": "criteria",
}


@dataclass(frozen=True)
class AlteredCertificate:
    pk: int
    code: str
    stored_hash: str
    computed_hash: str  # "" when the stored values cannot even be read back


@dataclass
class IntegrityReport:
    checked: int = 0
    altered: list[AlteredCertificate] = field(default_factory=list)
    new: int = 0  # alterations not already in the audit trail

    def as_dict(self) -> dict:
        return {
            "checked": self.checked,
            "altered": [item.code for item in self.altered],
            "new": self.new,
        }


def _computed_or_blank(record: HashedRecord) -> str:
    try:
        return recompute_hash(record)
    except Exception:
        return ""


def certificate_rows(batch_size: int):
    """Every certificate's hashed columns, in primary-key order, ``batch_size`` rows
    per query (keyset pagination: each batch starts after the last key seen)."""
    queryset = Certificate.objects.order_by("pk").values("pk", "content_hash", *COLUMNS)
    last_pk = 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk)[:batch_size])
        yield from batch
        if len(batch) < batch_size:
            return
        last_pk = batch[-1]["pk"]


def check_all_certificates(batch_size: int | None = None) -> IntegrityReport:
    """Read every certificate and list those whose record fails its hash."""
    batch_size = batch_size or settings.CERTIFICATE_INTEGRITY_BATCH_SIZE
    report = IntegrityReport()
    for row in certificate_rows(batch_size):
        report.checked += 1
        values = {name: row[column] for column, name in COLUMNS.items()}
        values["unit_code"] = values["unit_code"] or ""  # None: the platform issued it
        record = HashedRecord(**values)
        if not is_intact(record, row["content_hash"]):
            report.altered.append(
                AlteredCertificate(
                    pk=row["pk"],
                    code=row["code"],
                    stored_hash=row["content_hash"],
                    computed_hash=_computed_or_blank(record),
                )
            )
    return report


def _already_recorded(altered: list[AlteredCertificate]) -> set[tuple[str, str, str]]:
    """(certificate id, stored hash, computed hash) of the alterations the trail holds."""
    events = AuditEvent.objects.filter(
        verb=FAILED_VERB,
        target_type=Certificate._meta.label_lower,
        target_id__in=[str(item.pk) for item in altered],
    ).values_list("target_id", "extra")
    return {
        (target_id, extra.get("stored_hash", ""), extra.get("computed_hash", ""))
        for target_id, extra in events
    }


def do_record_integrity_check(report: IntegrityReport) -> IntegrityReport:
    """Write the audit trail of one run (one event per alteration not recorded
    before, so a daily run does not repeat them, and a summary), then e-mail the
    ADMINS when anything is altered, newly or still."""
    with transaction.atomic():
        known = _already_recorded(report.altered)
        fresh = [
            item
            for item in report.altered
            if (str(item.pk), item.stored_hash, item.computed_hash) not in known
        ]
        certificates = Certificate.objects.select_related("unit").in_bulk(
            [item.pk for item in fresh]
        )
        for item in fresh:
            certificate = certificates[item.pk]
            record_event(
                actor=None,
                verb=FAILED_VERB,
                target=certificate,
                unit=certificate.unit,
                extra={
                    "code": item.code,
                    "stored_hash": item.stored_hash,
                    "computed_hash": item.computed_hash,
                },
            )
        report.new = len(fresh)
        record_event(
            actor=None,
            verb=CHECKED_VERB,
            extra={
                "checked": report.checked,
                "altered": len(report.altered),
                "new": report.new,
                "codes": [item.code for item in report.altered[:LISTED_IN_MAIL]],
            },
        )
    if report.altered:
        logger.error(
            "certificate integrity: %d of %d records altered (%d new)",
            len(report.altered),
            report.checked,
            report.new,
        )
        _mail_admins(report)
    return report


def _mail_admins(report: IntegrityReport) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(altered)d certificate records altered (%(new)d newly found)") % {
            "altered": len(report.altered),
            "new": report.new,
        }
        lines = [
            _(
                "The integrity check read %(checked)d certificates. These records no "
                "longer match the content hash taken when they were issued: someone "
                "changed them outside the application. Their verification pages say "
                '"record altered" until the rows are restored from a backup.'
            )
            % {"checked": report.checked},
            "",
            *(f"{item.code}  {verify_url(item.code)}" for item in report.altered[:LISTED_IN_MAIL]),
        ]
        if len(report.altered) > LISTED_IN_MAIL:
            lines.append(
                _("… and %(more)d more: see the audit trail.")
                % {"more": len(report.altered) - LISTED_IN_MAIL}
            )
    mail_admins(subject, "\n".join(lines))


def do_check_certificate_integrity(batch_size: int | None = None) -> IntegrityReport:
    """The whole job: read everything, then record and report."""
    return do_record_integrity_check(check_all_certificates(batch_size))
