"""An Excel file is judged by what it inflates to, before it is parsed: a small
zip that unpacks to a huge sheet, or a sheet with too many rows, is refused
with a clear message and nothing is imported."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from assessments.actions import import_questions
from assessments.actions.imports import problem_message
from assessments.models import Question

from .test_xlsx import row, workbook

pytestmark = pytest.mark.django_db
SHEET = "xl/worksheets/sheet1.xml"


def with_sheet(xlsx: bytes, sheet_xml: bytes) -> bytes:
    """The same workbook with its first sheet's XML replaced."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = sheet_xml if item.filename == SHEET else source.read(item)
            target.writestr(item.filename, data)
    return out.getvalue()


def bomb(megabytes: int) -> bytes:
    """A few hundred KB that inflate to `megabytes` MB: rows of one repeated cell."""
    cell = "A" * 10_000
    rows = []
    target = megabytes * 1024 * 1024
    size, number = 0, 1
    while size < target:
        text = f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>{cell}</t></is></c></row>'
        rows.append(text)
        size += len(text)
        number += 1
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(rows)}</sheetData></worksheet>"
    )
    return with_sheet(workbook(), xml.encode())


def test_a_zip_bomb_is_refused_before_parsing_and_nothing_is_imported(settings):
    settings.ASSESSMENTS_XLSX_MAX_UNCOMPRESSED_MB = 50
    data = bomb(60)
    assert len(data) < 1024 * 1024  # small on the wire
    report = import_questions("xlsx", data, skip_invalid=True)
    assert [error.code for error in report.errors] == ["xlsx_too_large_uncompressed"]
    assert report.imported == 0 and not Question.objects.exists()
    with translation.override("vi"):
        message = problem_message(report.errors[0])
    assert re.fullmatch(
        r"tệp Excel khi giải nén lớn hơn 50 MB \(6\d MB\); hãy chia thành nhiều tệp nhỏ hơn",
        message,
    )


def test_a_sheet_with_too_many_rows_imports_nothing_even_when_skipping_invalid(settings):
    settings.ASSESSMENTS_XLSX_MAX_ROWS = 50
    rows = [row("single", f"Câu hỏi {n}", "Có\nKhông", "A") for n in range(60)]
    report = import_questions("xlsx", workbook(*rows), skip_invalid=True)
    assert [error.code for error in report.errors] == ["xlsx_too_many_rows"]
    assert report.imported == 0 and not Question.objects.exists()
    with translation.override("vi"):
        assert problem_message(report.errors[0]) == "trang tính có hơn 50 hàng"


def test_rows_within_the_limit_still_import(settings):
    settings.ASSESSMENTS_XLSX_MAX_ROWS = 50
    rows = [row("single", f"Câu hỏi {n}", "Có\nKhông", "A") for n in range(50)]
    report = import_questions("xlsx", workbook(*rows))
    assert report.ok and report.imported == 50


def test_the_import_page_explains_the_refusal_in_vietnamese(client, instructor, settings):
    settings.ASSESSMENTS_XLSX_MAX_UNCOMPRESSED_MB = 5
    client.force_login(instructor)
    upload = SimpleUploadedFile("bom.xlsx", bomb(6))
    response = client.post(reverse("assessments:import"), {"file": upload, "format": "xlsx"})
    assert response.status_code == 400
    assert "khi giải nén lớn hơn 5 MB" in response.content.decode()
    assert not Question.objects.exists()
