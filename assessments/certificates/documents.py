"""What a certificate looks like outside the database: the printable PDF (stored
in private media, rendered again when missing, watermarked when revoked) and
the signed Open Badges 3.0 credential. Both come from one ``CertificateContent``
so they cannot disagree; the thresholds they state are the ones the certificate
was issued under (``criteria``), not today's settings."""

from __future__ import annotations

import logging
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .content import CertificateContent
from .criteria import IssuingCriteria
from .errors import CertificateAltered, CertificateRevoked
from .links import audience_label, verify_url
from .models import Certificate, CertificateStatus, IssuerProfile
from .records import hash_matches

logger = logging.getLogger(__name__)

REVOKED_WATERMARK = "ĐÃ THU HỒI"


@cache
def _load_key(path: str):
    from .keys import load_or_create_signing_key

    return load_or_create_signing_key(path)


def signing_key():
    """The platform's Ed25519 key (created on first use, cached per process)."""
    return _load_key(str(Path(settings.CERTIFICATE_SIGNING_KEY_PATH)))


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


def issued_under(certificate: Certificate) -> IssuingCriteria | None:
    """The recorded criteria; None for certificates issued before they were recorded."""
    return IssuingCriteria.from_json(certificate.criteria)


def _decimal_or_none(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def certificate_content(
    certificate: Certificate, logos: dict | None = None, *, with_logo: bool = True
) -> CertificateContent:
    framework = certificate.framework
    criteria = issued_under(certificate)
    if criteria is not None:
        thresholds = {
            "pass_mark_percent": Decimal(criteria.pass_mark_percent),
            "area_minimum_percent": _decimal_or_none(criteria.uniform_area_minimum),
            "area_minimums": tuple(
                (code, Decimal(value)) for code, value in criteria.area_minimums
            ),
            "thresholds_from_quiz": criteria.thresholds_source != "platform_default",
            "quiz_title": criteria.quiz_title,
        }
    else:  # issued before the criteria were recorded: the framework's defaults then
        thresholds = {
            "pass_mark_percent": framework.pass_mark_percent,
            "area_minimum_percent": framework.area_minimum_percent,
        }
    return CertificateContent(
        holder_name=certificate.full_name,
        audience_label=audience_label(certificate.audience),
        framework_name=framework.name,
        framework_version=criteria.framework_version if criteria else framework.version,
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
        **thresholds,
    )


def render_pdf(certificate: Certificate) -> bytes:
    """The certificate's PDF, freshly rendered; revoked ones are watermarked."""
    from .pdf import render_certificate

    watermark = "" if certificate.is_valid else REVOKED_WATERMARK
    return render_certificate(certificate_content(certificate), watermark=watermark)


def do_store_pdf(certificate_id: int) -> str | None:
    """Render a valid certificate's PDF into private storage (the Celery task's
    body); returns the stored name, None for a revoked or unknown certificate."""
    certificate = Certificate.objects.select_related("framework").filter(pk=certificate_id).first()
    if certificate is None or not certificate.is_valid:
        return None
    data = render_pdf(certificate)
    old_name = certificate.pdf.name
    certificate.pdf.save("certificate.pdf", ContentFile(data), save=False)
    with transaction.atomic():
        updated = Certificate.objects.filter(
            pk=certificate.pk, status=CertificateStatus.VALID
        ).update(pdf=certificate.pdf.name)
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
    name = do_store_pdf(certificate.pk)
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
