from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.core.storage import private_storage

from .figures import ReportingPeriod


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


def report_file_path(instance, filename: str) -> str:
    return f"movement/reports/{instance.unit.code}/{filename}"


class QuarterlyReport(models.Model):
    """A unit's report for a quarter. `snapshot` holds every figure the files
    show; once submitted it never changes (versions keep each state)."""

    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    snapshot = models.JSONField(default=dict)
    notes = models.TextField(_("notable activities"), blank=True)
    xlsx = models.FileField(upload_to=report_file_path, storage=private_storage, blank=True)
    pdf = models.FileField(upload_to=report_file_path, storage=private_storage, blank=True)
    prepared_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("quarterly report")
        verbose_name_plural = _("quarterly reports")
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="movement_one_report")
        ]

    def __str__(self):
        return f"{self.unit} {self.period}"

    @property
    def is_submitted(self) -> bool:
        return self.status == ReportStatus.SUBMITTED


class QuarterlyReportVersion(models.Model):
    """Each state a report was in: every preparation and the submission."""

    report = models.ForeignKey(QuarterlyReport, on_delete=models.CASCADE, related_name="versions")
    status = models.CharField(max_length=10, choices=ReportStatus.choices)
    snapshot = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.report} ({self.status}, {self.created_at:%Y-%m-%d %H:%M})"
