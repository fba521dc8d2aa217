"""Denominators, targets, reporting periods and reported values. Figures and
values are only ever added: the current one is the latest, the rest is history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.audiences import Audience
from lms.core.storage import private_storage

from ..catalogue import Indicator


class PopulationFigure(models.Model):
    """How many people of an audience a unit has (the denominator), as entered
    by a manager from a source such as the commune's statistics."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    value = models.PositiveIntegerField(_("number of people"))
    source = models.CharField(_("source"), max_length=300)
    as_of = models.DateField(_("figure as of"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        ordering = ["-entered_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "audience", "-entered_at"], name="movement_figure_latest")
        ]

    def __str__(self):
        return f"{self.unit} {self.audience}: {self.value}"


class Target(models.Model):
    """A unit's target for an indicator, audience and year, in percent. Units
    under it without their own inherit it; without any, the plan's default."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    indicator = models.CharField(_("indicator"), max_length=40, choices=Indicator.choices)
    percent = models.PositiveSmallIntegerField(_("target (%)"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "audience", "year", "indicator"], name="movement_one_target"
            ),
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="movement_target_at_most_100"
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.indicator} {self.audience} {self.year}: {self.percent} %"


class ReportingPeriod(models.Model):
    """A quarter. Once closed, nothing reported for it changes."""

    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="movement_one_period"),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="movement_quarter_1_to_4"
            ),
        ]

    def __str__(self):
        return f"Q{self.quarter}/{self.year}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class ValueStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Sent back")


def evidence_file_path(instance, filename: str) -> str:
    return f"movement/evidence/{instance.unit.code}/{filename}"


class ReportedIndicatorValue(models.Model):
    """A value the platform cannot count itself (VNeID, cashless payment…),
    entered for a unit and period, with who, when and the evidence. A team
    member's entry waits for a manager's review; only accepted entries count,
    from the moment they were accepted. A correction is a new entry."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="values")
    indicator = models.CharField(_("indicator"), max_length=40, choices=Indicator.choices)
    value = models.PositiveIntegerField(_("number of people"))
    evidence = models.TextField(_("evidence"))
    evidence_file = models.FileField(
        _("evidence file"), upload_to=evidence_file_path, storage=private_storage, blank=True
    )
    team = models.ForeignKey(
        "movement.CommunityDigitalTeam",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reported_values",
    )
    above_denominator = models.BooleanField(_("above the number of residents"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ValueStatus.choices, default=ValueStatus.PENDING
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.CharField(_("reason for sending back"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")
        ordering = ["-entered_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "period", "indicator"], name="movement_value_lookup")
        ]

    def __str__(self):
        return f"{self.unit} {self.indicator} {self.period}: {self.value}"
