"""Reported values. A manager's entry counts at once; a team member enters
their team's area's figures for the current quarter and a manager of that area
accepts them or sends them back with a reason (the member then enters a
corrected one). Closed quarters and submitted reports refuse both."""

from __future__ import annotations

import uuid

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.audit.record import record_event
from lms.units.scope import units_in_scope

from .. import indicators
from ..access import access_team, access_unit
from ..catalogue import REPORTED
from ..errors import BadFigure, ValueAlreadyReviewed
from ..evidence import check_evidence_file
from ..measure import residents_of
from ..models import ReportedIndicatorValue, ValueStatus
from .figures import check_period_open


def check_reported_value(unit, indicator, value, evidence) -> bool:
    """Refuse what cannot be right; return whether the value is above the
    unit's number of residents (kept, but flagged for the reviewer)."""
    if indicator not in REPORTED:
        raise BadFigure(_("This indicator is counted by the platform, not entered."))
    if value is None or value < 0:
        raise BadFigure(_("The number of people cannot be negative."))
    if not (evidence or "").strip():
        raise BadFigure(_("Say what the figure rests on (evidence)."))
    return indicators.Progress(value, residents_of(unit)).over_denominator


def _create(
    *,
    actor,
    unit,
    period,
    indicator,
    value,
    evidence,
    above,
    accepted,
    team=None,
    upload=None,
    extension=None,
):
    now = timezone.now()
    entry = ReportedIndicatorValue(
        unit=unit,
        period=period,
        indicator=indicator,
        value=value,
        evidence=evidence.strip(),
        team=team,
        above_denominator=above,
        status=ValueStatus.ACCEPTED if accepted else ValueStatus.PENDING,
        entered_by=actor,
        reviewed_by=actor if accepted else None,
        reviewed_at=now if accepted else None,
        accepted_at=now if accepted else None,
    )
    if upload is not None:
        entry.evidence_file.save(f"{uuid.uuid4().hex}.{extension}", File(upload), save=False)
    entry.save()
    record_event(
        actor=actor,
        verb="movement.value_reported",
        target=entry,
        unit=unit,
        extra={
            "indicator": indicator,
            "period": str(period),
            "value": value,
            "status": entry.status,
            "above_denominator": above,
            "team": team.pk if team else None,
        },
    )
    return entry


def do_report_value(*, actor, unit, indicator, year, quarter, value, evidence):
    """A manager's figure for any open quarter of their units: accepted as entered."""
    unit = access_unit(actor, unit)
    above = check_reported_value(unit, indicator, value, evidence)
    with transaction.atomic():
        period = check_period_open(unit, year, quarter)
        return _create(
            actor=actor,
            unit=unit,
            period=period,
            indicator=indicator,
            value=value,
            evidence=evidence,
            above=above,
            accepted=True,
        )


def do_team_report_value(*, actor, team, indicator, value, evidence, evidence_file=None):
    """A team member's figure for the team's area and the current quarter. It
    waits for a manager unless the actor manages the area themselves."""
    team = access_team(actor, team.pk)
    unit = team.unit
    above = check_reported_value(unit, indicator, value, evidence)
    extension = check_evidence_file(evidence_file) if evidence_file else None
    year, quarter = indicators.quarter_of(timezone.localdate())
    manages = units_in_scope(actor).filter(pk=unit.pk).exists()
    with transaction.atomic():
        period = check_period_open(unit, year, quarter)
        return _create(
            actor=actor,
            unit=unit,
            period=period,
            indicator=indicator,
            value=value,
            evidence=evidence,
            above=above,
            accepted=manages,
            team=team,
            upload=evidence_file,
            extension=extension,
        )


def do_review_value(*, actor, entry, accept: bool, reason: str = ""):
    """A manager of the entry's unit accepts it (it counts from now) or sends it
    back with a reason the member sees."""
    unit = access_unit(actor, entry.unit)
    reason = (reason or "").strip()
    if not accept and not reason:
        raise BadFigure(_("Say why the figure is sent back, so the team can correct it."))
    with transaction.atomic():
        entry = ReportedIndicatorValue.objects.select_for_update().get(pk=entry.pk)
        if entry.status != ValueStatus.PENDING:
            raise ValueAlreadyReviewed()
        period = entry.period
        check_period_open(unit, period.year, period.quarter)
        now = timezone.now()
        entry.status = ValueStatus.ACCEPTED if accept else ValueStatus.RETURNED
        entry.reviewed_by = actor
        entry.reviewed_at = now
        entry.accepted_at = now if accept else None
        entry.return_reason = "" if accept else reason[:500]
        entry.save(
            update_fields=["status", "reviewed_by", "reviewed_at", "accepted_at", "return_reason"]
        )
        record_event(
            actor=actor,
            verb="movement.value_accepted" if accept else "movement.value_returned",
            target=entry,
            unit=unit,
            extra={
                "indicator": entry.indicator,
                "period": str(period),
                "value": entry.value,
                "reason": entry.return_reason,
            },
        )
    return entry
