"""Aiken import, checked against Moodle's fixtures."""

import random
from pathlib import Path

import pytest

from assessments.formats import parse_aiken
from assessments.scoring import correct_response, grade_response

MOODLE = Path(__file__).resolve().parents[1] / "fixtures" / "moodle"


def moodle_fixture(name):
    """Moodle's fixture bytes, vendored in tests/fixtures/moodle (see its README)."""
    return (MOODLE / name).read_bytes()


def keys(questions):
    return [correct_response(question.spec) for question in questions]


def test_moodle_aiken_fixture_has_two_single_choice_questions():
    result = parse_aiken(moodle_fixture("questions.aiken.txt"))
    assert result.errors == []
    first, second = result.questions
    assert first.stem == "The Moodle project was started by:"
    assert first.qtype == "single"
    assert [c.text for c in first.spec.choices] == [
        "Petr Skoda",
        "Martin Dougiamas",
        "Eloy Lafuente",
        "Tim Hunt",
    ]
    assert keys(result.questions) == ["B", "A"]
    assert second.stem.endswith('includes <html class="cool"> & images:')
    assert second.stem_format == "plain"
    assert [q.line for q in result.questions] == [1, 8]


def test_moodle_aiken_errors_fixture_keeps_three_good_questions():
    result = parse_aiken(moodle_fixture("aiken_errors.txt"))
    assert [q.stem for q in result.questions] == [
        "A good question",
        "A second good question",
        "A third good question with HTML chars such as > < &",
    ]
    assert keys(result.questions) == ["A", "B", "A"]
    assert [c.text for c in result.questions[1].spec.choices] == [
        "Incorrect (No space)",
        "Correct (No space)",
    ]
    assert [(e.line, e.code) for e in result.errors] == [
        (1, "too_few_options"),
        (5, "option_before_question"),
        (7, "answer_before_question"),
        (14, "missing_answer"),
    ]


def test_vietnamese_question_with_dot_options_and_multiline_text():
    text = (
        "Khi nhận được tin nhắn báo trúng thưởng,\n"
        "bạn nên làm gì?\n"
        "A. Bấm ngay vào đường link\n"
        "B. Chuyển tiền phí nhận thưởng\n"
        "C. Bỏ qua và báo cho cơ quan chức năng\n"
        "ANSWER: C\n"
    )
    (question,) = parse_aiken(text.encode("utf-8-sig")).questions
    assert question.stem == "Khi nhận được tin nhắn báo trúng thưởng,\nbạn nên làm gì?"
    assert question.name == "Khi nhận được tin nhắn báo trúng thưởng, bạn nên làm gì?"
    assert grade_response(question.spec, "C") == 1.0
    assert grade_response(question.spec, "A") == 0.0


def test_a_question_may_start_like_an_abbreviation():
    result = parse_aiken("A.I. có thể viết văn bản không?\nA) Có\nB) Không\nANSWER: a")
    assert result.errors == []
    assert result.questions[0].stem == "A.I. có thể viết văn bản không?"
    assert keys(result.questions) == ["A"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", [(1, "no_questions_found")]),
        ("Câu hỏi\nA) Một\nB) Hai\n", [(1, "missing_answer")]),
        ("Câu hỏi\nA) Một\nB) Hai\nANSWER: C", [(1, "answer_not_among_options")]),
        ("Câu hỏi\nA) Một\nB) Hai\nANSWER: AB", [(1, "invalid_answer")]),
        ("Câu hỏi\nA) Một\nB) Hai\nANSWER:", [(1, "invalid_answer")]),
        ("Câu hỏi\nA) Một\nANSWER: A", [(1, "too_few_options")]),
        ("Câu hỏi\nANSWER: A", [(1, "too_few_options")]),
        ("Câu hỏi\nA) Một\nA) Hai\nANSWER: A", [(3, "duplicate_option")]),
        ("Câu hỏi\nA)\nB) Hai\nANSWER: A", [(2, "empty_answer")]),
        ("A) Một\n\nANSWER: A", [(1, "option_before_question"), (3, "answer_before_question")]),
    ],
)
def test_errors_have_line_numbers(text, expected):
    result = parse_aiken(text)
    assert result.questions == []
    assert [(e.line, e.code) for e in result.errors] == expected


def test_error_message_carries_params():
    (error,) = parse_aiken("Câu hỏi\nA) Một\nB) Hai\nANSWER: Z").errors
    assert error.params == {"letter": "Z"}
    assert error.message == "the answer 'Z' is not among the options"


def test_bytes_that_are_not_utf8_give_one_error():
    result = parse_aiken("Đúng hay sai?\nA) Đúng\nB) Sai\nANSWER: A".encode("cp1258"))
    assert result.questions == []
    assert [(e.line, e.code) for e in result.errors] == [(1, "file_not_utf8")]


def test_garbage_finishes_with_errors_and_no_questions():
    assert parse_aiken(random.Random(3).randbytes(2_000_000)).errors
    rng = random.Random(5)
    lines = "\n".join(rng.choices(["A) x", "B.  y", "ANSWER: Q", "", "ANSWER:"], k=400_000))
    result = parse_aiken(lines)
    assert result.questions == []
    assert result.errors


def test_aiken_errors_are_capped():
    from assessments.formats.model import MAX_ERRORS

    result = parse_aiken("ANSWER: A\n" * 10_000)
    assert len(result.errors) == MAX_ERRORS + 1
    assert result.errors[-1].code == "too_many_errors"
