"""Certificates as stored: who holds one, what it said when issued, whether it
is still valid. Every write goes through the certificate actions
(``issuing``, ``notifications``, ``documents``)."""

from __future__ import annotations

import secrets

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.models import Attempt
from lms.audiences import Audience
from lms.core.storage import private_storage
from lms.framework.models import FrameworkVersion

LOGO_TYPES = {"image/png": "png", "image/jpeg": "jpg"}


def validate_logo(upload) -> None:
    """A logo is a real PNG or JPEG (judged by its bytes, not its name) no larger
    than CERTIFICATE_LOGO_MAX_KB."""
    limit_kb = settings.CERTIFICATE_LOGO_MAX_KB
    size = getattr(upload, "size", None) or 0
    if size > limit_kb * 1024:
        raise ValidationError(
            _("The logo is %(size)d KB; the limit is %(limit)d KB."),
            code="logo_too_large",
            params={"size": size // 1024, "limit": limit_kb},
        )
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in LOGO_TYPES:
        raise ValidationError(_("The logo must be a PNG or JPEG image."), code="logo_not_image")
    try:
        from PIL import Image

        with Image.open(upload) as image:
            image.verify()
    except Exception as error:
        raise ValidationError(
            _("The logo must be a PNG or JPEG image."), code="logo_not_image"
        ) from error
    finally:
        upload.seek(0)


def logo_path(instance, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    extension = extension if extension in {"png", "jpg", "jpeg"} else "png"
    return f"certificates/logos/{instance.unit.code}-{secrets.token_hex(4)}.{extension}"


def pdf_path(instance, filename: str) -> str:
    # Private storage, streamed by views that check access; the name stays unguessable
    # anyway (a leaked backup listing must not map codes to files).
    return f"certificates/pdf/{instance.issued_at:%Y/%m}/{secrets.token_urlsafe(18)}.pdf"


class IssuerProfile(models.Model):
    """How a commune or ward signs its certificates."""

    unit = models.OneToOneField(
        "units.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="certificate_issuer",
    )
    signer_title = models.CharField(
        _("signer's title"),
        max_length=200,
        help_text=_('One line per printed line, e.g. "TM. ỦY BAN NHÂN DÂN" then "CHỦ TỊCH".'),
    )
    signer_name = models.CharField(_("signer's name"), max_length=200)
    place_name = models.CharField(
        _("place printed before the date"), max_length=100, blank=True, help_text=_("E.g. Hà Nội.")
    )
    logo = models.FileField(_("logo"), upload_to=logo_path, blank=True, validators=[validate_logo])
    mask_holder_names = models.BooleanField(
        _("mask holder names on the public verification page"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("certificate issuer")
        verbose_name_plural = _("certificate issuers")

    def __str__(self):
        return str(self.unit)


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")


class Certificate(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("holder"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    full_name = models.CharField(_("holder's full name"), max_length=200)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    framework = models.ForeignKey(
        FrameworkVersion, verbose_name=_("framework version"), on_delete=models.PROTECT
    )
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("issuing unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    unit_name = models.CharField(_("issuing unit's name"), max_length=255)
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=200, blank=True)
    place_name = models.CharField(_("place"), max_length=100, blank=True)
    issued_at = models.DateTimeField(_("issued"))
    score_percent = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2)
    competency_profile = models.JSONField(
        _("competency profile"),
        default=list,
        blank=True,
        help_text=_("[area code, area name, percent] in the framework's order."),
    )
    criteria = models.JSONField(
        _("issued under"),
        default=dict,
        blank=True,
        help_text=_(
            "The rule it was issued under, frozen then: framework version, minimum "
            "percentages, extra rules and the quiz (criteria.IssuingCriteria)."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
    )
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    # Set when the holder's personal data was erased at their request: the
    # certificate is revoked but still counts in the unit's indicators.
    holder_erased_at = models.DateTimeField(_("holder's data erased"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    code = models.CharField(_("verification code"), max_length=10, unique=True)
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64)
    pdf = models.FileField(_("PDF"), upload_to=pdf_path, storage=private_storage, blank=True)
    attempt = models.ForeignKey(
        Attempt,
        verbose_name=_("qualifying attempt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "audience", "framework"], name="one_certificate_per_learner"
            )
        ]
        indexes = [models.Index(fields=["issued_at"]), models.Index(fields=["unit", "issued_at"])]
        permissions = [
            ("view_all_certificates", "Can see every certificate"),
            ("export_certificates", "Can export the certificates of units in scope"),
            ("print_certificates", "Can print a class's certificates"),
            ("revoke_certificate", "Can revoke a certificate"),
        ]

    def __str__(self):
        return f"{self.code} {self.full_name}"

    @property
    def is_valid(self) -> bool:
        return self.status == CertificateStatus.VALID

    @property
    def printed_code(self) -> str:
        from .codes import format_for_print

        return format_for_print(self.code)


class NotificationKind(models.TextChoices):
    CERTIFICATE_ISSUED = "certificate_issued", _("Certificate issued")


class Notification(models.Model):
    """A message on the learner's "Học tập của tôi" page. The text is made from
    ``kind`` when shown, so it appears in the reader's language."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40, choices=NotificationKind.choices)
    certificate = models.ForeignKey(
        Certificate, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return f"{self.kind} → {self.user_id}"
