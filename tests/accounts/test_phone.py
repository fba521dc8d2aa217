import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from lms.accounts.phone import InvalidPhoneNumber, display_phone, normalize_vn_mobile

ACCEPTED_FORMS = [
    "0912345678",
    "+84912345678",
    "84 912 345 678",
    "84912345678",
    "0912 345 678",
    "0912.345.678",
    "091-234-5678",
    "(+84) 912 345 678",
    "0084912345678",
]


@pytest.mark.parametrize("raw", ACCEPTED_FORMS)
def test_every_accepted_form_normalizes_to_one_number(raw):
    assert normalize_vn_mobile(raw) == "+84912345678"


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "abc",
        "12345",
        "0212345678",
        "+14155550123",
        "091234567",
        "09123456789",
        "+84 24 3825 3825",
        "0912345678x",
        None,
        "0912345678 9",
    ],
)
def test_invalid_numbers_are_rejected(raw):
    with pytest.raises(InvalidPhoneNumber):
        normalize_vn_mobile(raw)


MOBILE_PREFIXES = [
    "32",
    "33",
    "34",
    "35",
    "36",
    "37",
    "38",
    "39",
    "70",
    "76",
    "77",
    "78",
    "79",
    "81",
    "82",
    "83",
    "84",
    "85",
    "86",
    "88",
    "89",
    "90",
    "91",
    "93",
    "94",
    "96",
    "97",
    "98",
]


@given(
    prefix=st.sampled_from(MOBILE_PREFIXES),
    rest=st.from_regex(r"\A[0-9]{7}\Z"),
    style=st.sampled_from(["0{p}{r}", "+84{p}{r}", "84 {p} {r}", "0{p} {r3} {r4}"]),
)
def test_normalization_is_form_independent_and_idempotent(prefix, rest, style):
    canonical = f"+84{prefix}{rest}"
    try:
        normalize_vn_mobile(canonical)
    except InvalidPhoneNumber:
        assume(False)  # a block the numbering plan has not allocated
    raw = style.format(p=prefix, r=rest, r3=rest[:3], r4=rest[3:])
    normalized = normalize_vn_mobile(raw)
    assert normalized == canonical
    assert normalize_vn_mobile(normalized) == normalized
    assert normalize_vn_mobile(display_phone(normalized)) == normalized
