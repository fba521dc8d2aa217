"""The certificate's typography: the shipped fonts, entered text made
printable, dates and percentages the Vietnamese way, and the holder's name
fitted to a width.

Vietnamese needs a font with every precomposed letter (ễ, ặ, ỷ, …): the shipped
Lora (SIL OFL 1.1, ``fonts/OFL.txt``) has them all, and reportlab embeds only the
glyphs a document uses. reportlab does not position combining marks, so text is
NFC-normalised first: a name typed as "e" + U+0302 + U+0303 prints as the one
letter "ễ" it means.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .content import percent_digits

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = "HocVuSo-Lora"
BOLD = "HocVuSo-Lora-Bold"

NAME_ONE_LINE_SIZES = range(30, 17, -1)
NAME_TWO_LINE_SIZES = range(22, 9, -1)


@cache
def register_fonts() -> tuple[str, str]:
    """Register the shipped fonts with reportlab once per process."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS_DIR / "Lora-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONTS_DIR / "Lora-Bold.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)
    return REGULAR, BOLD


def printable_text(value: object) -> str:
    """Entered text as it should print: NFC, one line, no control characters."""
    text = unicodedata.normalize("NFC", str(value))
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    return " ".join(text.split())


def vietnamese_date(day: date) -> str:
    """ "ngày 05 tháng 02 năm 2025": the style of administrative documents
    (Nghị định 30/2020/NĐ-CP), where days below 10 and months 1 and 2 get a
    leading zero."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def percent_text(value: float | Decimal) -> str:
    """85.5 → "85,5%"; Vietnamese writes a decimal comma."""
    return percent_digits(value).replace(".", ",") + "%"


def text_width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


def split_in_two(text: str, font: str, size: float) -> tuple[str, str]:
    """Two lines of ``text`` as even in width as possible, broken at a space when
    there is one, else between characters."""
    words = text.split(" ")
    if len(words) > 1:
        candidates = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    else:
        candidates = [(text[:i], text[i:]) for i in range(1, len(text))]
    return min(
        candidates,
        key=lambda pair: max(text_width(pair[0], font, size), text_width(pair[1], font, size)),
    )


def fit_name(name: str, max_width: float) -> tuple[float, tuple[str, ...]]:
    """Font size and lines for the holder's name: one line as large as fits, else
    two balanced lines, else (a name with no spaces that is very long) two lines
    at whatever size fits."""
    for size in NAME_ONE_LINE_SIZES:
        if text_width(name, BOLD, size) <= max_width:
            return size, (name,)
    if len(name) < 2:
        return NAME_ONE_LINE_SIZES[-1], (name,)
    for size in NAME_TWO_LINE_SIZES:
        lines = split_in_two(name, BOLD, size)
        if max(text_width(line, BOLD, size) for line in lines) <= max_width:
            return size, lines
    size = NAME_TWO_LINE_SIZES[-1]
    lines = split_in_two(name, BOLD, size)
    widest = max(text_width(line, BOLD, size) for line in lines)
    return size * max_width / widest, lines
