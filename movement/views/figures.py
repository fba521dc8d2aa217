"""Denominators, targets, reported values and the ranking choice: one page of
small forms, each posting to the same address with its name."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.errors import ActionError
from lms.units.models import COMMUNE_KINDS
from lms.units.scope import units_in_scope

from .. import actions, indicators
from ..access import access_unit, deny_non_manager
from ..errors import OutsideScope
from ..forms import PopulationForm, RankingForm, ReportedValueForm, TargetForm
from ..models import (
    PopulationFigure,
    RankingBoard,
    ReportedIndicatorValue,
    Target,
    ValueStatus,
)

FORMS = {
    "population": PopulationForm,
    "target": TargetForm,
    "value": ReportedValueForm,
    "ranking": RankingForm,
}


def _act(name, user, unit, data):
    if name == "population":
        return actions.do_record_population(actor=user, unit=unit, **data)
    if name == "target":
        return actions.do_set_target(actor=user, unit=unit, **data)
    if name == "value":
        return actions.do_report_value(actor=user, unit=unit, **data)
    return actions.do_set_ranking(actor=user, unit=unit, **data)


def figures(request, code: str):
    if not units_in_scope(request.user).exists():
        return deny_non_manager(request)
    try:
        unit = access_unit(request.user, code)
    except OutsideScope as error:
        return render(request, "movement/outside_scope.html", {"error": error}, status=404)
    today = timezone.localdate()
    year, quarter = indicators.quarter_of(today)
    board = RankingBoard.objects.filter(unit=unit).first()
    initial = {
        "population": {"as_of": today},
        "target": {"year": year},
        "value": {"year": year, "quarter": quarter},
        "ranking": {
            "is_public": board.is_public if board else False,
            "indicator": board.indicator if board else None,
            "audience": board.audience if board else None,
        },
    }
    posted = request.POST.get("form") if request.method == "POST" else None
    forms = {
        name: form_class(
            request.POST if name == posted else None, prefix=name, initial=initial[name]
        )
        for name, form_class in FORMS.items()
    }
    status = 200
    if posted in forms:
        form = forms[posted]
        if form.is_valid():
            try:
                _act(posted, request.user, unit, form.cleaned_data)
            except ActionError as error:
                form.add_error(None, str(error.message))
                status = error.status if error.status != 404 else 400
            else:
                messages.success(request, _("Saved."))
                return redirect("movement:figures", code=unit.code)
        else:
            status = 400
    return render(
        request,
        "movement/figures.html",
        {
            "unit": unit,
            "forms": forms,
            "can_rank": unit.kind in COMMUNE_KINDS,
            "figures": PopulationFigure.objects.filter(unit=unit).select_related("entered_by")[:20],
            "targets": Target.objects.filter(unit=unit).order_by("-year", "indicator", "audience"),
            "values": ReportedIndicatorValue.objects.filter(unit=unit).select_related(
                "period", "entered_by"
            )[:20],
            "pending": ReportedIndicatorValue.objects.filter(
                unit__path__startswith=unit.path, status=ValueStatus.PENDING
            ).select_related("unit", "period", "entered_by"),
        },
        status=status,
    )
