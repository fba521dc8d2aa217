"""The manager's dashboard: a unit against its targets, its children ranked
behind-first, the gap in people and a per-quarter trend."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from lms.audiences import Audience
from lms.core.replica import reads_from_replica
from lms.units.scope import units_in_scope

from .. import indicators
from ..access import (
    access_team,
    access_unit,
    ambassador_of,
    deny_non_manager,
    home_managed_unit,
    teams_of,
)
from ..catalogue import (
    AUDIENCE_PEOPLE,
    COUNTED,
    COUNTED_OF,
    REPORTED,
    REPORTED_AUDIENCE,
    Indicator,
)
from ..errors import OutsideScope
from ..figures_cache import cached_figures
from ..measure import Subtree, progress_table
from ..models import QuarterlyReport, RankingBoard, ReportStatus

TREND_QUARTERS = 4


@reads_from_replica
def index(request):
    """Where "Phong trào" leads: a manager's unit, a team member's team, an
    ambassador's learners."""
    unit = home_managed_unit(request.user) if request.user.is_authenticated else None
    if unit is not None:
        return redirect("movement:dashboard", code=unit.code)
    team = teams_of(request.user).first()
    if team is not None:
        return redirect("movement:team", team_id=access_team(request.user, team.pk).pk)
    if ambassador_of(request.user) is not None:
        return redirect("movement:ambassador")
    return deny_non_manager(request)


def _ancestors(scope, unit):
    """The unit's ancestors the user manages, top first, in one read: their paths
    are the unit's path's prefixes."""
    if unit.parent_id is None:
        return []
    parts = unit.path.strip("/").split("/")[:-1]
    paths = ["/".join(parts[: depth + 1]) + "/" for depth in range(len(parts))]
    return list(scope.filter(path__in=paths).order_by("path")[: len(paths)])


def _trend(unit, audience, today, subtree):
    year, quarter = indicators.quarter_of(today)
    points = []
    for y, q in indicators.previous_quarters(year, quarter, TREND_QUARTERS):
        until = min(indicators.quarter_end(y, q), today)
        own, _kids = progress_table(unit, audience, Indicator.CERTIFIED, y, until, subtree=subtree)
        points.append({"label": f"Q{q}/{y}", "progress": own.progress})
    return points


def _trend_svg_points(points) -> str:
    """x from 10 to 290, y from 110 (0 %) to 10 (100 %) in a 300 × 120 box."""
    if not points:
        return ""
    step = 280 / max(len(points) - 1, 1)
    coords = []
    for index, point in enumerate(points):
        rate = float(point["progress"].bar_percent)
        coords.append(f"{10 + index * step:.1f},{110 - rate:.1f}")
        point["x"], point["y"] = coords[-1].split(",")
    return " ".join(coords)


@reads_from_replica
def dashboard(request, code: str):
    scope = units_in_scope(request.user)
    try:
        unit = access_unit(request.user, code)
    except OutsideScope as error:
        # Asked only on a refusal: a manager's usual request skips the check.
        if not scope.exists():
            return deny_non_manager(request)
        return render(request, "movement/outside_scope.html", {"error": error}, status=404)
    audience = request.GET.get("audience") or Audience.RESIDENT
    if audience not in Audience.values:
        audience = Audience.RESIDENT
    today = timezone.localdate()
    year, quarter = indicators.quarter_of(today)
    shown = {
        "unit": unit,
        "audience": audience,
        "audiences": Audience.choices,
        "people": AUDIENCE_PEOPLE[audience],
    }
    # Kept rendered: a hit then costs no unpickling of 100 rows nor their template.
    figures = cached_figures(
        ("dashboard", unit.pk, audience, today.isoformat(), get_language()),
        lambda: _rendered_figures(shown, today),
    )
    return render(
        request,
        "movement/dashboard.html",
        {
            **shown,
            "ancestors": _ancestors(scope, unit),
            "figures_html": figures["html"],  # a SafeString, kept so through the cache
            "ranking_public": figures["ranking_public"],
            "year": year,
            "quarter": quarter,
            "waiting_report": figures.get("waiting_report"),
            "report_due": indicators.report_due(year, quarter),
        },
    )


def _rendered_figures(shown: dict, today) -> dict:
    from ..actions import period_for

    period = period_for(*indicators.quarter_of(today))
    figures = _figures(shown["unit"], shown["audience"], today, period)
    html = render_to_string("movement/includes/dashboard_figures.html", {**shown, **figures})
    # A report's save stales the entry (figures_cache.SOURCE_MODELS) like any figure's.
    waiting = QuarterlyReport.objects.filter(
        unit=shown["unit"], period=period, status=ReportStatus.DRAFT
    ).exists()
    return {"html": html, "ranking_public": figures["ranking_public"], "waiting_report": waiting}


def _figures(unit, audience, today, period) -> dict:
    """Every number of the page; the same for every manager who may see the unit."""
    year = period.year
    subtree = Subtree(unit)  # read once for every table of the page
    own, children = progress_table(
        unit, audience, Indicator.CERTIFIED, year, today, subtree=subtree
    )
    children.sort(
        key=lambda row: (
            row.progress.towards_target is None,
            row.progress.towards_target or 0,
            row.unit.name,
        )
    )
    reported = []
    for indicator in REPORTED:
        row, _kids = progress_table(
            unit, REPORTED_AUDIENCE, indicator, year, today, period, subtree=subtree
        )
        reported.append({"indicator": indicator, "label": indicator.label, "row": row})
    counted = []
    for indicator in COUNTED:
        row, kids = progress_table(unit, REPORTED_AUDIENCE, indicator, year, today, subtree=subtree)
        counted.append(
            {"label": indicator.label, "of": COUNTED_OF[indicator], "row": row, "children": kids}
        )
    trend = _trend(unit, audience, today, subtree)
    return {
        "own": own,
        "children": children,
        "reported": reported,
        "counted": counted,
        "trend": trend,
        "trend_points": _trend_svg_points(trend),
        "trend_target_y": 110 - min(own.progress.target_percent or 0, 100),
        # The public board for the ward's screen, one click from here.
        "ranking_public": RankingBoard.objects.filter(unit=unit, is_public=True).exists(),
    }
