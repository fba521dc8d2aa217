"""A learner's run through a quiz, one slot per question version drawn."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.scoring.results import AttemptResult
from lms.audiences import Audience
from lms.framework.models import CompetencyArea

from .bank import QuestionVersion
from .quizzes import Quiz


class AttemptState(models.TextChoices):
    OPEN = "open", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


class Attempt(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    state = models.CharField(
        _("state"), max_length=10, choices=AttemptState.choices, default=AttemptState.OPEN
    )
    # The learner's audience when the attempt started: only an attempt taken in
    # one's own audience counts for that audience's certificate.
    learner_audience = models.CharField(
        _("learner's audience"), max_length=20, choices=Audience.choices, blank=True
    )
    started_at = models.DateTimeField(_("started"))
    # The end of the time limit (None: no limit); the quiz's closing time is
    # applied when the cut-off is read (assessments.scoring.deadlines).
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by_timer = models.BooleanField(_("submitted when time ran out"), default=False)
    # Results, written in the same transaction as the submission.
    points = models.FloatField(_("points"), null=True, blank=True)
    max_points = models.FloatField(_("maximum points"), null=True, blank=True)
    percent = models.FloatField(_("score (%)"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    needs_grading = models.BooleanField(_("awaiting manual grading"), default=False)
    # AttemptResult.to_json(); read it through ``graded_result``, never raw.
    result = models.JSONField(_("result details"), default=dict, blank=True)
    graded_at = models.DateTimeField(_("graded"), null=True, blank=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["quiz", "user", "number"]
        permissions = [("grade_attempt", "Can grade essay answers")]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "user", "number"], name="attempt_number_per_learner"
            ),
            # The database, not the view, guarantees one open attempt per learner
            # and quiz (a partial index on both SQLite and PostgreSQL).
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=models.Q(state="open"),
                name="one_open_attempt_per_learner",
            ),
        ]
        indexes = [models.Index(fields=["state", "deadline"])]

    def __str__(self):
        return f"{self.quiz} #{self.number} ({self.user})"

    def keep_slots(self, slots) -> None:
        """Make ``slots`` (all of this attempt's, as just written or read) what
        ``self.slots.all()`` returns, as a prefetch would; filtering still queries."""
        self._prefetched_objects_cache = {}
        queryset = self.slots.all()
        queryset._result_cache = list(slots)
        queryset._prefetch_done = True
        self._prefetched_objects_cache = {"slots": queryset}

    def keep_new_slots(self, rows, version_keys) -> None:
        """``(slot id, position, version id, option order)`` of a new attempt's
        slots, all unanswered, in position order, as just written, each with its
        version's key in assessments.frozen_versions (or None)."""
        self.__dict__["_new_slot_rows"] = list(zip(rows, version_keys, strict=True))

    def new_slot_rows(self) -> list | None:
        """``(row, version key)`` pairs given to ``keep_new_slots``, or None."""
        return self.__dict__.get("_new_slot_rows")

    def kept_slots(self) -> list | None:
        """The slots given to ``keep_slots`` (or prefetched), or None."""
        kept = getattr(self, "_prefetched_objects_cache", {}).get("slots")
        return None if kept is None else list(kept)

    @property
    def is_open(self) -> bool:
        return self.state == AttemptState.OPEN

    def keep_graded_result(self, result: AttemptResult) -> None:
        """``result``, just stored as ``self.result = result.to_json()``, is what
        ``graded_result`` returns for it (the JSON round trip is exact:
        tests/assessments/test_result_type.py), so it is not parsed back."""
        self.__dict__["_graded_result"] = (self.result, result)

    @property
    def graded_result(self) -> AttemptResult | None:
        """The typed result (None before grading); parsed once per stored value."""
        raw = self.result
        cached = self.__dict__.get("_graded_result")
        if cached is not None and cached[0] is raw:
            return cached[1]
        parsed = AttemptResult.from_json(raw) if raw else None
        self.__dict__["_graded_result"] = (raw, parsed)
        return parsed


class AttemptSlot(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="slots")
    position = models.PositiveSmallIntegerField(_("position"))
    question_version = models.ForeignKey(
        QuestionVersion, on_delete=models.PROTECT, related_name="slots"
    )
    # The order options are shown in: choice ids, item ids or right-hand texts.
    option_order = models.JSONField(default=list, blank=True)
    response = models.JSONField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    fraction = models.FloatField(null=True, blank=True)
    manual_fraction = models.FloatField(null=True, blank=True)
    manual_comment = models.TextField(blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("attempt slot")
        verbose_name_plural = _("attempt slots")
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="slot_position")
        ]

    def __str__(self):
        return f"{self.attempt_id}:{self.position}"

    @property
    def is_answered(self) -> bool:
        return self.response not in (None, "", [], {})


class AttemptAreaScore(models.Model):
    """One competency area's score in one graded attempt, written in the same
    transaction as the attempt's result (replaced on every re-grade), so
    indicators and reports are plain SQL aggregates."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="area_scores")
    area = models.ForeignKey(CompetencyArea, on_delete=models.PROTECT, related_name="+")
    points = models.FloatField(_("points"))
    max_points = models.FloatField(_("maximum points"))
    percent = models.FloatField(_("score (%)"), null=True, blank=True)
    passed_area_minimum = models.BooleanField(_("met the area minimum"))

    class Meta:
        verbose_name = _("area score")
        verbose_name_plural = _("area scores")
        ordering = ["attempt", "area"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "area"], name="one_score_per_attempt_area")
        ]

    def __str__(self):
        return f"{self.attempt_id}:{self.area_id} {self.percent}"
