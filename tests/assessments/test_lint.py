"""The bank lint (assessments/lint.py) and its command, manage.py lint_bank."""

import io
import json
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given
from hypothesis import strategies as st

from assessments.lint import LintQuestion, is_catch_all, lint_bank, question_findings
from assessments.scoring.spec import Choice, OrderItem, QuestionSpec
from lms.text import strip_diacritics


def single(correct, *others, ref="q"):
    choices = [{"id": "k", "text": correct, "fraction": 1.0}] + [
        {"id": f"o{i}", "text": text, "fraction": 0.0} for i, text in enumerate(others)
    ]
    return LintQuestion(ref, {"qtype": "single", "choices": choices})


def rules(question):
    return {finding.rule for finding in question_findings(question)}


def test_longest_correct_option_by_a_margin():
    biased = single("Gọi lại tổng đài chính thức in trên thẻ ngân hàng", "Đọc mã OTP", "Gửi mã")
    assert rules(biased) == {"longest_correct"}
    close = single("Gọi tổng đài in trên thẻ", "Đọc mã OTP cho họ ngay", "Gửi mã qua Zalo")
    assert rules(close) == set()


CATCH_ALL = [
    "Tất cả các đáp án trên",
    "Tất cả đều đúng",
    "Không có đáp án nào đúng",
    "Không có phương án nào",
    "Tất cả các ý trên",
    "All of the above",
    "None of the above",
]
HONEST = [
    "Tất cả mọi người trong gia đình",
    "Không cho ai biết mã OTP",
    "Đáp án do tổng đài viên đọc",
    "Cả nhà cùng dùng một mật khẩu",
    "Above all, keep your PIN secret",
]


@given(
    st.sampled_from(CATCH_ALL),
    st.booleans(),
    st.sampled_from([str.lower, str.upper, str.title, lambda s: s]),
    st.sampled_from(["", ".", "!", " (A, B, C)"]),
)
def test_all_or_none_of_the_above_whatever_the_accents_and_case(text, bare, case, tail):
    text = case(strip_diacritics(text) if bare else text) + tail
    assert is_catch_all(text)


@pytest.mark.parametrize("text", HONEST)
def test_ordinary_options_are_not_catch_alls(text):
    assert not is_catch_all(text)


def test_catch_all_option_is_reported():
    question = single("Tất cả các đáp án trên", "Mật khẩu dài", "Xác thực hai lớp")
    assert "all_none_of_the_above" in rules(question)


def test_two_item_ordering_and_duplicates():
    two = LintQuestion(
        "o", {"qtype": "ordering", "items": [{"id": "1", "text": "A"}, {"id": "2", "text": "B"}]}
    )
    assert rules(two) == {"short_ordering"}
    three = QuestionSpec(
        id="x",
        qtype="ordering",
        items=(OrderItem("1", "A"), OrderItem("2", "B"), OrderItem("3", "C")),
    )
    assert rules(LintQuestion("o3", three.to_dict())) == set()
    dup = single("Mật khẩu mạnh", "mat khau manh", "Ngày sinh")
    assert "duplicate_options" in rules(dup)


def test_true_false_imbalance():
    def truefalse(key):
        return LintQuestion(
            "tf",
            QuestionSpec(
                id="t",
                qtype="truefalse",
                choices=(
                    Choice("true", "Đúng", 1.0 if key else 0.0),
                    Choice("false", "Sai", 0.0 if key else 1.0),
                ),
            ).to_dict(),
        )

    report = lint_bank([truefalse(True) for _ in range(10)])
    assert not report.passed
    assert {m.rule: m.passed for m in report.metrics}["true_share"] is False
    balanced = lint_bank([truefalse(i % 2 == 0) for i in range(10)])
    assert balanced.passed


option_text = st.text(alphabet="abcdeghiklmnopqrstuvxy ", min_size=1, max_size=40).filter(
    lambda s: s.strip()
)


@given(
    st.lists(st.lists(option_text, min_size=4, max_size=4, unique=True), min_size=8, max_size=30)
)
def test_a_bank_whose_key_is_always_longest_fails_and_rotating_it_passes(sets):
    # Pad the options so their lengths differ strictly: 1st < 2nd < 3rd < 4th.
    padded = [sorted(t + "x" * (50 * i) for i, t in enumerate(texts)) for texts in sets]
    padded = [sorted(texts, key=len) for texts in padded]

    def bank(position):
        return [
            single(texts[position(i)], *(t for j, t in enumerate(texts) if j != position(i)))
            for i, texts in enumerate(padded)
        ]

    assert not lint_bank(bank(lambda i: 3)).passed
    # Never the longest nor the shortest is a tell too, in a bank big enough to judge.
    middle = lint_bank(bank(lambda i: 1 + i % 2))
    assert middle.passed == (len(padded) < 20)
    rotated = lint_bank(bank(lambda i: i % 4))
    assert {m.rule: m.passed for m in rotated.metrics}["longest_share"]


@given(st.permutations(["Gọi tổng đài in trên thẻ", "Đọc mã OTP", "Gửi mã qua Zalo", "Bỏ qua"]))
def test_findings_do_not_depend_on_option_order(order):
    key = "Gọi tổng đài in trên thẻ"
    others = [text for text in order if text != key]
    assert rules(single(key, *others)) == rules(single(key, *sorted(others)))


@pytest.mark.django_db
def test_lint_bank_command(make_question):
    rng = random.Random(7)
    for index in range(10):
        long_key = "Gọi lại số tổng đài chính thức in ở mặt sau thẻ ngân hàng " + str(index)
        make_question(
            QuestionSpec(
                id="",
                qtype="single",
                choices=(
                    Choice("1", long_key, 1.0),
                    Choice("2", "Đọc mã OTP", 0.0),
                    Choice("3", rng.choice(["Gửi mã", "Bấm link"]), 0.0),
                ),
            ),
            category="Thử/Thiên lệch",
        )
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("lint_bank", "--format", "json", "--category", "Thử", stdout=out)
    report = json.loads(out.getvalue())
    assert report["questions"] == 10 and report["passed"] is False
    share = {m["rule"]: m for m in report["metrics"]}["longest_share"]
    assert share["share"] == 1.0 and share["passed"] is False
    assert sum(f["rule"] == "longest_correct" for f in report["findings"]) == 10
    with pytest.raises(CommandError):
        call_command("lint_bank", "--category", "Không có", stdout=io.StringIO())
