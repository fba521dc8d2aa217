"""Illustrations for the demo library, drawn with Pillow: flat shapes plus
Vietnamese text in a font that has every Vietnamese letter (DejaVu Sans, or
Pillow's own scalable default font when DejaVu is not installed)."""

import io
import textwrap
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
PALETTES = {
    "red": ("#b4231b", "#fdecea", "#ffffff"),
    "blue": ("#0b5cad", "#e8f1fb", "#ffffff"),
    "green": ("#166534", "#e9f7ee", "#ffffff"),
    "purple": ("#6b21a8", "#f3e8ff", "#ffffff"),
    "orange": ("#9a3412", "#fff1e6", "#ffffff"),
    "teal": ("#0f766e", "#e6f6f4", "#ffffff"),
}


@cache
def font(size: int, bold: bool = False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    if (DEJAVU / name).exists():
        return ImageFont.truetype(str(DEJAVU / name), size)
    return ImageFont.load_default(size=size)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _text_block(draw, xy, text, size, width_chars, fill, bold=False, spacing=10):
    x, y = xy
    for line in textwrap.wrap(text, width=width_chars):
        draw.text((x, y), line, font=font(size, bold), fill=fill)
        y += size + spacing
    return y


# --- motifs: each draws in the box (x, y, size) --------------------------------


def _phone(d, x, y, s, ink, soft):
    d.rounded_rectangle((x + s * 0.25, y, x + s * 0.75, y + s), radius=s * 0.06, fill=ink)
    d.rounded_rectangle(
        (x + s * 0.28, y + s * 0.06, x + s * 0.72, y + s * 0.9), radius=s * 0.02, fill=soft
    )
    d.ellipse((x + s * 0.47, y + s * 0.92, x + s * 0.53, y + s * 0.97), fill=soft)
    for i in range(3):
        top = y + s * (0.14 + i * 0.2)
        d.rounded_rectangle(
            (x + s * 0.32, top, x + s * 0.68, top + s * 0.13), radius=8, fill="white"
        )
        d.ellipse((x + s * 0.34, top + s * 0.03, x + s * 0.41, top + s * 0.1), fill=ink)


def _shield(d, x, y, s, ink, soft):
    d.polygon(
        [
            (x + s * 0.5, y),
            (x + s * 0.9, y + s * 0.15),
            (x + s * 0.85, y + s * 0.6),
            (x + s * 0.5, y + s),
            (x + s * 0.15, y + s * 0.6),
            (x + s * 0.1, y + s * 0.15),
        ],
        fill=ink,
    )
    d.line(
        [(x + s * 0.3, y + s * 0.5), (x + s * 0.45, y + s * 0.65), (x + s * 0.72, y + s * 0.35)],
        fill="white",
        width=int(s * 0.07),
    )


def _qr(d, x, y, s, ink, soft):
    d.rectangle((x, y, x + s, y + s), fill="white", outline=ink, width=6)
    cell = s / 9
    pattern = "111010111101101101111011111000100011010110100100010101111011001101010011111011011"
    for index, bit in enumerate(pattern):
        if bit == "1":
            row, col = divmod(index, 9)
            d.rectangle(
                (x + col * cell, y + row * cell, x + (col + 1) * cell, y + (row + 1) * cell),
                fill=ink,
            )


def _chat(d, x, y, s, ink, soft):
    d.rounded_rectangle((x, y + s * 0.05, x + s * 0.8, y + s * 0.45), radius=24, fill=ink)
    d.polygon(
        [(x + s * 0.15, y + s * 0.45), (x + s * 0.3, y + s * 0.45), (x + s * 0.12, y + s * 0.6)],
        fill=ink,
    )
    d.rounded_rectangle(
        (x + s * 0.25, y + s * 0.55, x + s, y + s * 0.9),
        radius=24,
        fill="white",
        outline=ink,
        width=6,
    )
    for i in range(3):
        d.ellipse(
            (x + s * (0.18 + i * 0.17), y + s * 0.2, x + s * (0.26 + i * 0.17), y + s * 0.28),
            fill="white",
        )


def _warning(d, x, y, s, ink, soft):
    d.polygon([(x + s * 0.5, y), (x + s, y + s * 0.9), (x, y + s * 0.9)], fill=ink)
    d.rectangle((x + s * 0.46, y + s * 0.3, x + s * 0.54, y + s * 0.6), fill="white")
    d.ellipse((x + s * 0.45, y + s * 0.68, x + s * 0.55, y + s * 0.78), fill="white")


def _document(d, x, y, s, ink, soft):
    d.polygon(
        [
            (x + s * 0.15, y),
            (x + s * 0.65, y),
            (x + s * 0.85, y + s * 0.2),
            (x + s * 0.85, y + s),
            (x + s * 0.15, y + s),
        ],
        fill="white",
        outline=ink,
    )
    for i in range(5):
        d.line(
            [(x + s * 0.25, y + s * (0.25 + i * 0.11)), (x + s * 0.75, y + s * (0.25 + i * 0.11))],
            fill=ink,
            width=6,
        )
    d.line(
        [
            (x + s * 0.45, y + s * 0.88),
            (x + s * 0.55, y + s * 0.8),
            (x + s * 0.62, y + s * 0.9),
            (x + s * 0.75, y + s * 0.8),
        ],
        fill=ink,
        width=8,
    )


def _ai(d, x, y, s, ink, soft):
    d.rounded_rectangle(
        (x + s * 0.15, y + s * 0.25, x + s * 0.85, y + s * 0.85), radius=30, fill=ink
    )
    d.line([(x + s * 0.5, y + s * 0.25), (x + s * 0.5, y + s * 0.08)], fill=ink, width=10)
    d.ellipse((x + s * 0.44, y, x + s * 0.56, y + s * 0.12), fill=ink)
    d.ellipse((x + s * 0.3, y + s * 0.42, x + s * 0.42, y + s * 0.54), fill="white")
    d.ellipse((x + s * 0.58, y + s * 0.42, x + s * 0.7, y + s * 0.54), fill="white")
    d.rounded_rectangle(
        (x + s * 0.33, y + s * 0.66, x + s * 0.67, y + s * 0.74), radius=8, fill="white"
    )


def _shop(d, x, y, s, ink, soft):
    d.rectangle((x + s * 0.1, y + s * 0.45, x + s * 0.9, y + s), fill="white", outline=ink, width=6)
    for i in range(4):
        color = ink if i % 2 == 0 else "white"
        d.pieslice(
            (x + s * (0.1 + i * 0.2), y + s * 0.25, x + s * (0.3 + i * 0.2), y + s * 0.6),
            0,
            180,
            fill=color,
            outline=ink,
            width=4,
        )
    d.rectangle((x + s * 0.1, y + s * 0.2, x + s * 0.9, y + s * 0.42), fill=ink)
    d.rectangle((x + s * 0.4, y + s * 0.65, x + s * 0.6, y + s), fill=ink)


def _screen(d, x, y, s, ink, soft):
    d.rounded_rectangle((x, y + s * 0.1, x + s, y + s * 0.72), radius=16, fill=ink)
    d.rectangle((x + s * 0.05, y + s * 0.15, x + s * 0.95, y + s * 0.67), fill="white")
    d.rectangle((x + s * 0.4, y + s * 0.72, x + s * 0.6, y + s * 0.85), fill=ink)
    d.rectangle((x + s * 0.25, y + s * 0.85, x + s * 0.75, y + s * 0.9), fill=ink)
    for i, w in enumerate((0.7, 0.5, 0.6)):
        d.rounded_rectangle(
            (
                x + s * 0.12,
                y + s * (0.22 + i * 0.13),
                x + s * (0.12 + w),
                y + s * (0.29 + i * 0.13),
            ),
            radius=6,
            fill=soft,
        )


MOTIFS = {
    "phone": _phone,
    "shield": _shield,
    "qr": _qr,
    "chat": _chat,
    "warning": _warning,
    "document": _document,
    "ai": _ai,
    "shop": _shop,
    "screen": _screen,
}


def cover(title: str, label: str, motif: str, palette: str = "red", size=(1280, 720)) -> bytes:
    """A 16:9 cover: a coloured band with the title, a motif on a soft panel."""
    ink, soft, _ = PALETTES[palette]
    width, height = size
    image = Image.new("RGB", size, soft)
    d = ImageDraw.Draw(image)
    d.rectangle((0, 0, width * 0.58, height), fill=ink)
    d.text((60, 60), label.upper(), font=font(30, bold=True), fill="#ffffffcc")
    _text_block(d, (60, 120), title, 52, 22, "white", bold=True, spacing=14)
    d.text((60, height - 80), "Học vụ số", font=font(30, bold=True), fill="white")
    box = min(width * 0.34, height * 0.62)
    MOTIFS[motif](d, width * 0.62 + (width * 0.38 - box) / 2, (height - box) / 2, box, ink, soft)
    return _png(image)


def infographic(
    title: str, points: list[tuple[str, str]], palette: str = "blue", motif: str = "shield"
) -> bytes:
    """A tall poster: the title, then one numbered panel per point."""
    ink, soft, _ = PALETTES[palette]
    width, panel, head = 1080, 250, 330
    height = head + panel * len(points) + 110
    image = Image.new("RGB", (width, height), "white")
    d = ImageDraw.Draw(image)
    d.rectangle((0, 0, width, head), fill=ink)
    _text_block(d, (60, 60), title, 56, 21, "white", bold=True, spacing=14)
    d.rounded_rectangle((width - 260, head - 260, width - 40, head - 40), radius=28, fill=soft)
    MOTIFS[motif](d, width - 240, head - 240, 180, ink, soft)
    for index, (heading, text) in enumerate(points):
        top = head + index * panel + 20
        d.rounded_rectangle((40, top, width - 40, top + panel - 30), radius=28, fill=soft)
        d.ellipse((70, top + 30, 170, top + 130), fill=ink)
        number = str(index + 1)
        d.text((120, top + 80), number, font=font(56, bold=True), fill="white", anchor="mm")
        _text_block(d, (200, top + 28), heading, 38, 38, ink, bold=True, spacing=8)
        _text_block(d, (200, top + 90), text, 30, 50, "#1b1f24", spacing=8)
    d.text((60, height - 70), "Học vụ số · Bình dân học vụ số", font=font(30, bold=True), fill=ink)
    return _png(image)


def phone_screen(screen_title: str, lines: list[str], button: str, palette: str = "red") -> bytes:
    """A simple phone screenshot-style drawing for a guide step (not a real app)."""
    ink, soft, _ = PALETTES[palette]
    image = Image.new("RGB", (540, 960), "#20242a")
    d = ImageDraw.Draw(image)
    d.rounded_rectangle((20, 20, 520, 940), radius=40, fill="white")
    d.rectangle((20, 70, 520, 170), fill=ink)
    _text_block(d, (50, 95), screen_title, 34, 24, "white", bold=True)
    y = 210
    for line in lines:
        d.rounded_rectangle((50, y, 490, y + 90), radius=14, fill=soft, outline="#c7ced6", width=2)
        _text_block(d, (70, y + 25), line, 28, 28, "#1b1f24")
        y += 115
    d.rounded_rectangle((50, 800, 490, 880), radius=40, fill=ink)
    d.text((270, 840), button, font=font(32, bold=True), fill="white", anchor="mm")
    return _png(image)


def pdf_pages(title: str, sections: list[tuple[str, str]]) -> tuple[bytes, int]:
    """A printable A4-proportioned PDF made of text pages; returns (bytes, pages)."""
    pages, page, y = [], None, 0

    def new_page():
        nonlocal page, y
        page = Image.new("RGB", (1240, 1754), "white")
        pages.append(page)
        y = 120

    new_page()
    d = ImageDraw.Draw(page)
    y = _text_block(d, (100, y), title, 54, 34, "#b4231b", bold=True, spacing=14) + 40
    for heading, body in sections:
        needed = 60 + 46 * len(textwrap.wrap(body, 62))
        if y + needed > 1640:
            new_page()
            d = ImageDraw.Draw(page)
        y = _text_block(d, (100, y), heading, 40, 44, "#0b5cad", bold=True) + 10
        y = _text_block(d, (100, y), body, 32, 62, "#1b1f24", spacing=14) + 40
    for number, image in enumerate(pages, start=1):
        ImageDraw.Draw(image).text(
            (1140, 1690), str(number), font=font(28), fill="#4b5563", anchor="rm"
        )
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:], resolution=150)
    return buffer.getvalue(), len(pages)
