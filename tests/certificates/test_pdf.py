"""The printed certificate, read back with poppler and a real QR decoder."""

import io
import os
import random
import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date

import pytest
from PIL import Image
from reportlab.pdfbase.ttfonts import TTFontFile

from assessments.certificates.codes import format_for_print, new_code
from assessments.certificates.content import CertificateContent
from assessments.certificates.pdf import NAME_MAX_WIDTH, render_certificate, render_many
from assessments.certificates.pdf_text import (
    BOLD,
    FONTS_DIR,
    fit_name,
    percent_text,
    register_fonts,
    vietnamese_date,
)

VIETNAMESE_LETTERS = (
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư"
    + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))  # Ạ … ỹ
)
LONG_NAME = (
    "Công Tằng Tôn Nữ Thị Phương Thảo Nguyễn Phúc Bửu Lộc Trần Huyền Trân Lê Thị Ngọc Bích "
    "Đặng Ỷ Lan Vĩnh Thụy Phạm Thị Thanh Hương Bùi Quang Huy Nguyễn Văn Xuân Hoàng Thị Diễm "
    "Kiều Trịnh Đình Khải Lý Chiêu Hoàng"
)[:200]


def need(tool: str) -> str:
    """The tool's path; skip when missing, except in CI where it must be installed."""
    path = shutil.which(tool)
    if path:
        return path
    message = f"{tool} is not installed (apt-get install poppler-utils zbar-tools)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def pdf_text(pdf: bytes, tmp_path) -> str:
    need("pdftotext")
    source = tmp_path / "certificate.pdf"
    source.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(source), "-"], capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")


def page_count(pdf: bytes, tmp_path) -> int:
    need("pdfinfo")
    source = tmp_path / "many.pdf"
    source.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(source)], capture_output=True, check=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))


def decoded_qr_codes(pdf: bytes, tmp_path, page: int = 1) -> list[str]:
    need("pdftoppm")
    need("zbarimg")
    source = tmp_path / "qr.pdf"
    source.write_bytes(pdf)
    prefix = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", str(page), "-l", str(page), str(source), prefix],
        check=True,
    )
    (image,) = tmp_path.glob("page*.png")
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sqrcode.enable", str(image)],
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8").splitlines()


def one_line(text: str) -> str:
    return " ".join(text.split())


def png_logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), (180, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def content():
    code = new_code(random.Random(2025))
    return CertificateContent(
        holder_name="Nguyễn Thị Hồng Nhung",
        audience_label="Người dân",
        framework_name="Khung kiến thức, kỹ năng số cơ bản",
        framework_version="1.0",
        issuing_unit_name="Ủy ban nhân dân phường Hoàn Kiếm",
        signer_title="TM. Ủy ban nhân dân\nChủ tịch",
        signer_name="Trần Văn Bình",
        issue_date=date(2025, 6, 5),
        score_percent=85.5,
        verification_code=code,
        verify_url=f"https://hocvuso.example.vn/certificates/verify/{code}/",
        competency_profile=(
            ("Sử dụng thiết bị và phần mềm trên thiết bị", 90),
            ("An toàn, bảo mật thông tin cá nhân", 72.25),
        ),
        date_of_birth=date(1968, 3, 12),
        place_name="Hoàn Kiếm",
    )


def test_the_text_reads_back_exactly(content, tmp_path):
    text = pdf_text(render_certificate(content), tmp_path)
    lines = [line.strip() for line in text.splitlines()]
    assert "Nguyễn Thị Hồng Nhung" in lines
    assert format_for_print(content.verification_code) in lines
    assert "Đối tượng: Người dân" in lines
    assert "GIẤY CHỨNG NHẬN HOÀN THÀNH" in lines
    assert "Ngày sinh: 12/03/1968" in lines
    assert "Hoàn Kiếm, ngày 05 tháng 6 năm 2025" in lines
    assert "85,5%" in text
    assert "72,3%" in text


def test_every_vietnamese_letter_reads_back(content, tmp_path):
    holder = "Đặng Ỷ Lan"
    pdf = render_certificate(replace(content, holder_name=holder, audience_label="Người lao động"))
    text = pdf_text(pdf, tmp_path)
    assert holder in [line.strip() for line in text.splitlines()]
    assert "Người lao động" in text
    alphabet = render_certificate(replace(content, holder_name=VIETNAMESE_LETTERS[:60]))
    alphabet_text = one_line(pdf_text(alphabet, tmp_path))
    assert VIETNAMESE_LETTERS[:60] in alphabet_text.replace(" ", "")


def test_a_decomposed_name_prints_as_the_letters_it_means(content, tmp_path):
    decomposed = unicodedata.normalize("NFD", "Đặng Ỷ Lan")
    text = pdf_text(render_certificate(replace(content, holder_name=decomposed)), tmp_path)
    assert "Đặng Ỷ Lan" in [line.strip() for line in text.splitlines()]


def test_the_qr_code_decodes_to_the_verification_url(content, tmp_path):
    pdf = render_certificate(replace(content, logo=png_logo()))
    assert decoded_qr_codes(pdf, tmp_path) == [content.verify_url]


def test_a_200_character_name_fits_on_two_lines(content, tmp_path):
    assert len(LONG_NAME) == 200
    size, lines = fit_name(LONG_NAME, NAME_MAX_WIDTH)
    assert len(lines) == 2
    assert size >= 10
    register_fonts()
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert all(stringWidth(line, BOLD, size) <= NAME_MAX_WIDTH + 0.01 for line in lines)
    text = pdf_text(render_certificate(replace(content, holder_name=LONG_NAME)), tmp_path)
    assert one_line(LONG_NAME) in one_line(text)


def test_a_very_long_name_without_spaces_still_fits():
    register_fonts()
    size, lines = fit_name("Ư" * 200, NAME_MAX_WIDTH)
    assert len(lines) == 2
    assert "".join(lines) == "Ư" * 200
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert all(stringWidth(line, BOLD, size) <= NAME_MAX_WIDTH + 0.01 for line in lines)


def test_markup_in_entered_text_prints_literally(content, tmp_path):
    pdf = render_certificate(
        replace(
            content,
            holder_name="<b>HTML</b> & Lan",
            issuing_unit_name="Phường <i>Ba</i> Đình",
            framework_name="Khung <font size=40>to</font>",
            competency_profile=(("<br/>Lĩnh vực & dữ liệu", 60),),
        )
    )
    text = one_line(pdf_text(pdf, tmp_path))
    assert "<b>HTML</b> & Lan" in text
    assert "PHƯỜNG <I>BA</I> ĐÌNH" in text
    assert "Khung <font size=40>to</font>" in text
    assert "<br/>Lĩnh vực & dữ liệu" in text


def test_render_many_gives_one_page_per_certificate(content, tmp_path):
    names = ["Nguyễn Thị Hồng Nhung", "Đặng Ỷ Lan", "Lê Văn Tám"]
    logo = png_logo()
    pdf = render_many(
        replace(
            content,
            holder_name=name,
            logo=logo,
            verification_code=(code := new_code(random.Random(i))),
            verify_url=f"https://hocvuso.example.vn/certificates/verify/{code}/",
        )
        for i, name in enumerate(names)
    )
    assert page_count(pdf, tmp_path) == 3
    text = pdf_text(pdf, tmp_path)
    pages = text.split("\f")
    for page, name in zip(pages, names, strict=False):
        assert name in [line.strip() for line in page.splitlines()]
    # the logo is embedded once, not once per page
    assert pdf.count(b"/Subtype /Image") == 1


def test_render_many_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        render_many([])


def test_a_logo_that_is_not_an_image_is_refused(content):
    with pytest.raises(ValueError, match="logo"):
        render_certificate(replace(content, logo=b"<svg>not a raster image</svg>"))


def test_the_page_is_a4_landscape(content):
    pdf = render_certificate(content)
    assert b"/MediaBox [ 0 0 841.8898 595.2756 ]" in pdf
    # only the shipped fonts, embedded: no standard font the printer must substitute
    assert b"Helvetica" not in pdf


def test_dates_and_percentages_are_written_the_vietnamese_way():
    assert vietnamese_date(date(2025, 6, 5)) == "ngày 05 tháng 6 năm 2025"
    assert vietnamese_date(date(2025, 2, 14)) == "ngày 14 tháng 02 năm 2025"
    assert vietnamese_date(date(2025, 12, 31)) == "ngày 31 tháng 12 năm 2025"
    assert percent_text(85.5) == "85,5%"
    assert percent_text(100) == "100%"
    assert percent_text(70.25) == "70,3%"
    assert percent_text(70.0) == "70%"


def test_the_shipped_fonts_cover_vietnamese_and_carry_their_licence():
    fonts = sorted(FONTS_DIR.glob("*.ttf"))
    assert [f.name for f in fonts] == ["Lora-Bold.ttf", "Lora-Regular.ttf"]
    assert sum(f.stat().st_size for f in fonts) < 1.5 * 1024 * 1024
    for font in fonts:
        covered = TTFontFile(str(font)).charToGlyph
        assert [c for c in VIETNAMESE_LETTERS if ord(c) not in covered] == []
    assert "SIL Open Font License" in (FONTS_DIR / "OFL.txt").read_text()
