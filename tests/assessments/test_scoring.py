"""Scoring engine: grading each question type, attempt totals, pass decisions."""

import json
from fractions import Fraction

import pytest

from assessments.scoring import (
    UNASSIGNED,
    AcceptedAnswer,
    Choice,
    MatchPair,
    NumericAnswer,
    NumericRange,
    OrderItem,
    QuestionSpec,
    combine_attempts,
    correct_response,
    grade_response,
    parse_number,
    pass_decision,
    question_from_dict,
    score_attempt,
)
from assessments.scoring.grading import grade_multiple, grade_ordering, grade_shortanswer


def single(qid="q", points=1.0, codes=()):
    return QuestionSpec(
        qid,
        "single",
        points,
        codes,
        choices=(
            Choice("a", "Zalo", 0.0, "Chưa đúng"),
            Choice("b", "dichvucong.gov.vn", 1.0, "Chính xác"),
            Choice("c", "Gần đúng", 0.5),
            Choice("d", "Sai nặng", -0.5),
        ),
    )


def multiple(wrong_penalty=0.0):
    return QuestionSpec(
        "m",
        "multiple",
        choices=(
            Choice("a", "VNeID", 0.5),
            Choice("b", "Cổng DVC", 0.5),
            Choice("c", "Trang lạ", -1.0),
            Choice("d", "Mạng xã hội", 0.0),
        ),
        wrong_penalty=wrong_penalty,
    )


def truefalse(key=True):
    return QuestionSpec(
        "tf",
        "truefalse",
        choices=(
            Choice("true", "Đúng", 1.0 if key else 0.0),
            Choice("false", "Sai", 0.0 if key else 1.0),
        ),
    )


def ordering(n=4):
    return QuestionSpec(
        "o", "ordering", items=tuple(OrderItem(str(i), f"Bước {i}") for i in range(n))
    )


def matching():
    return QuestionSpec(
        "mt",
        "matching",
        pairs=(
            MatchPair("1", "Định danh điện tử", "VNeID"),
            MatchPair("2", "Nộp thuế", "eTax"),
            MatchPair("3", "Bảo hiểm", "VssID"),
            MatchPair("4", "Thủ tục hành chính", "Dịch vụ công"),
        ),
        extra_rights=("Facebook",),
    )


def shortanswer(**flags):
    return QuestionSpec(
        "s",
        "shortanswer",
        accepted_answers=(
            AcceptedAnswer("Cổng dịch vụ công", 1.0, "Đúng"),
            AcceptedAnswer("dịch vụ*", 0.5, "Gần đúng"),
        ),
        **flags,
    )


def numerical():
    return QuestionSpec(
        "n",
        "numerical",
        numeric_answers=(NumericAnswer(3.5, 0.0, 1.0), NumericAnswer(3.0, 0.5, 0.5)),
        numeric_ranges=(NumericRange(10, 20, 0.25),),
    )


# --- single, true/false ---------------------------------------------------------


def test_single_choice_scores_the_picked_fraction_and_clamps_penalties():
    question = single()
    assert grade_response(question, "b") == 1.0
    assert grade_response(question, "c") == 0.5
    assert grade_response(question, "a") == 0.0
    assert grade_response(question, "d") == 0.0  # a penalty never goes below 0


@pytest.mark.parametrize("response", [None, "", "zz", 3, ["b"], {"b": 1}, object(), b"b"])
def test_single_choice_malformed_response_scores_zero(response):
    assert grade_response(single(), response) == 0.0


def test_truefalse_accepts_strings_and_bools():
    question = truefalse(key=False)
    assert grade_response(question, "false") == 1.0
    assert grade_response(question, " FALSE ") == 1.0
    assert grade_response(question, False) == 1.0
    assert grade_response(question, "true") == 0.0
    assert grade_response(question, "có") == 0.0


# --- multiple response ------------------------------------------------------------


def test_multiple_response_adds_positive_and_subtracts_negative_fractions():
    question = multiple()
    assert grade_response(question, frozenset({"a", "b"})) == 1.0
    assert grade_response(question, frozenset({"a"})) == 0.5
    assert grade_response(question, frozenset({"a", "b", "c"})) == 0.0
    # "d" has fraction 0 and wrong_penalty is 0: it costs nothing
    assert grade_response(question, frozenset({"a", "b", "d"})) == 1.0


def test_multiple_response_uses_wrong_penalty_for_zero_fraction_choices():
    question = multiple(wrong_penalty=0.25)
    assert grade_response(question, frozenset({"a", "b", "d"})) == 0.75
    assert grade_response(question, frozenset({"a", "d"})) == 0.25
    assert grade_response(question, frozenset({"d"})) == 0.0  # clamped, not negative


def test_multiple_response_accepts_lists_and_rejects_unknown_ids():
    question = multiple()
    assert grade_response(question, ["a", "b"]) == 1.0
    assert grade_response(question, "a") == 0.5
    assert grade_response(question, ["a", "b", "zz"]) == 0.0
    assert grade_response(question, [["a"]]) == 0.0
    assert grade_response(question, frozenset()) == 0.0
    assert grade_response(question, None) == 0.0


def test_multiple_response_key_scores_one_when_weights_are_thirds():
    third = 0.33333
    question = QuestionSpec(
        "m3",
        "multiple",
        choices=(*(Choice(str(i), f"c{i}", third) for i in range(3)), Choice("x", "no", -1)),
    )
    assert grade_multiple(question, frozenset({"0", "1", "2"})) == 1.0
    assert grade_multiple(question, frozenset({"0", "1", "2", "x"})) == 0.0


# --- ordering ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        (("0", "1", "2", "3"), 1.0),
        (("3", "2", "1", "0"), 0.0),
        (("1", "0", "2", "3"), 2 / 3),  # 0,2,3 (or 1,2,3) in order: L=3
        (("3", "0", "1", "2"), 2 / 3),
        (("1", "0", "3", "2"), 1 / 3),
    ],
)
def test_ordering_gives_credit_for_the_longest_run_in_correct_relative_order(response, expected):
    assert grade_ordering(ordering(), response) == pytest.approx(expected)


@pytest.mark.parametrize(
    "response",
    [
        ("0", "1", "2"),
        ("0", "1", "2", "2"),
        ("0", "1", "2", "9"),
        "0123",
        None,
        [["0"], "1", "2", "3"],
    ],
)
def test_ordering_non_permutation_scores_zero(response):
    assert grade_response(ordering(), response) == 0.0


def test_ordering_with_one_item_scores_one_when_given():
    question = ordering(1)
    assert grade_response(question, ["0"]) == 1.0
    assert grade_response(question, []) == 0.0


# --- matching -----------------------------------------------------------------------


def test_matching_scores_the_share_of_correct_matches():
    question = matching()
    assert grade_response(question, correct_response(question)) == 1.0
    answers = {"1": "VNeID", "2": "Facebook", "3": " VssID ", "4": None}
    assert grade_response(question, answers) == 0.5
    assert grade_response(question, {"1": "vneid"}) == 0.0  # case matters for matching
    assert grade_response(question, {}) == 0.0


@pytest.mark.parametrize("response", [{"9": "VNeID"}, {"1": 5}, ["VNeID"], "VNeID"])
def test_matching_malformed_response_scores_zero(response):
    assert grade_response(matching(), response) == 0.0


# --- short answer -------------------------------------------------------------------


def test_shortanswer_default_ignores_case_and_extra_whitespace_but_not_diacritics():
    question = shortanswer()
    assert grade_response(question, "  CỔNG  dịch\tvụ công ") == 1.0
    assert grade_response(question, "cong dich vu cong") == 0.0
    assert grade_response(question, "dịch vụ hành chính") == 0.5  # wildcard answer


def test_shortanswer_ignore_diacritics_maps_d_with_stroke():
    question = shortanswer(ignore_diacritics=True)
    assert grade_response(question, "cong dich vu cong") == 1.0
    assert grade_response(question, "Cổng dịch vụ công") == 1.0
    place = QuestionSpec(
        "p", "shortanswer", accepted_answers=(AcceptedAnswer("Đà Nẵng"),), ignore_diacritics=True
    )
    assert grade_response(place, "da nang") == 1.0
    assert grade_response(place, "DA NANG") == 1.0
    assert grade_response(place, "đà nẵng") == 1.0


def test_shortanswer_case_sensitive():
    question = shortanswer(case_sensitive=True)
    assert grade_response(question, "Cổng dịch vụ công") == 1.0
    assert grade_response(question, "cổng dịch vụ công") == 0.0


def test_shortanswer_composed_and_decomposed_vietnamese_compare_equal():
    decomposed = "Co\u0302\u0309ng di\u0323ch vu\u0323 co\u0302ng"
    assert grade_response(shortanswer(), decomposed) == 1.0


def test_shortanswer_wildcards_and_escaped_asterisk():
    question = QuestionSpec(
        "w",
        "shortanswer",
        accepted_answers=(AcceptedAnswer("a*b*c"), AcceptedAnswer("5\\*3", 0.5)),
    )
    assert grade_shortanswer(question, "abc") == 1.0
    assert grade_shortanswer(question, "a--b--c") == 1.0
    assert grade_shortanswer(question, "ac") == 0.0
    assert grade_shortanswer(question, "5*3") == 0.5
    assert grade_shortanswer(question, "573") == 0.0


@pytest.mark.parametrize("response", ["", "   ", None, 42, ["Cổng dịch vụ công"]])
def test_shortanswer_blank_or_malformed_scores_zero(response):
    assert grade_response(shortanswer(), response) == 0.0


def test_shortanswer_catch_all_wildcard_does_not_credit_blank_answers():
    question = QuestionSpec("c", "shortanswer", accepted_answers=(AcceptedAnswer("*"),))
    assert grade_response(question, "bất kỳ") == 1.0
    assert grade_response(question, "  ") == 0.0


# --- numerical -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        ("3,5", 1.0),
        ("3.5", 1.0),
        (3.5, 1.0),
        (" +3,50 ", 1.0),
        ("3,2", 0.5),
        ("2.5", 0.5),  # 3.0 ± 0.5, boundary included
        ("15", 0.25),
        ("1.000.000", 0.0),
        ("abc", 0.0),
        ("", 0.0),
        (None, 0.0),
        (True, 0.0),
        ("nan", 0.0),
        ("inf", 0.0),
        ("1e999", 0.0),
    ],
)
def test_numerical_answers_tolerances_and_ranges(response, expected):
    assert grade_response(numerical(), response) == expected


def test_numerical_tolerance_survives_binary_rounding():
    question = QuestionSpec("pi", "numerical", numeric_answers=(NumericAnswer(3.1415, 0.0005),))
    assert grade_response(question, "3,141") == 1.0
    assert grade_response(question, "3.142") == 1.0
    assert grade_response(question, "3.1405") == 0.0


def test_numerical_wildcard_answer_matches_any_number():
    question = QuestionSpec(
        "w",
        "numerical",
        numeric_answers=(NumericAnswer(4.0), NumericAnswer(None, fraction=0.1, feedback="Sai")),
    )
    assert grade_response(question, "4") == 1.0
    assert grade_response(question, "-7") == 0.1
    assert grade_response(question, "bốn") == 0.0


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3,5", 3.5),
        ("1.000.000", 1_000_000.0),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1 000,25", 1000.25),
        ("\u22122,5", -2.5),
        ("１２", 12.0),  # full-width digits from some phone keyboards
        ("1e3", 1000.0),
        ("12abc", None),
        ("1,2,3,4" * 20, None),
    ],
)
def test_parse_number_reads_vietnamese_and_english_notation(text, value):
    assert parse_number(text) == value


# --- essay, description ----------------------------------------------------------------


def test_essay_awaits_manual_grading_unless_blank():
    essay = QuestionSpec("e", "essay", 5.0)
    assert grade_response(essay, "Em sẽ bật xác thực hai lớp.") is None
    assert grade_response(essay, "   ") == 0.0
    assert grade_response(essay, None) == 0.0


def test_description_is_never_scored_and_has_no_points():
    description = QuestionSpec("d", "description", points=3.0)
    assert description.points == 0.0
    assert grade_response(description, "anything") == 0.0


# --- spec validation and snapshots -------------------------------------------------------


def all_types():
    return [
        single(codes=("ND.1.1",)),
        multiple(0.5),
        truefalse(),
        ordering(),
        matching(),
        shortanswer(ignore_diacritics=True),
        numerical(),
        QuestionSpec("e", "essay", 2.5, ("ND.2.1", "ND.3.1"), "Gợi ý chấm"),
        QuestionSpec("d", "description"),
    ]


@pytest.mark.parametrize("question", all_types(), ids=lambda q: q.qtype)
def test_snapshot_round_trip_is_exact_through_json(question):
    data = question.to_dict()
    assert question_from_dict(data) == question
    assert question_from_dict(json.loads(json.dumps(data))) == question


def test_snapshot_leaves_out_defaults():
    assert QuestionSpec("e", "essay").to_dict() == {"id": "e", "qtype": "essay", "points": 1.0}


@pytest.mark.parametrize(
    "data",
    [
        {"id": "x", "qtype": "poll"},
        {"id": "x", "qtype": "essay", "colour": "red"},
        {"qtype": "essay"},
        {"id": "x", "qtype": "single", "choices": [{"id": "a", "fraction": 2}]},
        {"id": "x", "qtype": "single", "choices": [{"id": "a", "bogus": 1}]},
        {"id": "x", "qtype": "single", "choices": [{"text": "no id"}]},
        {"id": "x", "qtype": "single", "choices": "ab"},
        {"id": "x", "qtype": "essay", "choices": [{"id": "a"}]},
        {"id": "x", "qtype": "truefalse", "choices": [{"id": "yes"}, {"id": "no"}]},
        {"id": "x", "qtype": "numerical", "numeric_ranges": [{"minimum": 2, "maximum": 1}]},
        {"id": "x", "qtype": "essay", "points": float("nan")},
        {"id": "x", "qtype": "essay", "points": -1},
        {"id": "x", "qtype": "ordering", "items": [{"id": "a"}, {"id": "a"}]},
    ],
)
def test_invalid_snapshots_are_rejected(data):
    with pytest.raises(ValueError):
        question_from_dict(data)


def test_correct_response_for_every_gradable_type_scores_full_marks():
    for question in all_types():
        key = correct_response(question)
        if question.qtype in ("essay", "description"):
            assert key is None
        else:
            assert grade_response(question, key) == 1.0, question.qtype


# --- attempts ------------------------------------------------------------------------------

AREAS = {"ND.1.1": "ND.1", "ND.1.2": "ND.1", "ND.2.1": "ND.2", "ND.3.1": "ND.3"}


def attempt_slots():
    return [
        ("s1", single("q1", 2.0, ("ND.1.1",)), "b"),  # 2 / 2
        ("s2", single("q2", 1.0, ("ND.1.2", "ND.2.1")), "c"),  # 0.5 / 1, split in halves
        ("s3", QuestionSpec("q3", "essay", 3.0, ("ND.3.1",)), "Bài viết"),  # pending
        ("s4", QuestionSpec("q4", "description"), None),
        ("s5", single("q5", 1.0), "a"),  # 0 / 1, untagged
        ("s6", single("q6", 1.0, ("XX.9",)), "b"),  # 1 / 1, unknown area
    ]


def test_score_attempt_totals_and_exact_subscores():
    score = score_attempt(attempt_slots(), AREAS)
    assert score.total_points == Fraction(7, 2)
    assert score.max_points == 8
    assert score.percent == Fraction(350, 8)
    assert score.pending_manual == ("s3",)
    assert not score.is_complete
    assert score.per_slot == {"s1": 1.0, "s2": 0.5, "s3": None, "s5": 0.0, "s6": 1.0}
    assert score.per_competency["ND.1.2"].points == Fraction(1, 4)
    assert score.per_competency["ND.1.2"].max_points == Fraction(1, 2)
    assert score.per_area["ND.1"].points == Fraction(9, 4)
    assert score.per_area["ND.1"].max_points == Fraction(5, 2)
    assert score.per_area["ND.3"].points == 0
    assert score.per_area[UNASSIGNED].max_points == 2  # untagged + unknown area
    assert sum(s.points for s in score.per_area.values()) == score.total_points
    assert sum(s.max_points for s in score.per_area.values()) == score.max_points
    assert sum(s.points for s in score.per_competency.values()) == score.total_points


def test_score_attempt_applies_manual_grades():
    score = score_attempt(attempt_slots(), AREAS, manual_fractions={"s3": 0.5, "s5": 1.0})
    assert score.pending_manual == ()
    assert score.total_points == Fraction(7, 2) + Fraction(3, 2) + 1
    assert score.per_slot["s3"] == 0.5


@pytest.mark.parametrize("manual", [{"s3": 1.5}, {"s3": -0.1}, {"s3": float("nan")}, {"zz": 1.0}])
def test_score_attempt_rejects_bad_manual_grades(manual):
    with pytest.raises(ValueError):
        score_attempt(attempt_slots(), AREAS, manual_fractions=manual)


def test_score_attempt_rejects_duplicate_slots():
    slots = attempt_slots()
    with pytest.raises(ValueError):
        score_attempt([*slots, slots[0]], AREAS)


def test_score_attempt_presents_rounded_floats():
    data = score_attempt(attempt_slots(), AREAS).to_dict()
    assert data["total_points"] == 3.5
    assert data["percent"] == 43.75
    assert data["per_area"]["ND.1"] == {"points": 2.25, "max_points": 2.5, "percent": 90.0}
    json.dumps(data)  # ready for an API response


def test_empty_attempt():
    score = score_attempt([], AREAS)
    assert score.total_points == 0 and score.max_points == 0 and score.percent is None
    decision = pass_decision(score, 70)
    assert not decision.passed
    assert [reason.code for reason in decision.reasons] == ["nothing_to_grade"]


# --- pass decisions ----------------------------------------------------------------------


def graded_attempt(responses):
    questions = [
        single(f"q{i}", 1.0, (code,)) for i, code in enumerate(["ND.1.1"] * 5 + ["ND.2.1"] * 5)
    ]
    return score_attempt(
        [
            (f"s{i}", question, response)
            for i, (question, response) in enumerate(zip(questions, responses, strict=True))
        ],
        AREAS,
    )


def test_pass_decision_passes_at_exactly_the_pass_mark():
    score = graded_attempt(["b"] * 7 + ["a"] * 3)  # 70%: ND.1 100%, ND.2 40%
    decision = pass_decision(score, 70, area_minimum_percent=None)
    assert decision.passed and decision.reasons == ()


def test_pass_decision_fails_an_area_below_its_minimum():
    score = graded_attempt(["b"] * 7 + ["a"] * 3)
    decision = pass_decision(score, 70, area_minimum_percent=50)
    assert not decision.passed
    assert decision.failed_areas == ("ND.2",)
    (reason,) = decision.reasons
    assert reason.code == "area_below_minimum"
    assert reason.params == {"area": "ND.2", "percent": 40.0, "required": 50.0}


def test_pass_decision_per_area_minimum_overrides_the_default():
    score = graded_attempt(["b"] * 7 + ["a"] * 3)
    assert pass_decision(score, 70, 50, area_minimums={"ND.2": 40}).passed
    decision = pass_decision(score, 60, None, area_minimums={"ND.1": 100, "ND.2": 41})
    assert decision.failed_areas == ("ND.2",)


def test_pass_decision_below_pass_mark():
    score = graded_attempt(["b"] * 6 + ["a"] * 4)
    decision = pass_decision(score, 70, 0)
    assert not decision.passed
    assert decision.reasons[0].code == "below_pass_mark"
    assert decision.reasons[0].params == {"percent": 60.0, "required": 70.0}


def test_pass_decision_never_passes_with_pending_essays():
    slots = [
        ("s1", single("q1", 10.0, ("ND.1.1",)), "b"),
        ("s2", QuestionSpec("q2", "essay", 1.0, ("ND.1.1",)), "Bài làm"),
    ]
    score = score_attempt(slots, AREAS)
    decision = pass_decision(score, 50, 50)
    assert not decision.passed
    assert [reason.code for reason in decision.reasons] == ["pending_manual_grading"]
    graded = score_attempt(slots, AREAS, manual_fractions={"s2": 0.0})
    assert pass_decision(graded, 50, 50).passed


@pytest.mark.parametrize(
    ("mark", "minimum"), [(101, None), (-1, None), (50, float("inf")), (True, None)]
)
def test_pass_decision_rejects_impossible_thresholds(mark, minimum):
    with pytest.raises(ValueError):
        pass_decision(graded_attempt(["b"] * 10), mark, minimum)


# --- combining attempts ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "expected"),
    [("highest", 0.9), ("last", 0.6), ("first", 0.4), ("average", (0.4 + 0.9 + 0.6) / 3)],
)
def test_combine_attempts(method, expected):
    assert combine_attempts([0.4, 0.9, None, 0.6], method) == pytest.approx(expected)


def test_combine_attempts_without_grades_and_unknown_method():
    assert combine_attempts([], "highest") is None
    assert combine_attempts([None], "average") is None
    with pytest.raises(ValueError):
        combine_attempts([1.0], "best")
