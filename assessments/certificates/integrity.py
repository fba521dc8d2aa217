"""The content hash of a certificate, as a pure function of what is stored.

The hash is computed once when the certificate is issued and stored beside it;
recomputing it from the stored fields later tells whether the record still says
what was issued. A row changed behind the application's back (an SQL UPDATE, a
restored backup edited by hand) no longer matches, and the verification page, the
API and the integrity job report it as altered. No ORM here: the same function
serves a model instance and a ``values()`` row of the integrity scan."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation

from .content import canonical_sha256, percent_digits


@dataclass(frozen=True, slots=True)
class HashedRecord:
    """The stored fields the hash covers: everything printed on the certificate.
    Status and revocation are not covered: they change, through ``revoke``."""

    code: str
    full_name: str
    date_of_birth: date | None
    audience: str
    framework_code: str
    framework_version: str
    unit_code: str  # "" when the platform itself issued it
    unit_name: str
    signer_title: str
    signer_name: str
    place_name: str
    issued_at: datetime  # aware
    score_percent: Decimal | float | str
    competency_profile: Sequence  # [[area code, area name, percent], …]
    # The rule it was issued under (``criteria.IssuingCriteria.to_json``); {} on
    # certificates issued before it was recorded, whose hashes leave it out.
    criteria: Mapping | None = None


def hashed_fields(record: HashedRecord) -> dict:
    """The canonical data that is hashed, as strings (the keys and formats are
    those of the hashes already stored: never change them)."""
    fields = {
        "code": record.code,
        "holder_name": record.full_name,
        "date_of_birth": record.date_of_birth.isoformat() if record.date_of_birth else None,
        "audience": record.audience,
        "framework": record.framework_code,
        "framework_version": record.framework_version,
        "issuing_unit": record.unit_code or "",
        "issuing_unit_name": record.unit_name,
        "signer_title": record.signer_title,
        "signer_name": record.signer_name,
        "place": record.place_name,
        "issued_at": record.issued_at.astimezone(UTC).isoformat(),
        "score_percent": percent_digits(record.score_percent),
        "competency_profile": [
            [str(code), str(name), percent_digits(percent)]
            for code, name, percent in record.competency_profile
        ],
    }
    if record.criteria:
        fields["criteria"] = dict(record.criteria)
    return fields


def recompute_hash(record: HashedRecord) -> str:
    """SHA-256 (hex) of the record's canonical JSON (RFC 8785)."""
    return canonical_sha256(hashed_fields(record))


def is_intact(record: HashedRecord, stored_hash: str) -> bool:
    """Whether ``stored_hash`` is the hash of ``record``. A stored value that
    cannot even be read back (a profile that is not a list of triples, a score that
    is not a number) counts as altered rather than failing the page."""
    try:
        return recompute_hash(record) == stored_hash
    except (TypeError, ValueError, AttributeError, InvalidOperation):
        return False
