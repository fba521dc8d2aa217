"""The national basic digital-skills framework as data: version → audience →
competency area → competency. Loaded from a fixture (lms/framework/fixtures/),
editable by administrators; no competency name lives in Python. Shared vocabulary
of the library, quizzes, certificates, courses and indicators, so it lives in lms."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from lms.audiences import Audience


class FrameworkVersionQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True).order_by("-issued_on").first()


class FrameworkVersion(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    version = models.CharField(_("version"), max_length=20)
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    decision = models.CharField(_("issuing decision"), max_length=255, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    note = models.TextField(_("status note"), blank=True)
    is_current = models.BooleanField(
        _("current"), default=True, help_text=_("Used for new quizzes and certificates.")
    )
    # From the assessment guidance (Phụ lục II); quizzes may override them.
    pass_mark_percent = models.DecimalField(
        _("overall pass mark (%)"), max_digits=5, decimal_places=2, default=70
    )
    area_minimum_percent = models.DecimalField(
        _("minimum per competency area (%)"), max_digits=5, decimal_places=2, default=50
    )
    questions_per_test = models.PositiveSmallIntegerField(null=True, blank=True)
    time_limit_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    guidance_source = models.CharField(max_length=255, blank=True)
    guidance_basis = models.TextField(blank=True)

    objects = FrameworkVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")
        ordering = ["-issued_on", "code"]

    def __str__(self):
        return f"{self.name} {self.version}"


class LocalizedNameMixin:
    @property
    def display_name(self) -> str:
        if (get_language() or "vi").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class CompetencyArea(LocalizedNameMixin, models.Model):
    framework = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="areas")
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    appendix = models.CharField(_("appendix"), max_length=40, blank=True)
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("competency area")
        verbose_name_plural = _("competency areas")
        ordering = ["framework", "audience", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="area_code_per_framework")
        ]

    def __str__(self):
        return f"{self.code} {self.display_name}"


class Competency(LocalizedNameMixin, index.Indexed, models.Model):
    framework = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="competencies"
    )
    area = models.ForeignKey(CompetencyArea, on_delete=models.CASCADE, related_name="competencies")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    search_fields = [
        index.SearchField("code"),
        index.SearchField("name"),
        index.SearchField("name_en"),
        index.AutocompleteField("name"),
        index.AutocompleteField("code"),
        index.FilterField("framework"),
    ]

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["framework", "area__audience", "area__position", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="competency_code_per_framework"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.display_name}"

    @property
    def audience(self) -> str:
        return self.area.audience
