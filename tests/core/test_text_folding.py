"""Properties of the one Vietnamese folding module (lms.text)."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from lms.text import digits, fold_case, search_key, slugify, squash_whitespace, strip_diacritics

LOWER = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
VIETNAMESE = LOWER + LOWER.upper()
vietnamese = st.text(alphabet=VIETNAMESE + " \t\n.,-!019", max_size=40)
any_text = st.text(max_size=40)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_examples():
    assert strip_diacritics("Cổng dịch vụ công, Đường") == "Cong dich vu cong, Duong"
    assert fold_case("TRẦN Bình") == "trần bình"
    assert squash_whitespace("  a \t\n b  ") == "a b"
    assert search_key("Đăng ký, đổi mật khẩu!") == "dang ky doi mat khau"
    assert search_key("DỊCH VỤ CÔNG") == search_key("dịch vụ công") == "dich vu cong"
    assert search_key("０９８７") == "0987"  # full-width digits from some keyboards
    assert slugify("Hướng dẫn kích hoạt VNeID mức 2") == "huong-dan-kich-hoat-vneid-muc-2"
    assert slugify("Phường Hoàn Kiếm", separator="_") == "phuong_hoan_kiem"
    assert digits("+84 987-654.321") == "84987654321"


@given(any_text)
def test_every_fold_is_idempotent(text):
    for fold in (strip_diacritics, fold_case, squash_whitespace, search_key, slugify, digits):
        assert fold(fold(text)) == fold(text)


@given(vietnamese)
def test_vietnamese_letters_fold_to_ascii(text):
    assert strip_diacritics(text).isascii()
    assert search_key(text).isascii()
    assert slugify(text).isascii()


@given(vietnamese)
def test_nfc_and_nfd_input_fold_alike(text):
    composed, decomposed = unicodedata.normalize("NFC", text), nfd(text)
    for fold in (strip_diacritics, fold_case, search_key, slugify):
        assert fold(composed) == fold(decomposed)


@given(vietnamese)
def test_stripping_marks_keeps_one_letter_per_letter(text):
    # Each precomposed Vietnamese letter is one letter without its marks.
    composed = unicodedata.normalize("NFC", text)
    assert len(strip_diacritics(composed)) == len(composed)
    assert len(search_key(composed)) <= len(composed)


@given(any_text)
def test_search_key_has_single_spaces_and_no_marks(text):
    key = search_key(text)
    assert key == key.strip() and "  " not in key
    assert not any(unicodedata.combining(ch) for ch in key)
    assert key == key.casefold()


@given(any_text, st.integers(min_value=1, max_value=30))
def test_slug_is_bounded_url_safe_and_from_the_key(text, max_length):
    slug = slugify(text, max_length=max_length)
    assert len(slug) <= max_length
    assert all(ch.isascii() and (ch.isalnum() or ch == "-") for ch in slug)
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug


@given(vietnamese, vietnamese)
def test_a_typed_fragment_without_marks_is_found_in_the_key(text, fragment):
    # What staff searches rely on: a piece of the text typed without marks lies
    # within the key of the whole text.
    whole = f"{text} {fragment}"
    assert search_key(strip_diacritics(fragment)) in search_key(whole)
