"""Quizzes are blueprints: settings plus rules saying which questions to draw."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.audiences import Audience
from lms.framework.models import Competency, CompetencyArea, FrameworkVersion

from .bank import Question, QuestionCategory


class GradingMethod(models.TextChoices):
    # The codes are assessments.scoring.attempts.COMBINE_METHODS.
    HIGHEST = "highest", _("Highest grade")
    LAST = "last", _("Last attempt")
    FIRST = "first", _("First attempt")
    AVERAGE = "average", _("Average grade")


class ReviewOption(models.TextChoices):
    """What a learner may see when reviewing a submitted attempt (as in Moodle)."""

    SCORE = "score", _("Score and pass/fail")
    RESPONSES = "responses", _("Their own answers")
    CORRECTNESS = "correctness", _("Whether each answer was right")
    FEEDBACK = "feedback", _("Feedback on each answer")
    GENERAL_FEEDBACK = "general_feedback", _("General feedback")
    RIGHT_ANSWER = "right_answer", _("The right answer")


def default_review_after_submit():
    return [ReviewOption.SCORE, ReviewOption.RESPONSES, ReviewOption.CORRECTNESS]


def default_review_after_close():
    return list(ReviewOption.values)


class QuizQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def for_audience(self, audience: str):
        return self.filter(audience=audience) if audience else self


class Quiz(models.Model):
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    framework = models.ForeignKey(
        FrameworkVersion, verbose_name=_("framework"), on_delete=models.PROTECT
    )
    description = models.TextField(_("description"), blank=True)
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=True)
    shuffle_options = models.BooleanField(_("shuffle answer options"), default=True)
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit (minutes)"), null=True, blank=True, help_text=_("Empty: no time limit.")
    )
    grace_seconds = models.PositiveIntegerField(
        _("grace period (seconds)"),
        default=60,
        help_text=_("Answers sent this long after the time limit are still accepted."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0 means unlimited.")
    )
    # Retakes: learning answers by trial is slow when every few failures cost a day.
    retake_wait_hours = models.PositiveSmallIntegerField(
        _("waiting time before a retake (hours)"),
        default=24,
        help_text=_("0: learners may retry at once."),
    )
    retake_after_failures = models.PositiveSmallIntegerField(
        _("failed attempts before waiting"),
        default=2,
        validators=[MinValueValidator(1)],
        help_text=_("The waiting time applies after this many failed attempts in a row."),
    )
    grading_method = models.CharField(
        _("grading method"),
        max_length=10,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
    )
    pass_mark_percent = models.DecimalField(
        _("pass mark (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Empty: the framework's pass mark."),
    )
    area_minimum_percent = models.DecimalField(
        _("minimum per competency area (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Empty: the framework's minimum."),
    )
    review_after_submit = models.JSONField(
        _("review right after submitting"), default=default_review_after_submit, blank=True
    )
    review_after_close = models.JSONField(
        _("review after the quiz closes"), default=default_review_after_close, blank=True
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    counts_for_certificate = models.BooleanField(
        _("counts towards the completion certificate"), default=False
    )
    open_for_practice = models.BooleanField(
        _("open to other audiences for practice"),
        default=False,
        help_text=_(
            "Learners of other audiences may take it too; it never issues them a certificate."
        ),
    )
    is_published = models.BooleanField(_("published"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuizQuerySet.as_manager()

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = ["audience", "title"]

    def __str__(self):
        return self.title

    @property
    def effective_pass_mark(self) -> float:
        value = self.pass_mark_percent
        return float(self.framework.pass_mark_percent if value is None else value)

    @property
    def effective_area_minimum(self) -> float | None:
        value = self.area_minimum_percent
        if value is None:
            value = self.framework.area_minimum_percent
        return None if value is None else float(value)

    def is_open_at(self, when=None) -> bool:
        when = when or timezone.now()
        if self.opens_at and when < self.opens_at:
            return False
        return not (self.closes_at and when >= self.closes_at)

    @property
    def draws_from_reviewed_pool(self) -> bool:
        """A certificate-issuing quiz draws only reviewed certification questions."""
        return self.counts_for_certificate

    def is_closed_at(self, when=None) -> bool:
        when = when or timezone.now()
        return bool(self.closes_at and when >= self.closes_at)


class RuleKind(models.TextChoices):
    RANDOM = "random", _("Random questions")
    FIXED = "fixed", _("A fixed question")


class QuizRule(models.Model):
    """Draw ``count`` random published questions matching every filter given,
    or include one fixed question. For a quiz that counts for the certificate,
    "published" means in the reviewed certification pool, and the quiz is only
    published when every random rule's pool is ASSESSMENTS_POOL_MULTIPLE times
    its count (assessments/actions/publishing.py)."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="rules")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=RuleKind.choices)
    count = models.PositiveSmallIntegerField(_("number of questions"), default=1)
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    area = models.ForeignKey(
        CompetencyArea,
        verbose_name=_("competency area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("competency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    include_subcategories = models.BooleanField(_("include subcategories"), default=True)
    tag = models.CharField(_("tag"), max_length=100, blank=True)
    difficulty = models.PositiveSmallIntegerField(
        _("difficulty"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    auto_graded_only = models.BooleanField(
        _("only automatically graded questions"),
        default=False,
        help_text=_("Leave out essays, so results never wait for an instructor."),
    )

    class Meta:
        verbose_name = _("quiz rule")
        verbose_name_plural = _("quiz rules")
        ordering = ["quiz", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="random") | models.Q(question__isnull=False),
                name="fixed_rule_has_question",
            )
        ]

    def __str__(self):
        if self.kind == RuleKind.FIXED:
            return str(self.question)
        parts = [
            str(part) for part in (self.area, self.competency, self.category, self.tag) if part
        ]
        return f"{self.count} × {', '.join(parts) or '*'}"
