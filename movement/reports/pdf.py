"""The quarterly report as an A4 PDF in Vietnamese with the commune's header.
Drawn with reportlab and the fonts the certificates ship (their
register_fonts), so Vietnamese letters print the same way in both."""

from __future__ import annotations

import io
import unicodedata
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from assessments.certificates.pdf import NATIONAL_MOTTO, NATIONAL_NAME, register_fonts

from .xlsx import ACTIVITY_HEADERS, CHILD_HEADERS, INDICATOR_HEADERS


def _nfc(value) -> str:
    return unicodedata.normalize("NFC", "" if value is None else str(value))


def _number(value) -> str:
    if value is None:
        return "—"
    text = str(value)
    return text.replace(".", ",")


def render(snapshot: dict) -> bytes:
    regular, bold = register_fonts()
    styles = {
        "header": ParagraphStyle("header", fontName=bold, fontSize=10, leading=13),
        "title": ParagraphStyle(
            "title", fontName=bold, fontSize=13, leading=17, alignment=1, spaceAfter=4
        ),
        "body": ParagraphStyle("body", fontName=regular, fontSize=9, leading=12),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10),
        "head": ParagraphStyle("head", fontName=bold, fontSize=8, leading=10),
    }

    def para(text, style="body"):
        return Paragraph(escape(_nfc(text)), styles[style])

    def table(headers, rows, widths):
        data = [[para(h, "head") for h in headers]] + [
            [para(cell, "cell") for cell in row] for row in rows
        ]
        grid = Table(data, colWidths=widths, repeatRows=1)
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEF2F5")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return grid

    unit = snapshot["unit"]
    # The administrative header: the unit on the left, the national name and motto on the right.
    header = Table(
        [
            [para(unit["full_name"].upper(), "header"), para(NATIONAL_NAME, "header")],
            ["", para(NATIONAL_MOTTO, "body")],
        ],
        colWidths=[85 * mm, 95 * mm],
    )
    header.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, -1), "CENTER")])
    )
    story = [
        header,
        Spacer(1, 4 * mm),
        para(
            f"BÁO CÁO KẾT QUẢ PHONG TRÀO “BÌNH DÂN HỌC VỤ SỐ” QUÝ {snapshot['quarter']}/"
            f"{snapshot['year']}",
            "title",
        ),
        para(f"Số liệu tính đến ngày {snapshot['as_of']}"),
        Spacer(1, 4 * mm),
        table(
            INDICATOR_HEADERS,
            [
                [
                    r["indicator_label"],
                    r["audience_label"],
                    r["achieved"],
                    _number(r["denominator"]),
                    _number(r["rate"]),
                    _number(r["target"]),
                    _number(r["gap"]),
                ]
                for r in snapshot["rows"]
            ],
            [52 * mm, 32 * mm, 18 * mm, 20 * mm, 16 * mm, 18 * mm, 20 * mm],
        ),
    ]
    if snapshot["children"]:
        story += [
            Spacer(1, 5 * mm),
            table(
                CHILD_HEADERS,
                [
                    [
                        r["name"],
                        r["achieved"],
                        _number(r["denominator"]),
                        _number(r["rate"]),
                        _number(r["target"]),
                        _number(r["gap"]),
                    ]
                    for r in snapshot["children"]
                ],
                [56 * mm, 26 * mm, 26 * mm, 20 * mm, 20 * mm, 24 * mm],
            ),
        ]
    story += [
        Spacer(1, 5 * mm),
        table(
            ACTIVITY_HEADERS,
            [[r["label"], r["entries"], r["people"]] for r in snapshot["activities"]],
            [90 * mm, 30 * mm, 50 * mm],
        ),
    ]
    if snapshot.get("notes"):
        story += [Spacer(1, 4 * mm), para("Hoạt động nổi bật:", "header"), para(snapshot["notes"])]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"Báo cáo quý {snapshot['quarter']}/{snapshot['year']} - {unit['name']}",
    ).build(story)
    return buffer.getvalue()
