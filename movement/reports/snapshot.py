"""What a quarterly report says, frozen as JSON: every figure the XLSX and PDF
show, with Vietnamese labels, so a submitted report reads the same forever."""

from __future__ import annotations

from django.db.models import Count, Sum
from django.utils import timezone, translation

from lms.audiences import Audience

from .. import indicators
from ..catalogue import COUNTED, COUNTED_OF, REPORTED, REPORTED_AUDIENCE, Indicator
from ..measure import Subtree, progress_table
from ..models import ActivityKind, ActivityLog


def _row(indicator, audience, progress: indicators.Progress, name=None, of=None) -> dict:
    return {
        "indicator": str(indicator),
        "indicator_label": str(Indicator(indicator).label),
        "audience": str(audience),
        # Counted indicators are over teams or places: the column says which.
        "audience_label": str(of) if of else str(Audience(audience).label),
        "name": name or "",
        "achieved": progress.achieved,
        "denominator": progress.denominator,
        "rate": str(progress.rate_percent) if progress.rate_percent is not None else None,
        "target": progress.target_percent,
        "gap": progress.gap_people,
        "over": progress.over_denominator,
    }


def build(unit, period, notes: str = "") -> dict:
    year, quarter = period.year, period.quarter
    until = min(indicators.quarter_end(year, quarter), timezone.localdate())
    rows, children = [], []
    subtree = Subtree(unit)  # read once for every row of the report
    with translation.override("vi"):
        for audience in Audience:
            own, kids = progress_table(
                unit, audience, Indicator.CERTIFIED, year, until, subtree=subtree
            )
            rows.append(_row(Indicator.CERTIFIED, audience, own.progress))
            if audience == Audience.RESIDENT:
                children = [
                    _row(Indicator.CERTIFIED, audience, kid.progress, kid.unit.name) for kid in kids
                ]
        for indicator in REPORTED:
            own, _kids = progress_table(
                unit, REPORTED_AUDIENCE, indicator, year, until, period=period, subtree=subtree
            )
            rows.append(_row(indicator, REPORTED_AUDIENCE, own.progress))
        for indicator in COUNTED:
            own, _kids = progress_table(
                unit, REPORTED_AUDIENCE, indicator, year, until, subtree=subtree
            )
            rows.append(_row(indicator, REPORTED_AUDIENCE, own.progress, of=COUNTED_OF[indicator]))
        activities = _activities(unit, year, quarter)
    return {
        "unit": {"code": unit.code, "name": unit.name, "full_name": unit.full_name()},
        "year": year,
        "quarter": quarter,
        "as_of": until.isoformat(),
        "rows": rows,
        "children": children,
        "activities": activities,
        "notes": notes,
    }


def _activities(unit, year, quarter) -> list[dict]:
    start, end = indicators.quarter_start(year, quarter), indicators.quarter_end(year, quarter)
    counts = {
        row["kind"]: row
        for row in ActivityLog.objects.filter(
            team__unit__path__startswith=unit.path, day__gte=start, day__lte=end
        )
        .values("kind")
        .annotate(entries=Count("id"), people=Sum("people"))
        .order_by()
    }
    return [
        {
            "kind": str(kind),
            "label": str(kind.label),
            "entries": counts.get(kind, {}).get("entries", 0),
            "people": counts.get(kind, {}).get("people") or 0,
        }
        for kind in ActivityKind
    ]


def roll_up_rows(snapshots: list[dict]) -> list[dict]:
    """A province's roll-up of its communes' submitted reports: the sum of the
    parts per indicator and audience, rates and gaps recomputed from the sums."""
    order, parts = [], {}
    for snapshot in snapshots:
        for row in snapshot["rows"]:
            key = (row["indicator"], row["audience"])
            if key not in parts:
                order.append(key)
                parts[key] = (row, [])
            parts[key][1].append(
                indicators.Progress(row["achieved"], row["denominator"], row["target"])
            )
    result = []
    for key in order:
        first, progresses = parts[key]
        total = indicators.roll_up(progresses, first["target"])
        result.append(
            {
                **first,
                "achieved": total.achieved,
                "denominator": total.denominator,
                "rate": str(total.rate_percent) if total.rate_percent is not None else None,
                "gap": total.gap_people,
                "over": total.over_denominator,
            }
        )
    return result
