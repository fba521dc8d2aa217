"""The quarter's calendar: from the first day of its last month a draft report
waits for every unit that has a manager, and managers are reminded (e-mail and
a dashboard notice) once, before the 15th."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.accounts.roles import Role
from lms.units.models import COMMUNE_KINDS, PROVINCE_KINDS, Unit

from .. import actions, indicators
from ..models import QuarterlyReport

logger = logging.getLogger(__name__)


def managers_of(unit):
    return User.objects.filter(
        home_unit=unit, groups__name=Role.UNIT_MANAGER.value, is_active=True
    ).distinct()


def reporting_units():
    return Unit.objects.filter(
        kind__in=COMMUNE_KINDS | PROVINCE_KINDS,
        residents__groups__name=Role.UNIT_MANAGER.value,
    ).distinct()


def in_reminder_window(today) -> tuple[int, int] | None:
    """The quarter whose draft is due, when today is between the first of its
    last month and its 15th."""
    year, quarter = indicators.quarter_of(today)
    if indicators.last_month_start(year, quarter) <= today < indicators.report_due(year, quarter):
        return year, quarter
    return None


def prepare_and_remind(today=None) -> int:
    today = today or timezone.localdate()
    window = in_reminder_window(today)
    if window is None:
        return 0
    year, quarter = window
    reminded = 0
    for unit in reporting_units():
        report = QuarterlyReport.objects.filter(
            unit=unit, period__year=year, period__quarter=quarter
        ).first()
        if report is None:
            report = actions.do_prepare_report(actor=None, unit=unit, year=year, quarter=quarter)
        if report.is_submitted or report.reminded_at is not None:
            continue
        _mail_managers(unit, year, quarter)
        actions.do_mark_reminded(report)
        reminded += 1
    return reminded


def _mail_managers(unit, year, quarter) -> None:
    due = indicators.report_due(year, quarter)
    for manager in managers_of(unit).exclude(email=""):
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Quarterly report Q%(quarter)s/%(year)s of %(unit)s is waiting") % {
                "quarter": quarter,
                "year": year,
                "unit": unit.name,
            }
            body = _(
                "The draft quarterly report of %(unit)s is ready. Check it and submit it "
                "before %(due)s: %(url)s"
            ) % {
                "unit": unit.name,
                "due": due.strftime("%d/%m/%Y"),
                "url": f"{settings.BASE_URL.rstrip('/')}/phong-trao/{unit.code}/bao-cao/",
            }
        try:
            send_mail(subject, body, None, [manager.email])
        except OSError:
            logger.exception("could not mail the report reminder to user %s", manager.pk)
