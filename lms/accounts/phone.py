"""Vietnamese mobile numbers: the many ways people type them, one stored form."""

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

_SEPARATORS = re.compile(r"[\s.\-()]+")
_MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


class InvalidPhoneNumber(ValueError):
    pass


def normalize_vn_mobile(raw: str) -> str:
    """Return the E.164 form (+84912345678) of a Vietnamese mobile number.

    Accepts 0912345678, +84912345678, 84912345678, 0084912345678 and the same
    with spaces, dots, dashes or brackets. Raises InvalidPhoneNumber otherwise.
    """
    if not isinstance(raw, str):
        raise InvalidPhoneNumber(raw)
    compact = _SEPARATORS.sub("", raw.strip())
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    # "84 912 345 678" without the plus: country code typed as if it were national.
    if compact.startswith("84") and len(compact) == 11:
        compact = "+" + compact
    if not re.fullmatch(r"\+?\d{9,15}", compact):
        raise InvalidPhoneNumber(raw)
    try:
        number = phonenumbers.parse(compact, "VN")
    except NumberParseException as exc:
        raise InvalidPhoneNumber(raw) from exc
    if number.country_code != 84 or not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber(raw)
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise InvalidPhoneNumber(raw)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def looks_like_phone(raw: str) -> bool:
    """True when the text is made of digits and phone punctuation only, so a
    login identifier is treated as a phone number rather than a username."""
    compact = _SEPARATORS.sub("", (raw or "").strip())
    return bool(re.fullmatch(r"\+?\d{6,}", compact))


def display_phone(e164: str) -> str:
    """0912 345 678: how Vietnamese people write their own number."""
    if not e164:
        return ""
    number = phonenumbers.parse(e164, "VN")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
