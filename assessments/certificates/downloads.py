"""The PDF file to stream for a download. Who may download it: the holder and
staff in scope (``access.access_certificate``, the private link), and anyone
holding the verification code from the public page (``access.access_public_pdf``)."""

from __future__ import annotations

import io
import logging

from .documents import do_store_pdf, render_pdf
from .models import Certificate

logger = logging.getLogger(__name__)


def open_pdf(certificate: Certificate):
    """A binary file object to stream: the stored PDF of a valid certificate
    (rendered and stored first when missing), or a watermarked render of a revoked
    one, which is never stored."""
    if not certificate.is_valid:
        return io.BytesIO(render_pdf(certificate))
    if certificate.pdf:
        try:
            return certificate.pdf.open("rb")
        except (OSError, FileNotFoundError):
            logger.warning("PDF of certificate %s is missing; rendering again", certificate.code)
    name = do_store_pdf(certificate.pk)
    if name is None:  # revoked meanwhile
        certificate.refresh_from_db()
        return io.BytesIO(render_pdf(certificate))
    certificate.pdf.name = name
    return certificate.pdf.open("rb")


def download_name(certificate: Certificate) -> str:
    suffix = "" if certificate.is_valid else "-da-thu-hoi"
    return f"chung-nhan-{certificate.code}{suffix}.pdf"
