"""Tables kept by actions and Celery so dashboards never scan learners."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.audiences import Audience

from ..catalogue import Indicator


class CertifiedDaily(models.Model):
    """Valid certificates issued on a day to learners living in a unit (the
    learner's home unit, not the issuing one), per audience. Refreshed cell by
    cell when a certificate is saved and rebuilt nightly (movement.rollup)."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    unit_path = models.CharField(max_length=255, db_index=True)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    day = models.DateField()
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "audience", "day"], name="movement_one_certified_cell"
            )
        ]
        indexes = [
            models.Index(fields=["unit_path", "audience", "day"], name="movement_certified_scan")
        ]

    def __str__(self):
        return f"{self.unit_path} {self.audience} {self.day}: {self.count}"


class RankingBoard(models.Model):
    """A commune's choice to publish its villages' ranking, and on what."""

    unit = models.OneToOneField("units.Unit", on_delete=models.CASCADE, related_name="+")
    is_public = models.BooleanField(_("public"), default=False)
    indicator = models.CharField(
        _("indicator"), max_length=40, choices=Indicator.choices, default=Indicator.CERTIFIED
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.RESIDENT
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ranking board")
        verbose_name_plural = _("ranking boards")

    def __str__(self):
        return str(self.unit)


class ClosedQuarterFigure(models.Model):
    """A unit's computed figure for a quarter, stored when the quarter was closed
    (movement.closing) so the quarter's value never changes afterwards: the
    dashboards read it instead of recounting certificates against today's
    denominator and targets. Written in one bulk write with the close."""

    period = models.ForeignKey(
        "movement.ReportingPeriod", on_delete=models.CASCADE, related_name="frozen_figures"
    )
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="+")
    audience = models.CharField(max_length=20, choices=Audience.choices)
    indicator = models.CharField(max_length=40, choices=Indicator.choices)
    achieved = models.PositiveIntegerField()
    denominator = models.PositiveIntegerField(null=True, blank=True)
    target = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "audience", "indicator"],
                name="movement_one_closed_figure",
            )
        ]

    def __str__(self):
        return f"{self.unit_id} {self.indicator} {self.audience} {self.period_id}: {self.achieved}"
