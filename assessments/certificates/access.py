"""Who may see which certificate (``access_…``: fetch and enforce permission in
one step), and what anyone may know from a verification code."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q

from lms.audiences import Audience

from . import codes
from .criteria import IssuingCriteria
from .errors import CertificateAltered, CertificateNotFound, CertificateRevoked
from .links import verify_url
from .models import Certificate, CertificateStatus
from .records import hash_matches, issuer_of

ALTERED = "altered"


def _sees_all(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.has_perm("certificates.view_all_certificates")
    )


def certificates_in_scope(user):
    """Certificates a staff member may see: all for administrators; for unit
    managers those issued by, or held by residents of, units in their scope.
    Others: none."""
    from lms.units.scope import units_in_scope

    queryset = Certificate.objects.select_related("framework", "unit")
    if not user.is_authenticated:
        return queryset.none()
    if _sees_all(user):
        return queryset
    units = units_in_scope(user)
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


def access_class_certificates(user, quiz, limit: int | None = None):
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
    return verification_query(code).first()


def verification_query(code: str):
    """The certificate with this code and the rows its public page shows (the
    kept verify page reads the same row as values: verify_page.row_values)."""
    return Certificate.objects.select_related("framework", "unit__certificate_issuer").filter(
        code=code
    )


def shown_name(certificate: Certificate) -> str:
    issuer = issuer_of(certificate.unit)
    if issuer is not None and issuer.mask_holder_names:
        return mask_name(certificate.full_name)
    return certificate.full_name


def public_status(certificate: Certificate) -> str:
    """ "valid", "revoked", or "altered" when the stored record fails its hash (an
    altered record is never shown as valid, whatever its status column says)."""
    return certificate.status if hash_matches(certificate) else ALTERED


def _public_criteria(certificate: Certificate) -> dict | None:
    """The rule it was issued under, as the page and the API show it."""
    try:
        criteria = IssuingCriteria.from_json(certificate.criteria)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None  # unreadable: the hash check already reports the record altered
    if criteria is None:
        return None
    return {
        "framework_version": criteria.framework_version,
        "pass_mark_percent": criteria.pass_mark_percent,
        "area_minimum_percent": criteria.uniform_area_minimum,
        "area_minimums": [
            {"area": code, "percent": value} for code, value in criteria.area_minimums
        ],
        "thresholds_source": criteria.thresholds_source,
        "extra_rules": list(criteria.extra_rules),
        "quiz": criteria.quiz_title,
    }


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
        "criteria": _public_criteria(certificate),
    }


# --- the public PDF ----------------------------------------------------------------


def public_pdf_available(certificate: Certificate, status: str | None = None) -> bool:
    """Anyone with the code may download the PDF, except where the unit masks
    holder names (the PDF prints the full name and birth date), for a revoked
    certificate, or one whose record fails its hash. ``status``: its
    ``public_status`` if the caller has just computed it (the hash, once a view)."""
    issuer = issuer_of(certificate.unit)
    if issuer is not None and issuer.mask_holder_names:
        return False
    if status is None:
        status = public_status(certificate)
    return status == CertificateStatus.VALID


def access_public_pdf(code: str) -> Certificate:
    """The certificate whose PDF anyone with ``code`` may download, or
    CertificateNotFound / CertificateRevoked (410) / CertificateAltered (409)."""
    code = codes.normalize(code or "")
    if not codes.is_well_formed(code):
        raise CertificateNotFound()
    certificate = find_for_verification(code)
    if certificate is None:
        raise CertificateNotFound()
    if not certificate.is_valid:
        raise CertificateRevoked()
    if not hash_matches(certificate):
        raise CertificateAltered()
    if not public_pdf_available(certificate, certificate.status):  # checked just above
        raise CertificateNotFound()
    return certificate
