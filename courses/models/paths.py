"""Courses as a domain: a course is an ordered path of steps (library pages or
quizzes) grouped in modules; learners enrol, progress is stored per learner and
step, and completion is recorded once. The public course page lives in cms and
points here (the mitxonline CoursePage → Course way); editors build the course
itself as a moderated Wagtail snippet."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)

from lms.audiences import Audience
from lms.text import search_key

from ..progress import StepKind

# Library page models (by content type model name) and how each is completed.
PAGE_KINDS = {
    "guidepage": StepKind.READING,
    "infographicpage": StepKind.READING,
    "documentpage": StepKind.READING,
    "videopage": StepKind.VIDEO,
    "lessonpage": StepKind.LESSON,
}


def join_audiences(codes) -> str:
    wanted = set(codes or ())
    valid = [code for code in Audience.values if code in wanted]
    return f"|{'|'.join(valid)}|" if valid else ""


def split_audiences(stored: str) -> list[str]:
    return [code for code in (stored or "").split("|") if code in Audience.values]


class CourseQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def for_audience(self, audience: str):
        return self.filter(audience_codes__contains=f"|{audience}|")

    def matching(self, query: str):
        key = search_key(query)
        if not key:
            return self
        for word in key.split():
            self = self.filter(search_text__contains=f" {word}")
        return self


class Course(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("One or two plain sentences: what you will learn."),
    )
    audience_codes = models.CharField(max_length=120, blank=True, editable=False, db_index=True)
    competencies = ParentalManyToManyField(
        "framework.Competency", blank=True, related_name="+", verbose_name=_("competencies")
    )
    sequential = models.BooleanField(
        _("steps open in order"),
        default=False,
        help_text=_("A step opens only when the required steps before it are done."),
    )
    certificate_framework = models.ForeignKey(
        "framework.FrameworkVersion",
        verbose_name=_("required for the certificate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "When set, learners of the course's audiences must complete this course "
            "to earn that framework version's certificate."
        ),
    )
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="course")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="course",
        for_concrete_model=False,
    )

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title"]
        permissions = [("enrol_learners", _("Can enrol learners in a course"))]

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions

    @property
    def audiences(self) -> list[str]:
        return split_audiences(self.audience_codes)

    def audience_labels(self) -> list[str]:
        return [Audience(code).label for code in self.audiences]

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            self.search_text = f" {search_key(' '.join([self.title, self.summary]))} "
        return super().save(*args, **kwargs)


class CourseStep(Orderable):
    """One step: exactly one of a library page or a quiz. A step whose module
    title is filled starts a new module; the others continue the one above."""

    course = ParentalKey(Course, on_delete=models.CASCADE, related_name="steps")
    module_title = models.CharField(
        _("starts the module"),
        max_length=200,
        blank=True,
        help_text=_("Fill in to start a new module at this step."),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("library item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    quiz = models.ForeignKey(
        "assessments.Quiz",
        verbose_name=_("quiz"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    required = models.BooleanField(_("required"), default=True)

    class Meta(Orderable.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(page__isnull=False, quiz__isnull=True)
                    | models.Q(page__isnull=True, quiz__isnull=False)
                ),
                name="course_step_one_target",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        target = self.page if self.page_id else self.quiz
        return target.title if target is not None else ""

    @property
    def kind(self) -> str:
        if self.quiz_id:
            return StepKind.QUIZ
        model = ContentType.objects.get_for_id(self.page.content_type_id).model
        return PAGE_KINDS.get(model, StepKind.READING)

    def clean(self):
        from django.core.exceptions import ValidationError

        if bool(self.page_id) == bool(self.quiz_id):
            raise ValidationError(_("Choose a library item or a quiz (one of them)."))
        if self.page_id:
            model = ContentType.objects.get_for_id(self.page.content_type_id).model
            if model not in PAGE_KINDS:
                raise ValidationError({"page": _("Choose a library item page.")})


class EnrolmentSource(models.TextChoices):
    SELF = "self", _("The learner")
    INSTRUCTOR = "instructor", _("An instructor")
    BULK = "bulk", _("A bulk enrolment")


class Enrolment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_enrolments"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    source = models.CharField(max_length=12, choices=EnrolmentSource.choices)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="enrolment_once_per_course")
        ]

    def __str__(self):
        return f"{self.user} → {self.course}"


class StepProgress(models.Model):
    """What a learner did on a step; ``done_at`` is set once the step's rule holds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="step_progress"
    )
    step = models.ForeignKey(CourseStep, on_delete=models.CASCADE, related_name="progress")
    confirmed = models.BooleanField(default=False)
    reached_end = models.BooleanField(default=False)
    watched_percent = models.PositiveSmallIntegerField(default=0)
    answered = models.JSONField(default=list, blank=True)
    quiz_passed = models.BooleanField(default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("step progress")
        verbose_name_plural = _("step progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "step"], name="progress_once_per_step")
        ]

    def __str__(self):
        return f"{self.user} · {self.step}"


class CourseCompletion(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_completions"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("course completion")
        verbose_name_plural = _("course completions")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="completion_once_per_course")
        ]

    def __str__(self):
        return f"{self.user} ✓ {self.course}"
