"""What a certificate says, as plain data: the PDF and the signed credential are
both rendered from it, so they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True, slots=True)
class CertificateContent:
    """Everything printed on one certificate.

    ``holder_name`` is the full name exactly as entered (it is printed as is,
    never interpreted as markup). ``competency_profile`` is a sequence of
    (area name, percent) in the framework's order. ``logo`` is the issuing
    unit's image file (PNG/JPEG bytes), already validated by whoever accepted
    the upload. ``place_name`` is the place in the signature line's
    "<place>, ngày … tháng … năm …"; empty leaves the place out.
    """

    holder_name: str
    audience_label: str
    framework_name: str
    framework_version: str
    issuing_unit_name: str
    signer_title: str
    signer_name: str
    issue_date: date
    score_percent: float | Decimal
    verification_code: str
    verify_url: str
    competency_profile: tuple[tuple[str, float | Decimal], ...] = ()
    date_of_birth: date | None = None
    place_name: str = ""
    logo: bytes | None = None
    # The thresholds the certificate was issued under, which the credential's
    # criteria state: the platform's defaults (the framework version's) unless
    # the quiz set its own; 757/QĐ-BKHCN itself sets none. ``area_minimum_percent``
    # is None when areas had different minimums, then listed in ``area_minimums``.
    pass_mark_percent: float | Decimal = 70
    area_minimum_percent: float | Decimal | None = 50
    area_minimums: tuple[tuple[str, float | Decimal], ...] = ()
    thresholds_from_quiz: bool = False
    quiz_title: str = ""

    def __post_init__(self):
        object.__setattr__(
            self,
            "competency_profile",
            tuple((str(name), percent) for name, percent in self.competency_profile),
        )


def rounded_percent(value: float | Decimal) -> Decimal:
    """A percentage as printed and exported: one decimal, halves rounded up, as
    the decimal it reads as (70.25 → 70.3, 100.0 → 100)."""
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return rounded.normalize() if rounded == rounded.to_integral() else rounded


def percent_digits(value: float | Decimal) -> str:
    """``rounded_percent`` as plain digits with a decimal point: "85.5", "100"."""
    return f"{rounded_percent(value):f}"


def canonical_sha256(data) -> str:
    """SHA-256 (hex) of ``data``'s canonical JSON (RFC 8785, JCS): the same data
    always gives the same hash, whatever the key order or platform. Numbers should
    be passed as strings (``percent_digits``) so floats never enter the hash."""
    import hashlib

    import rfc8785

    return hashlib.sha256(rfc8785.dumps(data)).hexdigest()
