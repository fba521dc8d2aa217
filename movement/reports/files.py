"""Render a report's XLSX and PDF from its snapshot and store them privately."""

from __future__ import annotations

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction

from ..models import QuarterlyReport
from ..task_options import RETRY_OPTIONS
from . import pdf, xlsx


def file_stem(report: QuarterlyReport) -> str:
    return f"bao-cao-{report.unit.code}-q{report.period.quarter}-{report.period.year}"


def store_files(report_id: int) -> None:
    report = QuarterlyReport.objects.select_related("unit", "period").get(pk=report_id)
    snapshot = report.snapshot
    workbook, document = xlsx.render(snapshot), pdf.render(snapshot)
    stem = file_stem(report)
    with transaction.atomic():
        report = QuarterlyReport.objects.select_for_update().get(pk=report_id)
        if report.snapshot != snapshot:
            return  # prepared again meanwhile: that run renders the newer figures
        old = [f.name for f in (report.xlsx, report.pdf) if f]
        report.xlsx.save(f"{stem}.xlsx", ContentFile(workbook), save=False)
        report.pdf.save(f"{stem}.pdf", ContentFile(document), save=False)
        report.save(update_fields=["xlsx", "pdf"])
    storage = QuarterlyReport._meta.get_field("pdf").storage
    for name in old:
        transaction.on_commit(lambda name=name: storage.delete(name))


@shared_task(name="movement.render_report_files", acks_late=True, **RETRY_OPTIONS)
def render_report_files(report_id: int) -> None:
    store_files(report_id)
