from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.core.storage import private_storage


class ConsentMethod(models.TextChoices):
    SIGN_UP = "signup", _("At sign-up")
    SIGN_IN = "signin", _("At sign-in, for a new notice")
    GUARDIAN = "guardian", _("A guardian's consent, recorded by staff")
    OFFICE = "office", _("Recorded by staff at the office or class")


class ConsentRecord(models.Model):
    """A person agreed to one version of the privacy notice (or, under 16, their
    guardian did and a member of staff recorded it). Rows are only added."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    notice_version = models.CharField(_("notice version"), max_length=20)
    given_at = models.DateTimeField(_("given"), auto_now_add=True)
    method = models.CharField(_("how"), max_length=10, choices=ConsentMethod.choices)
    guardian_name = models.CharField(_("guardian's name"), max_length=200, blank=True)
    guardian_relation = models.CharField(_("guardian's relation"), max_length=60, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at", "-pk"]
        indexes = [models.Index(fields=["user", "notice_version"])]

    def __str__(self):
        return f"{self.notice_version} · {self.get_method_display()}"


class RequestKind(models.TextChoices):
    EXPORT = "export", _("A copy of my data")
    ERASURE = "erasure", _("Erase my account")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Being prepared")
    READY = "ready", _("Ready")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


def export_path(instance, filename):
    return f"privacy/exports/{instance.pk}-{instance.token}.zip"


class PrivacyRequest(models.Model):
    """A person's request for their data or their erasure. The subject link is
    cut when the erasure is done; ``subject_ref`` (the account's number) keeps the
    request traceable without keeping who it was."""

    kind = models.CharField(_("request"), max_length=10, choices=RequestKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="privacy_requests",
    )
    subject_ref = models.PositiveIntegerField(_("account number"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    token = models.CharField(max_length=32, editable=False)
    file = models.FileField(upload_to=export_path, storage=private_storage, blank=True)
    size_bytes = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One export being prepared and one erasure waiting per person at a time:
            # the database refuses the second of two requests sent at once.
            models.UniqueConstraint(
                fields=["subject_ref", "kind"],
                condition=models.Q(status__in=["pending", "running"]),
                name="one_open_privacy_request_per_kind",
            )
        ]

    def __str__(self):
        # The account number only: the label is copied into the audit trail.
        return f"{self.get_kind_display()} #{self.subject_ref}"
