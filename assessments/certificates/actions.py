"""Every write about certificates, as named functions (the project's do_/check_/
access_ habit): views, the API, admin, Celery tasks, commands and the
assessments grading path call these, never the models directly.

Public entry points:

* ``on_attempt_graded(attempt)``: call after an attempt is submitted or
  (re)graded; issues the certificate after the transaction commits.
* ``issue_if_eligible(user, audience, framework)``: issue now (idempotent).
* ``revoke(certificate, reason, by=None)``.
* ``pdf_bytes(certificate)`` / ``store_pdf(certificate_id)``: the PDF, rendered
  on demand when the stored file is missing; revoked ones carry "ĐÃ THU HỒI".
* ``access_certificate(user, code)``, ``certificates_in_scope(user)``.
* ``find_for_verification(code)`` / ``public_record(certificate)``.
* ``signed_credential(certificate)`` / ``issuer_document()``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from assessments.models import Attempt, AttemptState, CompetencyArea, FrameworkVersion
from lms.audiences import Audience
from lms.units.models import COMMUNE_KINDS, Unit

from . import codes
from .content import CertificateContent
from .eligibility import AttemptOutcome, Eligibility, decide_eligibility
from .integrity import HashedRecord, is_intact, recompute_hash
from .models import Certificate, CertificateStatus, IssuerProfile, Notification, NotificationKind

logger = logging.getLogger(__name__)

REVOKED_WATERMARK = "ĐÃ THU HỒI"
ISSUE_ATTEMPTS = 5  # fresh codes tried when a generated code is already taken


class CertificateError(Exception):
    """A refusal with a message for the user (already translated lazily)."""

    status = 400

    def __init__(self, message=None):
        super().__init__(message or self.default_message)

    default_message = _("This certificate action is not possible.")


class CertificateNotFound(CertificateError):
    status = 404
    default_message = _("No certificate has this code.")


class CertificateRevoked(CertificateError):
    status = 410
    default_message = _("This certificate has been revoked.")


class CertificateAltered(CertificateError):
    """The stored record no longer matches its content hash: nothing is signed or
    handed out from it until it is restored."""

    status = 409
    default_message = _(
        "Record altered: this certificate's stored record no longer matches what was "
        "issued. Contact the issuing unit."
    )


# --- URLs and keys ------------------------------------------------------------


def absolute_url(path: str) -> str:
    return settings.BASE_URL.rstrip("/") + path


def verify_url(code: str) -> str:
    return absolute_url(reverse("certificates:verify", kwargs={"code": code}))


@cache
def _load_key(path: str):
    from .credentials import load_or_create_signing_key

    return load_or_create_signing_key(path)


def signing_key():
    """The platform's Ed25519 key (created on first use, cached per process)."""
    return _load_key(str(Path(settings.CERTIFICATE_SIGNING_KEY_PATH)))


# --- eligibility and issuing ----------------------------------------------------


def attempt_outcome(attempt: Attempt, framework_code: str) -> AttemptOutcome:
    """What the completion rule needs of one stored attempt (its typed result)."""
    quiz = attempt.quiz
    result = attempt.graded_result
    return AttemptOutcome(
        attempt_id=attempt.pk,
        audience=quiz.audience,
        learner_audience=attempt.learner_audience,
        framework_code=framework_code,
        counts_for_certificate=quiz.counts_for_certificate,
        submitted_at=attempt.submitted_at or attempt.started_at,
        percent=attempt.percent,
        area_percents=result.area_percents() if result else {},
        passed=bool(attempt.passed),
        pass_mark_percent=quiz.pass_mark_percent,
        area_minimum_percent=quiz.area_minimum_percent,
    )


def counted_attempts(user, audience: str, framework: FrameworkVersion):
    return Attempt.objects.filter(
        user=user,
        state=AttemptState.SUBMITTED,
        quiz__counts_for_certificate=True,
        quiz__audience=audience,
        quiz__framework=framework,
        learner_audience=audience,
    ).select_related("quiz")


def check_eligibility(user, audience: str, framework: FrameworkVersion) -> Eligibility:
    outcomes = [
        attempt_outcome(a, framework.code) for a in counted_attempts(user, audience, framework)
    ]
    return eligibility_of(outcomes, audience, framework)


def eligibility_of(outcomes, audience: str, framework: FrameworkVersion) -> Eligibility:
    """The completion rule over ``outcomes`` with the framework's thresholds."""
    required = ()
    if settings.CERTIFICATE_REQUIRE_ALL_AREAS:
        required = tuple(
            CompetencyArea.objects.filter(framework=framework, audience=audience).values_list(
                "code", flat=True
            )
        )
    return decide_eligibility(
        outcomes,
        audience=audience,
        framework_code=framework.code,
        pass_mark_percent=framework.pass_mark_percent,
        area_minimum_percent=framework.area_minimum_percent,
        required_areas=required,
    )


def issuing_unit_for(user) -> Unit | None:
    """The unit that signs the user's certificate: the nearest unit above (or at)
    their home unit that has an issuer profile, else their commune or ward, else
    the home unit itself. One query."""
    home = user.home_unit if user.home_unit_id else None
    if home is None:
        return None
    codes_up = [code for code in home.path.split("/") if code]
    units = {
        unit.code: unit
        for unit in Unit.objects.filter(code__in=codes_up).select_related("certificate_issuer")
    }
    chain = [units[code] for code in reversed(codes_up) if code in units]
    for unit in chain:
        if _issuer(unit) is not None:
            return unit
    for unit in chain:
        if unit.kind in COMMUNE_KINDS:
            return unit
    return home


def _issuer(unit: Unit | None) -> IssuerProfile | None:
    if unit is None:
        return None
    try:
        return unit.certificate_issuer
    except IssuerProfile.DoesNotExist:
        return None


def competency_profile(attempt: Attempt, framework, audience: str) -> list[list]:
    per_area = attempt.graded_result.area_percents() if attempt.graded_result else {}
    rows = []
    areas = CompetencyArea.objects.filter(framework=framework, audience=audience).order_by(
        "position"
    )
    for area in areas:
        percent = per_area.get(area.code)
        if percent is not None:
            rows.append([area.code, area.name, percent])
    return rows


def hashed_record(certificate: Certificate) -> HashedRecord:
    """The stored fields the content hash covers (see ``integrity``)."""
    return HashedRecord(
        code=certificate.code,
        full_name=certificate.full_name,
        date_of_birth=certificate.date_of_birth,
        audience=certificate.audience,
        framework_code=certificate.framework.code,
        framework_version=certificate.framework.version,
        unit_code=certificate.unit.code if certificate.unit_id else "",
        unit_name=certificate.unit_name,
        signer_title=certificate.signer_title,
        signer_name=certificate.signer_name,
        place_name=certificate.place_name,
        issued_at=certificate.issued_at,
        score_percent=certificate.score_percent,
        competency_profile=certificate.competency_profile,
    )


def content_hash(certificate: Certificate) -> str:
    return recompute_hash(hashed_record(certificate))


def hash_matches(certificate: Certificate) -> bool:
    """Whether the stored record still says what was issued."""
    return is_intact(hashed_record(certificate), certificate.content_hash)


@dataclass(frozen=True)
class IssueResult:
    certificate: Certificate | None
    created: bool
    eligibility: Eligibility | None = None


def _existing(user, audience, framework) -> Certificate | None:
    return Certificate.objects.filter(user=user, audience=audience, framework=framework).first()


def issue_if_eligible(user, audience: str, framework: FrameworkVersion) -> IssueResult:
    """The learner's certificate for (audience, framework version): the existing
    one, a new one when an attempt now meets the completion rule, or None with
    the reasons. Safe to call twice at once: the database's unique constraint
    lets one insert win and the other returns that certificate."""
    existing = _existing(user, audience, framework)
    if existing is not None:
        return IssueResult(existing, created=False)
    eligibility = check_eligibility(user, audience, framework)
    if not eligibility.eligible:
        return IssueResult(None, created=False, eligibility=eligibility)
    attempt = Attempt.objects.get(pk=eligibility.qualifying_attempt_id)
    unit = issuing_unit_for(user)
    issuer = _issuer(unit)
    score = Decimal(str(attempt.percent)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    for _try in range(ISSUE_ATTEMPTS):
        certificate = Certificate(
            user=user,
            full_name=user.full_name or user.get_full_name(),
            date_of_birth=user.date_of_birth,
            audience=audience,
            framework=framework,
            unit=unit,
            unit_name=unit.name if unit else settings.SITE_NAME,
            signer_title=issuer.signer_title if issuer else "",
            signer_name=issuer.signer_name if issuer else "",
            place_name=issuer.place_name if issuer else "",
            issued_at=timezone.now(),
            score_percent=score,
            competency_profile=competency_profile(attempt, framework, audience),
            code=codes.new_code(),
            attempt=attempt,
        )
        certificate.content_hash = content_hash(certificate)
        try:
            with transaction.atomic():
                certificate.save(force_insert=True)
                Notification.objects.create(
                    user=user, kind=NotificationKind.CERTIFICATE_ISSUED, certificate=certificate
                )
                _after_issue(certificate)
        except IntegrityError:
            existing = _existing(user, audience, framework)
            if existing is not None:
                return IssueResult(existing, created=False, eligibility=eligibility)
            continue  # the code was taken: draw another
        logger.info("certificate %s issued to user %s", certificate.code, user.pk)
        return IssueResult(certificate, created=True, eligibility=eligibility)
    raise RuntimeError("could not draw a free verification code")


def _after_issue(certificate: Certificate) -> None:
    """Render the PDF and tell the learner, once the certificate is committed.
    With a worker (Redis) these run there; embedded, they run eagerly."""
    from . import tasks

    certificate_id = certificate.pk
    transaction.on_commit(lambda: _enqueue(tasks.render_certificate_pdf, certificate_id))
    if certificate.user is not None and certificate.user.email:
        transaction.on_commit(lambda: _enqueue(tasks.send_certificate_email, certificate_id))


def _enqueue(task, *args) -> None:
    try:
        task.delay(*args)
    except Exception:
        # The certificate is stored; the PDF renders on demand and e-mail is a courtesy.
        logger.exception("could not run %s%r", task.name, args)


def on_attempt_graded(attempt: Attempt) -> None:
    """Call whenever an attempt has been submitted or (re)graded. When it may
    earn a certificate, the certificate is issued right after the current
    transaction commits (so the attempt's result is durable first)."""
    if attempt.state != AttemptState.SUBMITTED or not attempt.passed:
        return
    quiz = attempt.quiz
    if not quiz.counts_for_certificate:
        return
    user_id, audience, framework_id = attempt.user_id, quiz.audience, quiz.framework_id
    transaction.on_commit(lambda: issue_after_commit(user_id, audience, framework_id))


def issue_after_commit(user_id: int, audience: str, framework_id: int) -> IssueResult | None:
    from django.contrib.auth import get_user_model

    from . import tasks

    try:
        user = get_user_model().objects.select_related("home_unit").get(pk=user_id)
        framework = FrameworkVersion.objects.get(pk=framework_id)
        return issue_if_eligible(user, audience, framework)
    except Exception:
        logger.exception("issuing a certificate failed; retrying in the worker")
        _enqueue(tasks.issue_certificate, user_id, audience, framework_id)
        return None


def revoke(certificate: Certificate, reason: str, by=None) -> Certificate:
    """Mark a certificate revoked (the verification page then says so and why)
    and delete its stored PDF, so no valid-looking copy stays in media storage."""
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Give the reason for revoking this certificate."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.status == CertificateStatus.REVOKED:
            raise CertificateError(_("This certificate is already revoked."))
        old_pdf = locked.pdf.name
        locked.status = CertificateStatus.REVOKED
        locked.revoked_reason = reason
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.pdf = ""
        locked.save(update_fields=["status", "revoked_reason", "revoked_at", "revoked_by", "pdf"])
        if old_pdf:
            storage = locked.pdf.storage
            transaction.on_commit(lambda: storage.delete(old_pdf))
    return locked


# --- what is printed ---------------------------------------------------------------


def audience_label(audience: str) -> str:
    with translation.override("vi"):
        try:
            return str(Audience(audience).label)
        except ValueError:
            return audience


def _logo_bytes(unit_id, cache_: dict | None = None) -> bytes | None:
    if unit_id is None:
        return None
    if cache_ is not None and unit_id in cache_:
        return cache_[unit_id]
    issuer = IssuerProfile.objects.filter(unit_id=unit_id).first()
    data = None
    if issuer is not None and issuer.logo:
        try:
            with issuer.logo.open("rb") as handle:
                data = handle.read()
        except OSError:
            logger.warning("logo of unit %s is missing from storage", unit_id)
    if cache_ is not None:
        cache_[unit_id] = data
    return data


def certificate_content(
    certificate: Certificate, logos: dict | None = None, *, with_logo: bool = True
) -> CertificateContent:
    framework = certificate.framework
    return CertificateContent(
        holder_name=certificate.full_name,
        audience_label=audience_label(certificate.audience),
        framework_name=framework.name,
        framework_version=framework.version,
        issuing_unit_name=certificate.unit_name,
        signer_title=certificate.signer_title,
        signer_name=certificate.signer_name,
        issue_date=timezone.localdate(certificate.issued_at),
        score_percent=certificate.score_percent,
        verification_code=certificate.code,
        verify_url=verify_url(certificate.code),
        competency_profile=tuple(
            (name, percent) for _code, name, percent in certificate.competency_profile
        ),
        date_of_birth=certificate.date_of_birth,
        place_name=certificate.place_name,
        logo=_logo_bytes(certificate.unit_id, logos) if with_logo else None,
        pass_mark_percent=framework.pass_mark_percent,
        area_minimum_percent=framework.area_minimum_percent,
    )


def render_pdf(certificate: Certificate) -> bytes:
    """The certificate's PDF, freshly rendered; revoked ones are watermarked."""
    from .pdf import render_certificate

    watermark = "" if certificate.is_valid else REVOKED_WATERMARK
    return render_certificate(certificate_content(certificate), watermark=watermark)


def store_pdf(certificate_id: int) -> str | None:
    """Render a valid certificate's PDF into media storage (the Celery task's
    body); returns the stored name, None for a revoked or unknown certificate."""
    certificate = Certificate.objects.select_related("framework").filter(pk=certificate_id).first()
    if certificate is None or not certificate.is_valid:
        return None
    data = render_pdf(certificate)
    old_name = certificate.pdf.name
    certificate.pdf.save("certificate.pdf", ContentFile(data), save=False)
    updated = Certificate.objects.filter(pk=certificate.pk, status=CertificateStatus.VALID).update(
        pdf=certificate.pdf.name
    )
    storage = certificate.pdf.storage
    if not updated:  # revoked meanwhile: keep no valid-looking copy
        storage.delete(certificate.pdf.name)
        return None
    if old_name and old_name != certificate.pdf.name:
        storage.delete(old_name)
    return certificate.pdf.name


def pdf_bytes(certificate: Certificate) -> bytes:
    """What a download serves: the stored file of a valid certificate (rendered
    and stored now when missing), or a watermarked render of a revoked one."""
    if not certificate.is_valid:
        return render_pdf(certificate)
    if certificate.pdf:
        try:
            with certificate.pdf.open("rb") as handle:
                return handle.read()
        except (OSError, FileNotFoundError):
            logger.warning("PDF of certificate %s is missing; rendering again", certificate.code)
    name = store_pdf(certificate.pk)
    if name is None:
        certificate.refresh_from_db()
        return render_pdf(certificate)
    certificate.pdf.name = name
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def class_pdf(certificates) -> bytes:
    """One PDF for many valid certificates (one page each)."""
    from .pdf import render_many

    logos: dict = {}
    contents = (certificate_content(c, logos) for c in certificates)
    return render_many(contents)


# --- who may see what --------------------------------------------------------------


def _sees_all(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.has_perm("certificates.view_all_certificates")
    )


def _scope_units(user):
    from lms.units.scope import units_in_scope

    return units_in_scope(user)


def certificates_in_scope(user):
    """Certificates a staff member may see: all for administrators; for unit
    managers those issued by, or held by residents of, units in their scope.
    Others: none."""
    queryset = Certificate.objects.select_related("framework", "unit")
    if not user.is_authenticated:
        return queryset.none()
    if _sees_all(user):
        return queryset
    units = _scope_units(user)
    return queryset.filter(
        Q(unit__in=units.values("pk")) | Q(user__home_unit__in=units.values("pk"))
    )


def access_certificate(user, code: str) -> Certificate:
    """The certificate if ``user`` holds it or may see it; else CertificateNotFound
    (also for codes that exist: a learner learns nothing about others)."""
    code = codes.normalize(code or "")
    if not codes.is_well_formed(code) or not user.is_authenticated:
        raise CertificateNotFound()
    certificate = Certificate.objects.select_related("framework", "unit").filter(code=code).first()
    if certificate is None:
        raise CertificateNotFound()
    if certificate.user_id == user.pk:
        return certificate
    if certificates_in_scope(user).filter(pk=certificate.pk).exists():
        return certificate
    raise CertificateNotFound()


def printable_quizzes(user):
    from assessments.models import Quiz

    return Quiz.objects.filter(counts_for_certificate=True).select_related("framework")


def class_certificates(user, quiz, limit: int | None = None):
    """Valid certificates of the learners who took ``quiz`` and whose results
    ``user`` may see (assessments.access: the one rule for results)."""
    from assessments.access import submitted_attempts

    holders = submitted_attempts(user, quiz).values("user_id")
    queryset = (
        Certificate.objects.select_related("framework", "unit")
        .filter(
            status=CertificateStatus.VALID,
            audience=quiz.audience,
            framework=quiz.framework_id,
            user__in=holders,
        )
        .order_by("full_name", "code")
    )
    return queryset[: limit or settings.CERTIFICATE_PRINT_MAX]


# --- public verification -----------------------------------------------------------


def mask_name(name: str) -> str:
    """ "Nguyễn Thị Hồng Nhung" → "Nguyễn T. H. N.": the family name and initials."""
    words = name.split()
    if not words:
        return ""
    if len(words) == 1:
        return words[0][:1] + "."
    return " ".join([words[0], *(word[:1] + "." for word in words[1:])])


def find_for_verification(code: str) -> Certificate | None:
    """Look a well-formed code up (callers reject malformed ones first, with no
    query). One query."""
    return (
        Certificate.objects.select_related("framework", "unit__certificate_issuer")
        .filter(code=code)
        .first()
    )


def shown_name(certificate: Certificate) -> str:
    issuer = _issuer(certificate.unit)
    if issuer is not None and issuer.mask_holder_names:
        return mask_name(certificate.full_name)
    return certificate.full_name


ALTERED = "altered"


def public_status(certificate: Certificate) -> str:
    """ "valid", "revoked", or "altered" when the stored record fails its hash (an
    altered record is never shown as valid, whatever its status column says)."""
    return certificate.status if hash_matches(certificate) else ALTERED


def public_record(certificate: Certificate) -> dict:
    """What anyone may know about a certificate (the page and the JSON API)."""
    status = public_status(certificate)
    return {
        "code": certificate.code,
        "printed_code": certificate.printed_code,
        "status": status,
        "record_intact": status != ALTERED,
        "full_name": shown_name(certificate),
        "audience": certificate.audience,
        "audience_label": Audience(certificate.audience).label,
        "framework": certificate.framework.code,
        "framework_name": str(certificate.framework),
        "issued_at": certificate.issued_at,
        "issuer": certificate.unit_name,
        "issuer_code": certificate.unit.code if certificate.unit_id else "",
        "revoked_at": certificate.revoked_at,
        "revoked_reason": certificate.revoked_reason,
        "verify_url": verify_url(certificate.code),
    }


# --- signed credentials ---------------------------------------------------------


def issuer_document() -> dict:
    from .credentials import issuer_key_document

    return issuer_key_document(
        signing_key().public_key(), settings.BASE_URL, name=settings.SITE_NAME
    )


def signed_credential(certificate: Certificate) -> dict:
    """The certificate as an Open Badges 3.0 credential signed with the platform
    key (eddsa-jcs-2022). Deterministic: signed as of the issue time."""
    from .credentials import (
        Profile,
        build_credential,
        issuer_id,
        sign_credential,
        verification_method_id,
    )

    if not certificate.is_valid:
        raise CertificateRevoked()
    if not hash_matches(certificate):
        raise CertificateAltered()
    base = settings.BASE_URL.rstrip("/")
    key = signing_key()
    content = certificate_content(certificate, with_logo=False)
    unit_code = certificate.unit.code if certificate.unit_id else "platform"
    credential = build_credential(
        content,
        issuer=Profile(issuer_id(base), settings.SITE_NAME, base),
        assessed_by=Profile(f"{base}/units/{unit_code}/", certificate.unit_name),
        achievement_id=f"{base}/certificates/achievements/{certificate.framework.code}/"
        f"{certificate.audience}/",
        issued_at=certificate.issued_at,
    )
    return sign_credential(
        credential,
        key,
        verification_method_id(base, key.public_key()),
        certificate.issued_at,
    )


# --- notifications ----------------------------------------------------------------


def unread_notifications(user):
    return Notification.objects.filter(user=user, read_at__isnull=True).select_related(
        "certificate"
    )


def mark_notifications_read(user, ids) -> int:
    # Ids come from a form: anything but a plain number is ignored, not a 500.
    wanted = [int(i) for i in ids if re.fullmatch(r"[0-9]{1,18}", str(i))]
    return Notification.objects.filter(user=user, pk__in=wanted, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def send_certificate_email(certificate_id: int) -> bool:
    """E-mail the holder that their certificate was issued (the dashboard message
    exists either way). True when a message was sent."""
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    certificate = (
        Certificate.objects.select_related("user", "framework").filter(pk=certificate_id).first()
    )
    if certificate is None or certificate.user is None or not certificate.user.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "certificate": certificate,
            "verify_url": verify_url(certificate.code),
            "learning_url": absolute_url(reverse("accounts:dashboard")),
            "audience_label": audience_label(certificate.audience),
        }
        subject = str(_("Your digital skills certificate has been issued"))
        body = render_to_string("certificates/email_issued.txt", context)
    send_mail(subject, body, None, [certificate.user.email])
    return True
