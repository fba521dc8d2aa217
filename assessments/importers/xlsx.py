"""Reading and writing the Excel question template (see xlsx_columns)."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from assessments.formats.model import MAX_ERRORS, ParsedQuestion, ParseError, ParseResult
from assessments.formats.source import default_name
from assessments.scoring.numbers import parse_number
from assessments.scoring.spec import (
    QTYPES,
    AcceptedAnswer,
    Choice,
    MatchPair,
    NumericAnswer,
    NumericRange,
    OrderItem,
    QuestionSpec,
)

from .xlsx_columns import (
    COLUMNS,
    EXAMPLE_ROWS,
    FALSE_WORDS,
    HEADER_TO_KEY,
    QTYPE_WORDS,
    TRUE_WORDS,
    XLSX_MESSAGES,
)

MAX_ROWS = 5000
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 1000
# More columns than the template has are never read (a row may claim 16,384).
MAX_COLUMNS = 64
REQUIRED = ("qtype", "stem")
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"')


@dataclass(frozen=True)
class RowExtras:
    """Columns that GIFT has no place for."""

    audiences: tuple[str, ...] = ()
    difficulty: int | None = None
    points: float | None = None


@dataclass
class XlsxResult:
    result: ParseResult
    extras: dict[int, RowExtras] = field(default_factory=dict)


class _RowError(Exception):
    def __init__(self, code: str, **params):
        self.code = code
        self.params = params


def _error(row: int, code: str, **params) -> ParseError:
    message = XLSX_MESSAGES[code].format(**params) if code in XLSX_MESSAGES else code
    return ParseError(line=row, code=code, message=message, params=params)


def _split(value: str, separator: str = ",") -> list[str]:
    return [part.strip() for part in value.split(separator) if part.strip()]


def _letters(value: str, count: int) -> list[int]:
    indexes = []
    for part in _split(value.replace(";", ",")):
        letter = part.upper()
        if len(letter) != 1 or not ("A" <= letter <= "Z") or ord(letter) - 65 >= count:
            raise _RowError("xlsx_bad_answer", value=value)
        indexes.append(ord(letter) - 65)
    if not indexes:
        raise _RowError("xlsx_bad_answer", value=value)
    return indexes


def _number(text: str) -> float:
    number = parse_number(text)
    if number is None:
        raise _RowError("xlsx_bad_number", value=text)
    return number


def _answer_kwargs(qtype: str, options: list[str], answer: str) -> dict:
    if qtype in ("single", "multiple"):
        keys = _letters(answer, len(options))
        if qtype == "single" and len(keys) != 1:
            raise _RowError("xlsx_bad_answer", value=answer)
        share = 1.0 / len(keys)
        choices = tuple(
            Choice(str(i + 1), text, share if i in keys else 0.0) for i, text in enumerate(options)
        )
        return {"choices": choices}
    if qtype == "truefalse":
        word = answer.strip().lower()
        if word not in TRUE_WORDS | FALSE_WORDS:
            raise _RowError("xlsx_bad_answer", value=answer)
        key = word in TRUE_WORDS
        return {
            "choices": (
                Choice("true", "True", 1.0 if key else 0.0),
                Choice("false", "False", 0.0 if key else 1.0),
            )
        }
    if qtype == "ordering":
        return {"items": tuple(OrderItem(str(i + 1), text) for i, text in enumerate(options))}
    if qtype == "matching":
        pairs, extra = [], []
        for line in options:
            left, arrow, right = line.rpartition("->")
            if not arrow or not right.strip():
                raise _RowError("xlsx_bad_answer", value=line)
            if left.strip():
                pairs.append(MatchPair(str(len(pairs) + 1), left.strip(), right.strip()))
            else:
                extra.append(right.strip())
        return {"pairs": tuple(pairs), "extra_rights": tuple(extra)}
    if qtype == "shortanswer":
        return {"accepted_answers": tuple(AcceptedAnswer(text) for text in _split(answer, "|"))}
    if qtype == "numerical":
        text = answer.strip()
        if ".." in text:
            low, _, high = text.partition("..")
            return {"numeric_ranges": (NumericRange(_number(low), _number(high)),)}
        for separator in ("±", "+-", ":"):
            if separator in text:
                value, _, tolerance = text.partition(separator)
                return {"numeric_answers": (NumericAnswer(_number(value), _number(tolerance)),)}
        return {"numeric_answers": (NumericAnswer(_number(text)),)}
    return {}


def _cell_text(cell) -> str:
    if cell is None or cell.value is None:
        return ""
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]  # neutralised by our own export (exports.cells.safe_cell)
    return text


def check_archive(data: bytes, *, max_rows: int, max_uncompressed_bytes: int) -> ParseError | None:
    """Judge the workbook by what it inflates to, before any XML is parsed: an
    .xlsx is a zip, and 0.3 MB of zip can unpack to 150 MB of sheet. The sizes
    come from the zip's directory, and zipfile never inflates a member beyond the
    size declared there, so the check holds for what openpyxl will read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ARCHIVE_MEMBERS:
                return _error(1, "xlsx_unreadable")
            total = sum(member.file_size for member in members)
            if total > max_uncompressed_bytes:
                return _error(
                    1,
                    "xlsx_too_large_uncompressed",
                    limit=max_uncompressed_bytes // (1024 * 1024),
                    size=-(-total // (1024 * 1024)),
                )
            sheets = sorted(
                name for name in archive.namelist() if name.startswith("xl/worksheets/sheet")
            )
            if sheets:
                # The sheet's declared size (<dimension ref="A1:M6001"/>) near its start.
                with archive.open(sheets[0]) as sheet:
                    declared = _DIMENSION.search(sheet.read(4096))
                if declared and int(declared.group(1)) > max_rows + 1:
                    return _error(1, "xlsx_too_many_rows", limit=max_rows)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return _error(1, "xlsx_unreadable")
    return None


def parse_xlsx(
    data: bytes,
    *,
    max_rows: int = MAX_ROWS,
    max_uncompressed_bytes: int = MAX_UNCOMPRESSED_BYTES,
) -> XlsxResult:
    """Questions from the first sheet of the template; never raises on bad input.
    A file over the limits gets one error and no questions at all."""
    result = ParseResult()
    out = XlsxResult(result)
    refused = check_archive(data, max_rows=max_rows, max_uncompressed_bytes=max_uncompressed_bytes)
    if refused is not None:
        result.errors.append(refused)
        return out
    from openpyxl import load_workbook  # imported when used: ~0.2 s of CPU per process start

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
    except Exception:  # openpyxl raises many kinds of errors for a bad file
        result.errors.append(_error(1, "xlsx_unreadable"))
        return out
    rows = sheet.iter_rows(max_col=MAX_COLUMNS)
    header_row = next(rows, None)
    keys = [HEADER_TO_KEY.get(_cell_text(cell).lower()) for cell in header_row or ()]
    missing = [header for key, header in COLUMNS if key in REQUIRED and key not in keys]
    if missing:
        result.errors.append(_error(1, "xlsx_missing_columns", columns=", ".join(missing)))
        return out
    for number, row in enumerate(rows, start=2):
        if number > max_rows + 1:
            # The sheet lied about its size: refuse it whole, as if it had not.
            result.questions.clear()
            out.extras.clear()
            result.errors[:] = [_error(number, "xlsx_too_many_rows", limit=max_rows)]
            return out
        if result.error_limit_reached(number):
            break
        values, formula = {}, None
        for key, cell in zip(keys, row, strict=False):
            if key is None:
                continue
            if getattr(cell, "data_type", None) == "f" or (
                isinstance(cell.value, str) and cell.value.startswith("=")
            ):
                formula = formula or cell.coordinate
            values[key] = _cell_text(cell)
        if not any(values.values()):
            continue
        if formula:
            result.errors.append(_error(number, "xlsx_formula", cell=formula))
            continue
        try:
            question, extras = _row_question(values, number)
        except _RowError as problem:
            result.errors.append(_error(number, problem.code, **problem.params))
            continue
        except ValueError as problem:
            result.errors.append(ParseError.create(number, "invalid_question", detail=str(problem)))
            continue
        result.questions.append(question)
        out.extras[number] = extras
    if not result.questions and not result.errors:
        result.errors.append(ParseError.create(1, "no_questions_found"))
    del result.errors[MAX_ERRORS + 1 :]
    return out


def _row_question(values: dict, number: int) -> tuple[ParsedQuestion, RowExtras]:
    raw_type = values.get("qtype", "").strip().lower()
    qtype = QTYPE_WORDS.get(raw_type, raw_type)
    if qtype not in QTYPES:
        raise _RowError("xlsx_unknown_type", value=values.get("qtype", ""))
    stem = values.get("stem", "")
    if not stem:
        raise _RowError("xlsx_bad_answer", value="")
    options = [line.strip() for line in values.get("options", "").split("\n") if line.strip()]
    kwargs = _answer_kwargs(qtype, options, values.get("answer", ""))
    spec = QuestionSpec(
        id="", qtype=qtype, general_feedback=values.get("general_feedback", ""), **kwargs
    )
    difficulty = None
    if values.get("difficulty"):
        if values["difficulty"] not in ("1", "2", "3"):
            raise _RowError("xlsx_bad_difficulty")
        difficulty = int(values["difficulty"])
    points = _number(values["points"]) if values.get("points") else None
    tags = _split(values.get("competencies", "")) + _split(values.get("tags", ""))
    question = ParsedQuestion(
        name=values.get("name") or default_name(stem, "html"),
        stem=stem,
        stem_format="html",
        spec=spec,
        category=tuple(_split(values.get("category", ""), "/")),
        tags=tuple(tags),
        idnumber=values.get("idnumber", ""),
        line=number,
    )
    audiences = tuple(_split(values.get("audiences", "")))
    return question, RowExtras(audiences=audiences, difficulty=difficulty, points=points)


def template_workbook() -> bytes:
    """The empty template with headers and two example rows."""
    return write_rows(EXAMPLE_ROWS)


def write_rows(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    from assessments.exports.cells import safe_cell

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Câu hỏi"
    sheet.append([header for _key, header in COLUMNS])
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    for column, width in zip(
        "ABCDEFGHIJKLM", (12, 24, 12, 50, 40, 20, 30, 16, 16, 8, 8, 24, 16), strict=False
    ):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
