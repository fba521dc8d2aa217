"""The Excel template: reading, errors by row, formulas refused, round trip."""

import io

import pytest
from openpyxl import Workbook

from assessments.actions import import_questions
from assessments.exports.cells import safe_cell
from assessments.exports.questions import export_questions_xlsx
from assessments.importers.xlsx import parse_xlsx, template_workbook
from assessments.importers.xlsx_columns import COLUMNS
from assessments.models import Question

pytestmark = pytest.mark.django_db


def workbook(*rows):
    book = Workbook()
    sheet = book.active
    sheet.append([header for _key, header in COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def row(qtype, stem, options="", answer="", **extra):
    values = {key: "" for key, _header in COLUMNS}
    values.update(qtype=qtype, stem=stem, options=options, answer=answer, **extra)
    return [values[key] for key, _header in COLUMNS]


def test_template_parses_to_its_examples():
    parsed = parse_xlsx(template_workbook())
    assert not parsed.result.errors
    assert [q.qtype for q in parsed.result.questions] == ["single", "shortanswer"]


def test_every_type_from_rows():
    data = workbook(
        row("multiple", "Chọn hai", "A1\nB1\nC1", "A, C"),
        row("Đúng/Sai", "Đúng hay sai?", "", "Sai"),
        row("ordering", "Xếp", "1\n2\n3"),
        row("matching", "Ghép", "a -> 1\nb -> 2\n -> 3"),
        row("numerical", "Số?", "", "3,5±0,1"),
        row("essay", "Viết"),
    )
    parsed = parse_xlsx(data)
    assert not parsed.result.errors
    assert [q.qtype for q in parsed.result.questions] == [
        "multiple",
        "truefalse",
        "ordering",
        "matching",
        "numerical",
        "essay",
    ]


def test_errors_carry_row_numbers_and_formulas_are_refused(framework):
    data = workbook(
        row("single", "Tốt", "A\nB", "A"),
        row("single", '=HYPERLINK("http://evil","bấm")', "A\nB", "A"),
        row("single", "Đáp án lạ", "A\nB", "E"),
        row("kiểu lạ", "?"),
    )
    report = import_questions("xlsx", data)
    assert [(e.line, e.code) for e in report.errors] == [
        (3, "xlsx_formula"),
        (4, "xlsx_bad_answer"),
        (5, "xlsx_unknown_type"),
    ]
    assert Question.objects.count() == 0
    report = import_questions("xlsx", data, skip_invalid=True)
    assert report.imported == 1


def test_not_a_workbook():
    parsed = parse_xlsx(b"not a zip")
    assert [e.code for e in parsed.result.errors] == ["xlsx_unreadable"]


def test_safe_cell():
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("+84912") == "'+84912"
    assert safe_cell("-x") == "'-x"
    assert safe_cell("@SUM") == "'@SUM"
    assert safe_cell("bình thường") == "bình thường"
    assert safe_cell(-5) == -5


def test_xlsx_round_trip(bank):
    data = export_questions_xlsx(Question.objects.all())
    before = {q.name: q.current_version.question_spec for q in Question.objects.all()}
    Question.objects.all().delete()
    report = import_questions("xlsx", data)
    assert report.ok and report.imported == len(before)
    for question in Question.objects.all():
        spec = question.current_version.question_spec
        assert spec.qtype == before[question.name].qtype
        assert spec.competency_codes == before[question.name].competency_codes
