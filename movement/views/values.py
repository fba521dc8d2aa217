"""Reported values from the field: a team member enters their area's figures
for the current quarter from a phone (plain form, works without JavaScript), a
manager accepts or sends them back, either opens the evidence file."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.access import ask_to_sign_in
from lms.errors import ActionError

from .. import actions, indicators
from ..access import access_team, access_value_evidence, access_value_for_review
from ..catalogue import REPORTED
from ..errors import OutsideScope
from ..forms import ReviewForm, TeamValueForm
from ..measure import residents_of
from ..models import ReportedIndicatorValue, ReportingPeriod, ValueStatus


def _outside(request, error):
    return render(request, "movement/outside_scope.html", {"error": error}, status=404)


def team_values(request, team_id: int):
    if not request.user.is_authenticated:
        return ask_to_sign_in(request)
    try:
        team = access_team(request.user, team_id)
    except OutsideScope as error:
        return _outside(request, error)
    form = TeamValueForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                entry = actions.do_team_report_value(
                    actor=request.user, team=team, **form.cleaned_data
                )
            except ActionError as error:
                form.add_error(None, str(error.message))
                status = error.status if error.status != 404 else 400
            else:
                if entry.status == ValueStatus.PENDING:
                    messages.success(request, _("Sent: a manager of your area will review it."))
                else:
                    messages.success(request, _("Saved."))
                if entry.above_denominator:
                    messages.warning(
                        request,
                        _("This figure is above the number of residents (%(residents)s): check it.")
                        % {"residents": residents_of(team.unit)},
                    )
                return redirect("movement:team_values", team_id=team.pk)
        else:
            status = 400
    year, quarter = indicators.quarter_of(timezone.localdate())
    period = ReportingPeriod.objects.filter(year=year, quarter=quarter).first()
    history = ReportedIndicatorValue.objects.filter(
        unit=team.unit, period__year=year, period__quarter=quarter
    ).select_related("entered_by", "reviewed_by")
    current = _current_figures(history, period)
    return render(
        request,
        "movement/team_values.html",
        {
            "team": team,
            "form": form,
            "year": year,
            "quarter": quarter,
            "closed": bool(period and period.is_closed),
            "history": history,
            "current": [(indicator.label, current.get(indicator)) for indicator in REPORTED],
        },
        status=status,
    )


def review_value(request, code: str, value_id: int):
    """POST only: accept, or send back with a reason; back to the figures page."""
    if not request.user.is_authenticated:
        return ask_to_sign_in(request)
    try:
        entry = access_value_for_review(request.user, value_id)
    except OutsideScope as error:
        return _outside(request, error)
    if request.method != "POST":
        return redirect("movement:figures", code=code)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept the figure or send it back."))
        return redirect("movement:figures", code=code)
    try:
        actions.do_review_value(
            actor=request.user,
            entry=entry,
            accept=form.cleaned_data["decision"] == "accept",
            reason=form.cleaned_data["reason"],
        )
    except ActionError as error:
        messages.error(request, str(error.message))
        response = redirect("movement:figures", code=code)
        return response
    if form.cleaned_data["decision"] == "accept":
        messages.success(request, _("Accepted: the figure now counts."))
    else:
        messages.success(request, _("Sent back to the team with your reason."))
    return redirect("movement:figures", code=code)


def evidence(request, value_id: int):
    if not request.user.is_authenticated:
        return ask_to_sign_in(request)
    try:
        entry = access_value_evidence(request.user, value_id)
    except OutsideScope as error:
        return _outside(request, error)
    if not entry.evidence_file:
        return _outside(request, OutsideScope())
    name = entry.evidence_file.name.rsplit("/", 1)[-1]
    return FileResponse(entry.evidence_file.open("rb"), as_attachment=True, filename=name)


def _current_figures(history, period) -> dict[str, int]:
    """What counts now for each indicator: the latest accepted entry (frozen at
    the quarter's closing), the same rule the dashboard applies."""
    entries: dict[str, list] = {}
    for entry in history:
        if entry.status == ValueStatus.ACCEPTED:
            entries.setdefault(entry.indicator, []).append(
                indicators.Entry(entry.value, entry.accepted_at)
            )
    closed_at = period.closed_at if period else None
    return {
        indicator: indicators.value_for_period(found, closed_at)
        for indicator, found in entries.items()
    }
