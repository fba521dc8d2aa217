"""Durable state of live sessions. Everything a screen shows is derived from
these rows, so a web process can restart at any moment without losing a thing;
the channel layer only tells connected screens that something changed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assessments.models import QuestionVersion, Quiz


class Mode(models.TextChoices):
    INSTRUCTOR = "instructor", _("Instructor-paced")
    LEARNER = "learner", _("Learner-paced (before a deadline)")


class Status(models.TextChoices):
    LOBBY = "lobby", _("Waiting for participants")
    QUESTION = "question", _("Question open")
    REVEAL = "reveal", _("Showing the answer")
    RUNNING = "running", _("Running (learner-paced)")
    ENDED = "ended", _("Ended")


ACTIVE_STATUSES = (Status.LOBBY, Status.QUESTION, Status.REVEAL, Status.RUNNING)


class LiveSession(models.Model):
    pin = models.CharField(_("PIN"), max_length=6, db_index=True)
    title = models.CharField(_("title"), max_length=255)
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("instructor"),
        on_delete=models.PROTECT,
        related_name="live_sessions",
    )
    quiz = models.ForeignKey(
        Quiz,
        verbose_name=_("quiz"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="live_sessions",
    )
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices, default=Mode.INSTRUCTOR)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.LOBBY
    )
    seconds_per_question = models.PositiveSmallIntegerField(_("seconds per question"), default=30)
    auto_advance = models.BooleanField(_("advance automatically"), default=False)
    speed_bonus = models.BooleanField(_("speed bonus"), default=True)
    streak_bonus = models.BooleanField(_("streak bonus"), default=True)
    stem_on_phones = models.BooleanField(_("show the question text on phones"), default=True)
    # A single-choice tap is only a pick until "Send" (for shaky hands).
    confirm_taps = models.BooleanField(_("confirm each answer with a second tap"), default=False)
    locked = models.BooleanField(_("lobby locked"), default=False)
    # Drawn questions a live session cannot ask (short answer, matching…), by
    # name and type: the instructor is told before pressing Start.
    left_out = models.JSONField(_("questions left out"), default=list, blank=True)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    # Instructor-paced: the question on screen (0-based), its server-side clock.
    current_index = models.IntegerField(default=-1)
    question_started_at = models.DateTimeField(null=True, blank=True)
    question_deadline = models.DateTimeField(null=True, blank=True)
    reveal_until = models.DateTimeField(null=True, blank=True)
    # Bumped on every change a screen must see; clients compare it when polling.
    revision = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("live session")
        verbose_name_plural = _("live sessions")
        ordering = ["-created_at"]
        constraints = [
            # A PIN names at most one session that has not ended.
            models.UniqueConstraint(
                fields=["pin"], condition=~Q(status="ended"), name="live_pin_unique_while_active"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.pin})"

    @property
    def is_active(self) -> bool:
        return self.status != Status.ENDED

    @property
    def group_name(self) -> str:
        return f"live.{self.pk}"

    @property
    def screens_group_name(self) -> str:
        return f"live.{self.pk}.screens"


class LiveQuestion(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    question_version = models.ForeignKey(
        QuestionVersion, on_delete=models.PROTECT, related_name="live_questions"
    )
    option_order = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="live_question_position")
        ]

    def __str__(self):
        return f"{self.session_id}:{self.position}"


class Participant(models.Model):
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="live_participations",
    )
    display_name = models.CharField(_("display name"), max_length=60)
    # Case- and space-folded display name: what "unique within a session" compares.
    name_key = models.CharField(max_length=60)
    token = models.CharField(max_length=64, unique=True)
    rejoin_code = models.CharField(_("rejoin code"), max_length=8)
    score = models.IntegerField(_("score"), default=0)
    streak = models.PositiveIntegerField(default=0)
    correct_count = models.PositiveIntegerField(default=0)
    answer_count = models.PositiveIntegerField(default=0)
    extra_seconds = models.PositiveSmallIntegerField(_("extra time (seconds)"), default=0)
    removed = models.BooleanField(default=False)
    joined_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["session", "-score", "joined_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "name_key"], name="live_name_per_session"),
            models.UniqueConstraint(
                fields=["session", "rejoin_code"], name="live_rejoin_code_per_session"
            ),
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(user__isnull=False),
                name="live_one_participant_per_user",
            ),
        ]
        indexes = [models.Index(fields=["session", "score"])]

    def __str__(self):
        return self.display_name


class LiveAnswer(models.Model):
    """One participant's one answer to one question: written before it is
    acknowledged, never changed afterwards."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="answers")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(LiveQuestion, on_delete=models.CASCADE, related_name="answers")
    response = models.JSONField(null=True, blank=True)
    fraction = models.FloatField(default=0.0)
    points = models.IntegerField(default=0)
    streak_points = models.IntegerField(default=0)
    elapsed_ms = models.PositiveIntegerField(default=0)
    answered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("live answer")
        verbose_name_plural = _("live answers")
        ordering = ["session", "question", "answered_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant", "question"], name="live_one_answer"
            )
        ]

    def __str__(self):
        return f"{self.participant_id}→{self.question_id}"

    @property
    def total_points(self) -> int:
        return self.points + self.streak_points


class CompetencyOutcome(models.Model):
    """What a signed-in participant's answers say about each framework
    competency, one row per (user, session, competency code). The learner's
    competency profile adds these up (see ``actions.outcomes.competency_profile``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="live_outcomes"
    )
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="outcomes")
    competency_code = models.CharField(max_length=40)
    questions = models.PositiveSmallIntegerField(default=0)
    credit = models.FloatField(default=0.0)  # sum of grade fractions, 0..questions

    class Meta:
        ordering = ["user", "competency_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "session", "competency_code"], name="live_outcome_once"
            )
        ]

    def __str__(self):
        return f"{self.user_id} {self.competency_code} {self.credit}/{self.questions}"
