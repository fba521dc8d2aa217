"""Certificates as A4 landscape PDFs, drawn with reportlab.

Why it is drawn the way it is:

* Vietnamese text goes through ``pdf_text`` (the shipped font, NFC, dates and
  percentages the Vietnamese way, the name fitted to the width).
* Names and other entered text are drawn as plain strings, never handed to
  ``Paragraph`` unescaped: ``<b>`` in a name must print as ``<b>``.
* A name of up to 200 characters fits: the font shrinks to the width, then the
  name wraps to two lines.
* The QR code is drawn as vector rectangles (segno's matrix), sharp at any
  print size, and encodes the verification URL; the code is printed beside it
  for people who type it.
* ``render_many`` puts a whole class in one PDF, one page each, sharing the
  embedded fonts and the unit's logo.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from xml.sax.saxutils import escape

import segno
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from .codes import format_for_print
from .content import CertificateContent
from .pdf_text import (
    BOLD,
    REGULAR,
    fit_name,
    percent_text,
    printable_text,
    register_fonts,
    text_width,
    vietnamese_date,
)

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 50  # content starts this far from the paper's edge
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN

RED = colors.HexColor("#8B1E1E")
GOLD = colors.HexColor("#B08D57")
INK = colors.HexColor("#1E1E1E")
MUTED = colors.HexColor("#5A5A5A")

TITLE = "GIẤY CHỨNG NHẬN HOÀN THÀNH"
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
PROGRAMME = "Phổ cập kỹ năng số - Phong trào “Bình dân học vụ số”"
ENGLISH_SUBTITLE = "Certificate of completion - Basic digital skills (Bình dân học vụ số)"

NAME_MAX_WIDTH = CONTENT_WIDTH - 60
QR_SIZE = 96


def _paragraph(text: str, font: str, size: float, color=INK, leading=None) -> Paragraph:
    style = ParagraphStyle(
        "certificate",
        fontName=font,
        fontSize=size,
        leading=leading or size * 1.3,
        alignment=TA_CENTER,
        textColor=color,
    )
    # Paragraph reads a little markup language: entered text is escaped so it
    # prints literally; only the line breaks we put in become <br/>.
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _draw_paragraph(canvas: Canvas, paragraph: Paragraph, x: float, top: float, width: float):
    """Draw ``paragraph`` with its top at ``top``; returns the y of its bottom."""
    _, height = paragraph.wrap(width, PAGE_HEIGHT)
    paragraph.drawOn(canvas, x, top - height)
    return top - height


def _draw_border(canvas: Canvas):
    canvas.saveState()
    canvas.setStrokeColor(RED)
    canvas.setLineWidth(3.5)
    canvas.rect(18, 18, PAGE_WIDTH - 36, PAGE_HEIGHT - 36)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(1)
    canvas.rect(26, 26, PAGE_WIDTH - 52, PAGE_HEIGHT - 52)
    canvas.setFillColor(GOLD)
    for x, y in ((26, 26), (26, PAGE_HEIGHT - 26), (PAGE_WIDTH - 26, 26)):
        _diamond(canvas, x, y)
    _diamond(canvas, PAGE_WIDTH - 26, PAGE_HEIGHT - 26)
    canvas.restoreState()


def _diamond(canvas: Canvas, x: float, y: float, r: float = 6):
    path = canvas.beginPath()
    path.moveTo(x, y + r)
    path.lineTo(x + r, y)
    path.lineTo(x, y - r)
    path.lineTo(x - r, y)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _draw_logo(canvas: Canvas, logo: ImageReader, x: float, top: float, box: float = 58):
    width, height = logo.getSize()
    scale = box / max(width, height)
    canvas.drawImage(logo, x, top - height * scale, width * scale, height * scale, mask="auto")


def _draw_header(canvas: Canvas, content: CertificateContent, logo: ImageReader | None):
    top = PAGE_HEIGHT - 48
    column = 300
    left_x = MARGIN + 20
    if logo is not None:
        _draw_logo(canvas, logo, MARGIN + 4, top + 4)
        left_x = MARGIN + 70
        column = 250
    unit = _paragraph(printable_text(content.issuing_unit_name).upper(), BOLD, 11, leading=14)
    bottom = _draw_paragraph(canvas, unit, left_x, top, column)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.6)
    centre = left_x + column / 2
    canvas.line(centre - 40, bottom - 5, centre + 40, bottom - 5)

    right_centre = PAGE_WIDTH - MARGIN - 20 - 150
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 11)
    canvas.drawCentredString(right_centre, top - 11, NATIONAL_NAME)
    canvas.setFont(BOLD, 12)
    canvas.drawCentredString(right_centre, top - 27, NATIONAL_MOTTO)
    motto_width = text_width(NATIONAL_MOTTO, BOLD, 12)
    canvas.line(right_centre - motto_width / 2, top - 31, right_centre + motto_width / 2, top - 31)


def _draw_title_and_holder(canvas: Canvas, content: CertificateContent) -> float:
    centre = PAGE_WIDTH / 2
    y = PAGE_HEIGHT - 158
    canvas.setFillColor(RED)
    canvas.setFont(BOLD, 32)
    canvas.drawCentredString(centre, y, TITLE)
    canvas.setFillColor(INK)
    canvas.setFont(REGULAR, 14)
    y -= 26
    canvas.drawCentredString(centre, y, PROGRAMME)
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 10)
    y -= 16
    canvas.drawCentredString(centre, y, ENGLISH_SUBTITLE)

    canvas.setFillColor(INK)
    canvas.setFont(REGULAR, 13)
    y -= 40
    canvas.drawCentredString(centre, y, "Chứng nhận Ông/Bà")

    size, lines = fit_name(printable_text(content.holder_name), NAME_MAX_WIDTH)
    canvas.setFillColor(RED)
    canvas.setFont(BOLD, size)
    y -= 12
    for line in lines:
        y -= size * 1.15
        canvas.drawCentredString(centre, y, line)
    canvas.setFillColor(INK)
    return y


def _draw_statement(canvas: Canvas, content: CertificateContent, top: float) -> float:
    details = []
    if content.date_of_birth is not None:
        details.append(f"Ngày sinh: {content.date_of_birth:%d/%m/%Y}")
    details.append(f"Đối tượng: {printable_text(content.audience_label)}")
    y = top - 30
    canvas.setFont(REGULAR, 12.5)
    canvas.drawCentredString(PAGE_WIDTH / 2, y, "     ".join(details))
    statement = (
        f"Đã hoàn thành bài đánh giá theo {printable_text(content.framework_name)} "
        f"(phiên bản {printable_text(content.framework_version)}), "
        f"đạt {percent_text(content.score_percent)} tổng điểm."
    )
    width = CONTENT_WIDTH - 120
    return _draw_paragraph(canvas, _paragraph(statement, REGULAR, 12.5), MARGIN + 60, y - 12, width)


def _draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float):
    """The QR code as filled rectangles, one per run of dark modules in a row,
    on a white quiet zone of four modules."""
    qr = segno.make(url, error="m", micro=False)
    matrix = qr.matrix
    quiet = 4
    modules = len(matrix) + 2 * quiet
    step = size / modules
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + quiet) * step
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            path.rect(x + (start + quiet) * step, top - step, (column - start) * step, step)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


def _draw_verification(canvas: Canvas, content: CertificateContent, top: float):
    x = MARGIN + 6
    _draw_qr(canvas, content.verify_url, x, top - QR_SIZE, QR_SIZE)
    text_x = x + QR_SIZE + 4
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 8.5)
    canvas.drawString(text_x, top - 22, "Mã xác thực / Verification code")
    canvas.setFillColor(INK)
    canvas.setFont(BOLD, 14)
    canvas.drawString(text_x, top - 40, format_for_print(content.verification_code))
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 8.5)
    canvas.drawString(text_x, top - 56, "Quét mã QR hoặc tra cứu tại:")
    url = _paragraph(printable_text(content.verify_url), REGULAR, 7.5, color=MUTED, leading=9)
    url.style.alignment = 0
    _draw_paragraph(canvas, url, text_x, top - 60, 150)
    canvas.setFillColor(INK)


def _draw_profile(canvas: Canvas, content: CertificateContent, top: float):
    if not content.competency_profile:
        return
    left = MARGIN + 265
    width = 250
    canvas.setFont(BOLD, 9.5)
    canvas.drawCentredString(left + width / 2, top - 12, "Kết quả theo lĩnh vực năng lực")
    cell = ParagraphStyle("area", fontName=REGULAR, fontSize=8.5, leading=10, textColor=INK)
    rows = [
        [Paragraph(escape(printable_text(name)), cell), percent_text(percent)]
        for name, percent in content.competency_profile
    ]
    table = Table(rows, colWidths=[width - 46, 46])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -2), 0.3, GOLD),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    _, height = table.wrap(width, PAGE_HEIGHT)
    table.drawOn(canvas, left, top - 18 - height)


def _draw_signature(canvas: Canvas, content: CertificateContent, top: float):
    centre = PAGE_WIDTH - MARGIN - 120
    width = 240
    place = printable_text(content.place_name)
    when = vietnamese_date(content.issue_date)
    line = f"{place}, {when}" if place else when[:1].upper() + when[1:]
    bottom = _draw_paragraph(canvas, _paragraph(line, REGULAR, 11), centre - width / 2, top, width)
    # The title may keep its line breaks: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH".
    title_lines = [printable_text(line).upper() for line in str(content.signer_title).splitlines()]
    title = _paragraph("\n".join(line for line in title_lines if line), BOLD, 11, leading=13.5)
    bottom = _draw_paragraph(canvas, title, centre - width / 2, bottom - 4, width)
    name = _paragraph(printable_text(content.signer_name), BOLD, 12.5)
    _draw_paragraph(canvas, name, centre - width / 2, max(bottom - 56, 66), width)


def _read_logo(data: bytes) -> ImageReader:
    try:
        reader = ImageReader(io.BytesIO(data))
        reader.getSize()
    except Exception as error:
        raise ValueError("the unit's logo is not a readable image") from error
    return reader


def _draw_watermark(canvas: Canvas, text: str):
    """Large diagonal text across the page (e.g. "ĐÃ THU HỒI" on a revoked
    certificate), drawn last so nothing covers it."""
    canvas.saveState()
    canvas.setFillColor(colors.Color(0.75, 0.05, 0.05, alpha=0.35))
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(28)
    size = 96
    while size > 24 and text_width(text, BOLD, size) > PAGE_WIDTH * 0.95:
        size -= 4
    canvas.setFont(BOLD, size)
    canvas.drawCentredString(0, -size / 3, text)
    canvas.restoreState()
    # The same words level along the bottom edge, which text extraction and
    # screen readers read reliably.
    canvas.saveState()
    canvas.setFillColor(RED)
    canvas.setFont(BOLD, 13)
    canvas.drawCentredString(PAGE_WIDTH / 2, 36, text)
    canvas.restoreState()


def _draw_page(
    canvas: Canvas, content: CertificateContent, logo: ImageReader | None, watermark: str = ""
):
    _draw_border(canvas)
    _draw_header(canvas, content, logo)
    bottom = _draw_title_and_holder(canvas, content)
    _draw_statement(canvas, content, bottom)
    band_top = 184
    _draw_verification(canvas, content, band_top)
    _draw_profile(canvas, content, band_top + 4)
    _draw_signature(canvas, content, band_top + 2)
    if watermark:
        _draw_watermark(canvas, printable_text(watermark))


def render_many(contents: Iterable[CertificateContent], *, watermark: str = "") -> bytes:
    """One PDF with one page per certificate, in the order given; ``watermark``
    (for example "ĐÃ THU HỒI") is printed across every page."""
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        pageCompression=1,
        initialFontName=REGULAR,  # else an unembedded Helvetica is referenced
    )
    canvas.setCreator("Học vụ số")
    canvas.setSubject(TITLE)
    logos: dict[bytes, ImageReader] = {}
    holders = []
    for content in contents:
        logo = None
        if content.logo:
            if content.logo not in logos:
                logos[content.logo] = _read_logo(content.logo)
            logo = logos[content.logo]
        _draw_page(canvas, content, logo, watermark)
        canvas.showPage()
        holders.append(content)
    if not holders:
        raise ValueError("nothing to render: no certificate given")
    if len(holders) == 1:
        canvas.setTitle(f"{TITLE.capitalize()} - {printable_text(holders[0].holder_name)}")
    else:
        canvas.setTitle(f"{TITLE.capitalize()} ({len(holders)})")
    canvas.setAuthor(printable_text(holders[0].issuing_unit_name))
    canvas.save()
    return buffer.getvalue()


def render_certificate(content: CertificateContent, *, watermark: str = "") -> bytes:
    """The certificate as a one-page PDF."""
    return render_many([content], watermark=watermark)
