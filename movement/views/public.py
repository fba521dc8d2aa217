"""The public ranking board of a commune: villages ranked by progress towards
their target (so small villages compete fairly), no personal data. The board
and its rows are kept with the dashboard's figures (movement/figures_cache.py):
a screen refreshing all day reads nothing from the database, and a write that
changes the board (a certificate, the board's settings) shows on the next
request."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from lms.core import csrf_in_cache
from lms.inclusion.easy_mode import easy_mode_on_device
from lms.units.models import COMMUNE_KINDS, Unit

from .. import indicators
from ..actions import period_for
from ..catalogue import REPORTED_AUDIENCE, Indicator
from ..figures_cache import cached_figures
from ..measure import progress_table
from ..models import RankingBoard


def ranking_rows(board: RankingBoard, today) -> list[dict]:
    year, quarter = indicators.quarter_of(today)
    audience = board.audience if board.indicator == Indicator.CERTIFIED else REPORTED_AUDIENCE
    _own, children = progress_table(
        board.unit, audience, board.indicator, year, today, period_for(year, quarter)
    )
    by_code = {row.unit.code: row for row in children}
    ranked = indicators.rank((code, row.progress.towards_target) for code, row in by_code.items())
    return [
        {
            "rank": position,
            "name": by_code[code].unit.name,
            "rate": by_code[code].progress.rate_percent,
            "target": by_code[code].progress.target_percent,
            "bar": by_code[code].progress,
        }
        for position, code in ranked
    ]


def _board(code: str, today) -> dict:
    unit = Unit.objects.filter(code=code, kind__in=COMMUNE_KINDS).first()
    board = RankingBoard.objects.filter(unit=unit, is_public=True).first() if unit else None
    if board is None:
        return {"board": None}
    return {"unit": unit, "board": board, "rows": ranking_rows(board, today)}


def _board_page(code: str, today) -> dict:
    return cached_figures(("ranking", code, today.isoformat()), lambda: _board(code, today))


def _visitor_html(request, code: str, today) -> dict:
    page = _board_page(code, today)
    if page["board"] is None:
        return {"html": None}
    html = render_to_string("movement/ranking.html", {**page, "today": today}, request=request)
    return {"html": csrf_in_cache.storable(html.encode())}


def _same_for_every_visitor(request) -> bool:
    # No session (so no name in the header, no messages) and no query string
    # (the easy-reading switch's form carries the full path back).
    return (
        not request.user.is_authenticated and "messages" not in request.COOKIES and not request.GET
    )


def ranking(request, code: str):
    today = timezone.localdate()
    if _same_for_every_visitor(request):
        # The ward's screen: the whole page kept rendered, per language and reading mode.
        variant = (get_language(), easy_mode_on_device(request))
        page = cached_figures(
            ("ranking-page", code, today.isoformat(), *variant),
            lambda: _visitor_html(request, code, today),
        )
        if page["html"] is None:
            raise Http404
        return HttpResponse(csrf_in_cache.for_visitor(request, page["html"]))
    page = _board_page(code, today)
    if page["board"] is None:
        raise Http404
    return render(request, "movement/ranking.html", {**page, "today": today})
