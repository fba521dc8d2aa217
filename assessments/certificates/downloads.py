"""Who may download a certificate's PDF, and the file to stream.

* The holder and staff in scope: ``actions.access_certificate`` (the private link).
* Anyone holding the verification code, from the public verification page: that is
  what verifying a paper certificate needs. Not for a revoked certificate (410), nor
  for one whose stored record fails its content hash (409), and
  not where the unit masks holder names on the public page, since the PDF prints the
  full name and birth date (404, as if there were no public copy)."""

from __future__ import annotations

import io
import logging

from . import actions, codes
from .models import Certificate

logger = logging.getLogger(__name__)


def public_pdf_available(certificate: Certificate) -> bool:
    issuer = actions._issuer(certificate.unit)
    if issuer is not None and issuer.mask_holder_names:
        return False
    return certificate.is_valid and actions.hash_matches(certificate)


def access_public_pdf(code: str) -> Certificate:
    """The certificate whose PDF anyone with ``code`` may download, or
    CertificateNotFound / CertificateRevoked."""
    code = codes.normalize(code or "")
    if not codes.is_well_formed(code):
        raise actions.CertificateNotFound()
    certificate = actions.find_for_verification(code)
    if certificate is None:
        raise actions.CertificateNotFound()
    if not certificate.is_valid:
        raise actions.CertificateRevoked()
    if not actions.hash_matches(certificate):
        raise actions.CertificateAltered()
    if not public_pdf_available(certificate):
        raise actions.CertificateNotFound()
    return certificate


def open_pdf(certificate: Certificate):
    """A binary file object to stream: the stored PDF of a valid certificate
    (rendered and stored first when missing), or a watermarked render of a revoked
    one, which is never stored."""
    if not certificate.is_valid:
        return io.BytesIO(actions.render_pdf(certificate))
    if certificate.pdf:
        try:
            return certificate.pdf.open("rb")
        except (OSError, FileNotFoundError):
            logger.warning("PDF of certificate %s is missing; rendering again", certificate.code)
    name = actions.store_pdf(certificate.pk)
    if name is None:  # revoked meanwhile
        certificate.refresh_from_db()
        return io.BytesIO(actions.render_pdf(certificate))
    certificate.pdf.name = name
    return certificate.pdf.open("rb")


def download_name(certificate: Certificate) -> str:
    suffix = "" if certificate.is_valid else "-da-thu-hoi"
    return f"chung-nhan-{certificate.code}{suffix}.pdf"
