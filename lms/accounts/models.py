from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.audiences import Audience

from .phone import display_phone
from .search import person_search_text
from .usernames import is_opaque_username


class User(AbstractUser):
    """A person using the platform. Learners sign in with a Vietnamese mobile
    number or a username; many have no email address."""

    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(
        _("mobile number"),
        max_length=16,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Stored in international form, e.g. +84912345678."),
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, blank=True)
    home_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("home unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="residents",
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    # Larger text, higher contrast, bigger targets, untimed practice (lms/inclusion).
    easy_mode = models.BooleanField(_("easy reading mode"), default=False)
    # Folded name, username, e-mail and phone forms for the staff people search
    # (lms.accounts.search); kept in step by save().
    search_text = models.CharField(max_length=600, blank=True, default="", editable=False)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # Emails are optional, but two accounts never share one (password reset by email).
            models.UniqueConstraint(
                models.functions.Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_unique_email",
            ),
        ]

    def __str__(self):
        return self.full_name or self.username

    _SEARCHED_FIELDS = frozenset({"full_name", "username", "email", "phone"})

    def refresh_search_text(self) -> None:
        self.search_text = person_search_text(
            full_name=self.full_name, username=self.username, email=self.email, phone=self.phone
        )[:600]

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or self._SEARCHED_FIELDS & set(update_fields):
            self.refresh_search_text()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name or super().get_full_name() or self.username

    @property
    def phone_display(self) -> str:
        return display_phone(self.phone) if self.phone else ""

    @property
    def sign_in_username(self) -> str:
        """The username to show its owner: "" when it is one the platform made up
        for a phone sign-up (they sign in with the number; the name means nothing)."""
        if self.phone and is_opaque_username(self.username):
            return ""
        return self.username


class PasswordResetCode(models.Model):
    """A one-time code a unit manager gives a learner who has no email. Only a
    hash is stored; the code is shown to the manager once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="reset_codes")
    code_hash = models.CharField(max_length=200)
    issued_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="issued_reset_codes"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    # Set when the code actually changed the password (used_at is also set when a
    # code is burnt or replaced); the owner is told once, at the next sign-in.
    password_set_at = models.DateTimeField(_("password set"), null=True, blank=True)
    notice_shown_at = models.DateTimeField(_("owner told"), null=True, blank=True)

    class Meta:
        verbose_name = _("password reset code")
        verbose_name_plural = _("password reset codes")
        indexes = [models.Index(fields=["user", "used_at"])]

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()
