"""Community digital teams (Tổ công nghệ số cộng đồng) and digital ambassadors
("1 kèm 5"). Written only through movement.actions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CommunityDigitalTeam(models.Model):
    """The team of a village, residential group or commune: the unit is the area
    it covers."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("community digital team")
        verbose_name_plural = _("community digital teams")
        ordering = ["unit__path", "name"]

    def __str__(self):
        return self.name


class MemberRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    MEMBER = "member", _("Member")


class TeamMember(models.Model):
    team = models.ForeignKey(CommunityDigitalTeam, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="digital_team_memberships",
    )
    full_name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("mobile number"), max_length=16, blank=True)
    role = models.CharField(
        _("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["role", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "user"], name="movement_one_membership_per_team"
            )
        ]

    def __str__(self):
        return self.full_name


class ActivityKind(models.TextChoices):
    GUIDANCE_VISIT = "guidance_visit", _("Guidance visit")
    CLASS_HELD = "class_held", _("Class held")
    HELP_DESK_DAY = "help_desk_day", _("Help desk day")


class TeamTarget(models.Model):
    """What a team means to do in a quarter, e.g. 60 guidance visits."""

    team = models.ForeignKey(CommunityDigitalTeam, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    kind = models.CharField(_("activity"), max_length=20, choices=ActivityKind.choices)
    count = models.PositiveIntegerField(_("target"))

    class Meta:
        verbose_name = _("team target")
        verbose_name_plural = _("team targets")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "year", "quarter", "kind"], name="movement_one_team_target"
            )
        ]

    def __str__(self):
        return f"{self.team} Q{self.quarter}/{self.year} {self.kind}: {self.count}"


class ActivityLog(models.Model):
    team = models.ForeignKey(
        CommunityDigitalTeam, on_delete=models.CASCADE, related_name="activities"
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("activity"), max_length=20, choices=ActivityKind.choices)
    day = models.DateField(_("day"))
    people = models.PositiveIntegerField(_("people reached"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("team activity")
        verbose_name_plural = _("team activities")
        ordering = ["-day", "-created_at"]
        indexes = [models.Index(fields=["team", "day"], name="movement_activity_team_day")]

    def __str__(self):
        return f"{self.team} {self.day} {self.kind}"


class Ambassador(models.Model):
    """A certified learner who follows a few others ("1 kèm 5")."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digital_ambassador"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("digital ambassador")
        verbose_name_plural = _("digital ambassadors")

    def __str__(self):
        return str(self.user)


class AmbassadorAssignment(models.Model):
    """One learner followed by one ambassador; ended rather than deleted."""

    ambassador = models.ForeignKey(Ambassador, on_delete=models.CASCADE, related_name="assignments")
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ambassador assignment")
        verbose_name_plural = _("ambassador assignments")
        constraints = [
            # A learner has at most one ambassador at a time.
            models.UniqueConstraint(
                fields=["learner"],
                condition=models.Q(ended_at__isnull=True),
                name="movement_one_ambassador_per_learner",
            )
        ]

    def __str__(self):
        return f"{self.ambassador} → {self.learner}"
