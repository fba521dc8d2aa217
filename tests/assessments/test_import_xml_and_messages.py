"""Moodle XML through the commands and the staff pages; importer messages in the
user's language with their line numbers."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from assessments.actions.imports import IMPORT_MESSAGES
from assessments.formats import MESSAGES
from assessments.importers.xlsx_columns import XLSX_MESSAGES
from assessments.models import Question, QuestionCategory

from .test_import_command import _snapshot

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "template", sorted({*MESSAGES.values(), *XLSX_MESSAGES.values(), *IMPORT_MESSAGES.values()})
)
def test_every_importer_message_is_translated_to_vietnamese(template):
    with translation.override("vi"):
        translated = translation.gettext(template)
    assert translated != template
    # the same placeholders, so .format() works in both languages
    for name in ("detail", "limit", "snippet", "weight", "total", "text", "letter", "qtype"):
        assert (f"{{{name}}}" in template) == (f"{{{name}}}" in translated)


def post_import(client, name, content, fmt, language=None):
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    upload = SimpleUploadedFile(name, content)
    return client.post(reverse("assessments:import"), {"file": upload, "format": fmt})


BAD_GIFT = "Câu 1{T}\n\nCâu 2{=a ~b\n".encode()


def test_import_page_shows_errors_in_vietnamese_with_lines(client, instructor, framework):
    client.force_login(instructor)
    response = post_import(client, "bad.gift", BAD_GIFT, "gift")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Dòng 3: dấu ngoặc nhọn không cân" in body
    assert Question.objects.count() == 0


def test_import_page_shows_errors_in_english_when_chosen(client, instructor, framework):
    client.force_login(instructor)
    response = post_import(client, "bad.gift", BAD_GIFT, "gift", language="en")
    assert response.status_code == 400
    assert "3: unbalanced braces" in response.content.decode()


def test_excel_and_aiken_errors_are_vietnamese_too(client, instructor, framework):
    client.force_login(instructor)
    response = post_import(client, "x.xlsx", b"not a workbook", "xlsx")
    assert "tệp không phải bảng tính Excel (.xlsx)" in response.content.decode()
    response = post_import(client, "a.txt", "Câu hỏi\nA) x\nB) y\n".encode(), "aiken")
    assert "Dòng 1: câu hỏi thiếu dòng &#x27;ANSWER:&#x27;" in response.content.decode()


def test_import_page_offers_moodle_xml_and_imports_it(client, instructor, framework, moodle_dir):
    client.force_login(instructor)
    page = client.get(reverse("assessments:import"))
    assert 'value="xml"' in page.content.decode()
    data = (moodle_dir / "xml" / "nested_categories_with_questions.xml").read_bytes()
    response = post_import(client, "bank.xml", data, "xml")
    assert response.status_code == 200
    assert Question.objects.count() == 5
    assert QuestionCategory.objects.filter(path="Iota/Kappa/Lambda").exists()


def test_moodle_xml_with_an_error_imports_nothing_and_names_the_line(
    client, instructor, framework, moodle_dir
):
    client.force_login(instructor)
    data = (moodle_dir / "xml" / "error_invalid_grades.xml").read_bytes()
    response = post_import(client, "bad.xml", data, "xml")
    assert response.status_code == 400
    assert "Dòng 38: mức điểm &#x27;33%&#x27; không nằm trong" in response.content.decode()
    assert Question.objects.count() == 0


def test_xml_import_command_is_atomic(moodle_dir, framework):
    path = moodle_dir / "xml" / "sample_questions_with_old_image_tag.xml"
    with pytest.raises(CommandError, match="nothing imported"):
        run("import_questions", str(path), "--format", "xml")
    assert Question.objects.count() == 0
    out, _ = run("import_questions", str(path), "--format", "xml", "--skip-invalid")
    assert out.strip().endswith("imported 1 questions")


def test_xml_round_trip_through_the_bank(moodle_dir, framework, tmp_path, make_question):
    from .conftest import sample_specs

    for spec in sample_specs():
        make_question(spec)
    run("import_questions", str(moodle_dir / "questions.gift.txt"), "--format", "gift")
    first = tmp_path / "first.xml"
    run("export_questions", "--format", "xml", "--output", str(first))
    before = _snapshot()
    count = Question.objects.count()
    Question.objects.all().delete()
    out, _ = run("import_questions", str(first), "--format", "xml")
    assert out.strip().endswith(f"imported {count} questions")
    assert _snapshot() == before


def test_export_page_gives_moodle_xml(client, instructor, bank):
    client.force_login(instructor)
    response = client.get(reverse("assessments:export"), {"format": "xml"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    # one category record, then the questions
    assert response.content.count(b'<question type="') == len(bank) + 1


def test_api_import_takes_moodle_xml_and_reports_translated_errors(
    client, instructor, framework, moodle_dir
):
    client.force_login(instructor)
    data = (moodle_dir / "xml" / "error_invalid_grades.xml").read_bytes()
    upload = SimpleUploadedFile("bad.xml", data)
    response = client.post("/api/v1/questions/import/", {"file": upload, "format": "xml"})
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert (error["line"], error["code"]) == (38, "xml_invalid_grade")
    assert "không nằm trong các mức Moodle cho phép" in error["detail"]
    good = (moodle_dir / "xml" / "categories_reverse_order.xml").read_bytes()
    upload = SimpleUploadedFile("good.xml", good)
    response = client.post("/api/v1/questions/import/", {"file": upload, "format": "xml"})
    assert response.status_code == 200
    assert response.json()["imported"] == 2
