"""Quarterly reports of a unit: prepare, submit, download; a province also sees
its communes' submitted reports and their roll-up."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.replica import reads_from_replica
from lms.errors import ActionError
from lms.units.models import PROVINCE_KINDS
from lms.units.scope import units_in_scope

from .. import actions, indicators
from ..access import access_unit, deny_non_manager
from ..errors import OutsideScope
from ..forms import ReportRequestForm
from ..models import QuarterlyReport, ReportStatus
from ..reports.files import file_stem
from ..reports.snapshot import roll_up_rows


@reads_from_replica
def reports(request, code: str):
    if not units_in_scope(request.user).exists():
        return deny_non_manager(request)
    try:
        unit = access_unit(request.user, code)
    except OutsideScope as error:
        return render(request, "movement/outside_scope.html", {"error": error}, status=404)
    year, quarter = indicators.quarter_of(timezone.localdate())
    form = ReportRequestForm(
        request.POST if request.POST.get("form") == "prepare" else None,
        initial={"year": year, "quarter": quarter},
    )
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("form") == "submit":
                report = get_object_or_404(
                    QuarterlyReport, pk=request.POST.get("report"), unit=unit
                )
                actions.do_submit_report(actor=request.user, report=report)
                messages.success(request, _("The report was submitted; it can no longer change."))
                return redirect("movement:reports", code=unit.code)
            if form.is_valid():
                actions.do_prepare_report(actor=request.user, unit=unit, **form.cleaned_data)
                messages.success(request, _("The draft report was prepared."))
                return redirect("movement:reports", code=unit.code)
            status = 400
        except ActionError as error:
            form.add_error(None, str(error.message))
            status = error.status
    own_reports = QuarterlyReport.objects.filter(unit=unit).select_related("period")
    context = {
        "unit": unit,
        "form": form,
        "reports": own_reports.order_by("-period__year", "-period__quarter"),
    }
    if unit.kind in PROVINCE_KINDS:
        context.update(_province_view(unit, request.GET))
    return render(request, "movement/reports.html", context, status=status)


def _province_view(unit, query) -> dict:
    year, quarter = indicators.quarter_of(timezone.localdate())
    try:
        year = int(query.get("year", year))
        quarter = int(query.get("quarter", quarter))
    except ValueError:
        pass
    submitted = list(
        QuarterlyReport.objects.filter(
            unit__parent=unit,
            status=ReportStatus.SUBMITTED,
            period__year=year,
            period__quarter=quarter,
        )
        .select_related("unit", "period")
        .order_by("unit__name")
    )
    return {
        "province_period": (year, quarter),
        "communes_submitted": submitted,
        "province_rows": roll_up_rows([report.snapshot for report in submitted]),
    }


@reads_from_replica
def download(request, report_id: int, kind: str):
    if kind not in {"xlsx", "pdf"}:
        raise Http404
    report = get_object_or_404(
        QuarterlyReport.objects.select_related("unit", "period"), pk=report_id
    )
    scope = units_in_scope(request.user)
    if not scope.exists():
        return deny_non_manager(request)
    if not scope.filter(pk=report.unit_id).exists():
        raise Http404
    stored = getattr(report, kind)
    if not stored:
        messages.info(request, _("The files are being prepared; try again in a minute."))
        return redirect("movement:reports", code=report.unit.code)
    handed_over = stored.open("rb")
    actions.do_record_report_download(actor=request.user, report=report, kind=kind)
    return FileResponse(handed_over, as_attachment=True, filename=f"{file_stem(report)}.{kind}")
