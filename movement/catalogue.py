"""The indicators the movement's plans name, and the plan's default targets.

Codes are stable identifiers stored in targets, reported values and report
snapshots; labels are translated. A computed indicator is counted from the
platform's own data (see movement.registry); a reported one is entered per
period by a team or a manager, with evidence."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.audiences import Audience


class Indicator(models.TextChoices):
    CERTIFIED = "certified", _("Recognised as having basic digital skills")
    VNEID = "vneid_confirmed", _("VNeID accounts activated and skill-confirmed")
    ONLINE_SERVICES = "online_public_services", _("Residents using online public services")
    CASHLESS = "cashless_payment", _("Residents paying without cash")
    SMART_DEVICE = "smart_device", _("Adult residents using a smart device")
    AMBASSADOR_COVERAGE = "ambassador_coverage", _("Residents followed by a digital ambassador")
    CLASS_PARTICIPANTS = "class_participants", _("Residents who attended a community class")
    TEAM_TARGETS_MET = "team_targets_met", _("Community digital teams meeting their targets")
    LEARNING_CORNERS = "learning_corners_active", _("Community learning corners active")


COMPUTED = {Indicator.CERTIFIED, Indicator.AMBASSADOR_COVERAGE, Indicator.CLASS_PARTICIPANTS}
# Counted over things, not people: the provider gives both the part and the
# whole (teams with targets, known places), so no population figure is needed.
COUNTED = [Indicator.TEAM_TARGETS_MET, Indicator.LEARNING_CORNERS]
# What the whole of a counted indicator is made of, as its rows name it.
COUNTED_OF = {
    Indicator.TEAM_TARGETS_MET: _("teams with targets this quarter"),
    Indicator.LEARNING_CORNERS: _("known learning places"),
}
REPORTED = [
    Indicator.VNEID,
    Indicator.ONLINE_SERVICES,
    Indicator.CASHLESS,
    Indicator.SMART_DEVICE,
]
# Reported indicators count residents; their denominator is the residents' figure.
REPORTED_AUDIENCE = Audience.RESIDENT

# The plans' targets (percent of the audience's denominator), by indicator and year.
# A year after the last one keeps the last year's target.
PLAN_TARGETS: dict[str, dict[int, int]] = {
    Indicator.CERTIFIED: {2025: 80, 2026: 100},
    Indicator.VNEID: {2025: 40, 2026: 60},
    # "100 % of community digital teams set up and active; 100 % of cultural post
    # offices and community learning centres running regular guidance."
    Indicator.TEAM_TARGETS_MET: {2025: 100},
    Indicator.LEARNING_CORNERS: {2025: 100},
}


def plan_target(indicator: str, year: int) -> int | None:
    by_year = PLAN_TARGETS.get(indicator)
    if not by_year:
        return None
    known = [y for y in sorted(by_year) if y <= year]
    return by_year[known[-1]] if known else by_year[min(by_year)]


# Who the people counted are, as the gap sentence names them.
AUDIENCE_PEOPLE = {
    Audience.RESIDENT: _("residents"),
    Audience.STUDENT: _("pupils and students"),
    Audience.OFFICIAL: _("officials and public employees"),
    Audience.WORKER: _("enterprise workers"),
}
