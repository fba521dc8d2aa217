"""The public ranking board of a commune: villages ranked by progress towards
their target (so small villages compete fairly), no personal data, computed
at most once a day."""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from lms.units.models import COMMUNE_KINDS, Unit

from .. import indicators
from ..actions import period_for
from ..catalogue import REPORTED_AUDIENCE, Indicator
from ..measure import progress_table
from ..models import RankingBoard

DAY = 60 * 60 * 24


def ranking_key(code: str, day) -> str:
    return f"movement:ranking:{code}:{day.isoformat()}"


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


def ranking(request, code: str):
    unit = Unit.objects.filter(code=code, kind__in=COMMUNE_KINDS).first()
    board = RankingBoard.objects.filter(unit=unit, is_public=True).first() if unit else None
    if board is None:
        raise Http404
    today = timezone.localdate()
    key = ranking_key(code, today)
    rows = cache.get(key)
    if rows is None:
        rows = ranking_rows(board, today)
        cache.set(key, rows, DAY)
    return render(
        request,
        "movement/ranking.html",
        {"unit": unit, "board": board, "rows": rows, "today": today},
    )
