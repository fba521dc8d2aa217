"""The public ranking board of a commune: villages ranked by progress towards
their target (so small villages compete fairly), no personal data. The board
and its rows are kept with the dashboard's figures (movement/figures_cache.py):
a screen refreshing all day reads nothing from the database, and a write that
changes the board (a certificate, the board's settings) shows on the next
request."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

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


def ranking(request, code: str):
    today = timezone.localdate()
    page = cached_figures(("ranking", code, today.isoformat()), lambda: _board(code, today))
    if page["board"] is None:
        raise Http404
    return render(request, "movement/ranking.html", {**page, "today": today})
