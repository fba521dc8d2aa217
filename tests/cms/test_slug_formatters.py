"""The admin's slug replacements (cms/text.py slug_formatters) are the server's
folding: applied to any Vietnamese text they leave exactly what `fold` leaves."""

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from cms.text import slug_formatters, vietnamese_letters
from lms.text import search_key as fold

LETTERS = "".join(vietnamese_letters()) + "abcdefghijklmnopqrstuvwxyz0123456789 "


def apply_formatters(text: str) -> str:
    for pattern, replacement in slug_formatters():
        text = re.sub(pattern, replacement, text)
    return text


@given(st.text(alphabet=LETTERS, max_size=40))
def test_formatters_fold_every_vietnamese_letter_like_the_server(text):
    assert " ".join(apply_formatters(text).lower().split()) == fold(text)


@given(st.text(alphabet=LETTERS, max_size=40))
def test_formatters_also_fold_text_typed_with_combining_marks(text):
    decomposed = unicodedata.normalize("NFD", text)
    assert " ".join(apply_formatters(decomposed).lower().split()) == fold(text)


def test_the_issue_title():
    title = "Gọi cấp cứu 115 và báo cháy 114 đúng cách"
    assert apply_formatters(title) == "Goi cap cuu 115 va bao chay 114 dung cach"
