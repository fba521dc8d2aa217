"""Classes of the movement ("lớp học Bình dân học vụ số"): a group taught at a
community place by instructors, with a roster, scheduled sessions, attendance
and printed login cards for learners who have no phone or e-mail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceKind(models.TextChoices):
    CULTURAL_HOUSE = "cultural_house", _("Cultural house")
    SCHOOL = "school", _("School")
    CULTURAL_POST_OFFICE = "cultural_post_office", _("Cultural post office")
    LEARNING_CENTRE = "learning_centre", _("Community learning centre")


class CommunityClass(models.Model):
    name = models.CharField(_("class name"), max_length=200)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="community_classes",
        help_text=_("A commune or ward, or a village or residential group under it."),
    )
    place_kind = models.CharField(_("kind of place"), max_length=32, choices=PlaceKind.choices)
    place_name = models.CharField(_("place"), max_length=200)
    place_address = models.CharField(_("address"), max_length=300, blank=True)
    instructors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("instructors"),
        related_name="taught_classes",
        blank=True,
    )
    # The course the class follows: its roster is enrolled (courses.classes.course_link).
    course = models.ForeignKey(
        "courses.Course",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="community_classes",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.name


class ClassSession(models.Model):
    community_class = models.ForeignKey(
        CommunityClass, verbose_name=_("class"), on_delete=models.CASCADE, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts"))
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=90)
    topic = models.CharField(_("topic"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("class session")
        verbose_name_plural = _("class sessions")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["community_class", "starts_at"], name="courses_session_class_idx")
        ]

    def __str__(self):
        return f"{self.community_class} · {self.starts_at:%d/%m/%Y %H:%M}"


class ClassMembership(models.Model):
    """One learner on a class's roster. The birth year is what the village
    head's list gives (the account may not know a full date of birth)."""

    community_class = models.ForeignKey(
        CommunityClass, verbose_name=_("class"), on_delete=models.CASCADE, related_name="members"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="class_memberships",
    )
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("class member")
        verbose_name_plural = _("class members")
        constraints = [
            models.UniqueConstraint(
                fields=["community_class", "learner"], name="courses_one_membership_per_class"
            )
        ]

    def __str__(self):
        return f"{self.learner} · {self.community_class}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")


class AttendanceSource(models.TextChoices):
    """Who made a mark: the instructor's tap is explicit and wins; the other two
    are automatic and only fill blanks (courses.classes.marks)."""

    TAP = "tap", _("Instructor's tap")
    QR = "qr", _("Learner's QR check-in")
    LIVE = "live", _("Live class quiz")


class AttendanceMark(models.Model):
    session = models.ForeignKey(
        ClassSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="marks"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="attendance_marks",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AttendanceStatus.choices, default="present"
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    via = models.CharField(
        _("marked by"), max_length=10, choices=AttendanceSource.choices, default="tap"
    )
    marked_at = models.DateTimeField(_("marked"), auto_now=True)

    class Meta:
        verbose_name = _("attendance mark")
        verbose_name_plural = _("attendance marks")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "learner"], name="courses_one_mark_per_session_learner"
            )
        ]

    def __str__(self):
        return f"{self.learner} · {self.session} · {self.status}"


class ClassLiveQuiz(models.Model):
    """A live classroom quiz started from a class session: when it ends, the
    roster's signed-in players are marked present (courses.classes.live_quiz).
    Kept on the courses side, so the live app never knows about classes."""

    session = models.ForeignKey(
        ClassSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="live_quizzes",
    )
    live_session = models.OneToOneField(
        "live.LiveSession",
        verbose_name=_("live session"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)

    class Meta:
        verbose_name = _("class live quiz")
        verbose_name_plural = _("class live quizzes")
        ordering = ["started_at", "id"]

    def __str__(self):
        return f"{self.session} · {self.live_session_id}"


class LoginCard(models.Model):
    """A printed card that signs one learner in on a shared phone. The card's
    code is ``lookup`` (stored plainly, to find the row) followed by a secret
    stored only as a hash; the card carries no password."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="login_cards",
    )
    community_class = models.ForeignKey(
        CommunityClass,
        verbose_name=_("class"),
        on_delete=models.CASCADE,
        related_name="login_cards",
    )
    lookup = models.CharField(max_length=8, unique=True)
    secret_hash = models.CharField(max_length=200)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("login card")
        verbose_name_plural = _("login cards")
        indexes = [
            models.Index(
                fields=["community_class", "learner", "revoked_at"], name="courses_card_learner_idx"
            )
        ]

    def __str__(self):
        return f"{self.learner} · {self.lookup}"
