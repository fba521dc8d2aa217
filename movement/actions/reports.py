from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from lms.audit.record import record_event

from .. import indicators
from ..access import access_unit
from ..errors import FutureQuarter, ReportSubmitted
from ..models import QuarterlyReport, QuarterlyReportVersion, ReportStatus
from ..reports import snapshot
from .figures import period_for

logger = logging.getLogger(__name__)


def _render_after_commit(report_id: int) -> None:
    """Render the files once the report is committed (a worker with Redis,
    eagerly when embedded). The report stands even if the queue is down: the
    page says the files are being prepared and the next preparation retries."""
    from ..reports.files import render_report_files

    def enqueue():
        try:
            render_report_files.delay(report_id)
        except Exception:
            logger.exception("could not queue the files of quarterly report %s", report_id)

    transaction.on_commit(enqueue)


def do_prepare_report(*, actor, unit, year: int, quarter: int, notes=None) -> QuarterlyReport:
    """Make or refresh the draft for a unit and quarter (actor None: the beat task)."""
    if actor is not None:
        unit = access_unit(actor, unit)
    if indicators.is_future_quarter(year, quarter, timezone.localdate()):
        raise FutureQuarter()
    period = period_for(year, quarter)
    with transaction.atomic():
        report, _created = QuarterlyReport.objects.select_for_update().get_or_create(
            unit=unit, period=period
        )
        if report.is_submitted:
            raise ReportSubmitted()
        if notes is not None:
            report.notes = notes
        report.snapshot = snapshot.build(unit, period, report.notes)
        report.prepared_at = timezone.now()
        report.save()
        QuarterlyReportVersion.objects.create(
            report=report, status=report.status, snapshot=report.snapshot, created_by=actor
        )
        record_event(
            actor=actor,
            verb="movement.report_prepared",
            target=report,
            unit=unit,
            extra={"period": str(period)},
        )
        _render_after_commit(report.pk)
    return report


def do_submit_report(*, actor, report: QuarterlyReport) -> QuarterlyReport:
    """Freeze the report with today's figures; it is never changed again."""
    unit = access_unit(actor, report.unit)
    with transaction.atomic():
        report = QuarterlyReport.objects.select_for_update().get(pk=report.pk)
        if report.is_submitted:
            raise ReportSubmitted()
        report.snapshot = snapshot.build(unit, report.period, report.notes)
        report.status = ReportStatus.SUBMITTED
        report.submitted_at = timezone.now()
        report.submitted_by = actor
        report.save()
        QuarterlyReportVersion.objects.create(
            report=report, status=report.status, snapshot=report.snapshot, created_by=actor
        )
        record_event(
            actor=actor,
            verb="movement.report_submitted",
            target=report,
            unit=unit,
            extra={"period": str(report.period)},
        )
        _render_after_commit(report.pk)
    return report


def do_mark_reminded(report: QuarterlyReport) -> None:
    with transaction.atomic():
        report.reminded_at = timezone.now()
        report.save(update_fields=["reminded_at"])
        record_event(
            actor=None, verb="movement.report_reminder_sent", target=report, unit=report.unit
        )


def do_record_report_download(*, actor, report: QuarterlyReport, kind: str) -> None:
    """The files carry a unit's figures to an office: who took which file of
    which report is recorded when it is handed over (the view checked scope)."""
    record_event(
        actor=actor,
        verb="movement.report_downloaded",
        target=report,
        unit=report.unit,
        extra={"format": kind, "period": str(report.period), "status": report.status},
    )
