"""Reads of a stored certificate that several concerns share: its issuing
unit's profile and whether its record still matches the content hash taken
when it was issued (``integrity``)."""

from __future__ import annotations

from lms.units.models import Unit

from .integrity import HashedRecord, is_intact, recompute_hash
from .models import Certificate, IssuerProfile


def issuer_of(unit: Unit | None) -> IssuerProfile | None:
    if unit is None:
        return None
    try:
        return unit.certificate_issuer
    except IssuerProfile.DoesNotExist:
        return None


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
        criteria=certificate.criteria,
    )


def content_hash(certificate: Certificate) -> str:
    return recompute_hash(hashed_record(certificate))


def hash_matches(certificate: Certificate) -> bool:
    """Whether the stored record still says what was issued."""
    return is_intact(hashed_record(certificate), certificate.content_hash)
