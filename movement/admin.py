"""Read-only admin views: every write goes through movement.actions (with its
audit event), so the admin shows the data and the history, never edits them."""

from django.contrib import admin

from . import models


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.CommunityDigitalTeam)
class TeamAdmin(ReadOnly):
    list_display = ["name", "unit", "created_at"]
    search_fields = ["name", "unit__name"]


@admin.register(models.PopulationFigure)
class PopulationFigureAdmin(ReadOnly):
    list_display = ["unit", "audience", "value", "source", "as_of", "entered_by", "entered_at"]
    list_filter = ["audience"]


@admin.register(models.ReportedIndicatorValue)
class ReportedValueAdmin(ReadOnly):
    list_display = ["unit", "period", "indicator", "value", "entered_by", "entered_at"]
    list_filter = ["indicator"]


@admin.register(models.QuarterlyReport)
class QuarterlyReportAdmin(ReadOnly):
    list_display = ["unit", "period", "status", "submitted_at"]
    list_filter = ["status"]


@admin.register(models.ReportingPeriod)
class ReportingPeriodAdmin(ReadOnly):
    list_display = ["year", "quarter", "closed_at", "closed_by"]
