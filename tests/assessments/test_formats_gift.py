"""GIFT import and export, checked against Moodle's own fixtures and generated questions."""

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.formats import GiftExportError, ParsedQuestion, export_gift, parse_gift
from assessments.scoring import (
    AcceptedAnswer,
    Choice,
    MatchPair,
    NumericAnswer,
    NumericRange,
    OrderItem,
    QuestionSpec,
    correct_response,
    grade_response,
)

MOODLE = Path(__file__).resolve().parents[1] / "fixtures" / "moodle"


def moodle_fixture(name):
    """Moodle's fixture bytes, vendored in tests/fixtures/moodle (see its README)."""
    return (MOODLE / name).read_bytes()


def parse_ok(text):
    result = parse_gift(text)
    assert result.errors == []
    return result.questions


def only(text):
    (question,) = parse_ok(text)
    return question


def error_codes(text):
    result = parse_gift(text)
    return [(error.line, error.code) for error in result.errors]


# --- Moodle's fixtures ----------------------------------------------------------------------


def test_moodle_questions_fixture_has_nine_questions():
    questions = parse_ok(moodle_fixture("questions.gift.txt"))
    assert len(questions) == 9
    assert [q.qtype for q in questions] == [
        "essay",
        "matching",
        "single",
        "multiple",
        "numerical",
        "shortanswer",
        "truefalse",
        "truefalse",
        "truefalse",
    ]
    assert [q.name for q in questions][:3] == ["Q8", "Moodle activities", "Q2"]
    assert [q.line for q in questions] == [2, 5, 14, 22, 31, 34, 41, 46, 49]


def test_moodle_questions_fixture_content():
    essay, matching, single, multiple, numerical, short, tf, tf_t, tf_true = parse_ok(
        moodle_fixture("questions.gift.txt")
    )
    assert essay.stem == "How are you?"

    assert matching.stem_format == "html"
    assert matching.stem == "Match the <b>activity</b> to the description."
    assert [(p.left_text.split()[:2], p.right_text) for p in matching.spec.pairs] == [
        (["An", "activity"], "Forum"),
        (["A", "teacher"], "Choice"),
        (["A", "bank"], "Database"),
        (["A", "collection"], "Wiki"),
    ]
    assert matching.spec.extra_rights == ("Chat",)

    assert [(c.text, c.fraction, c.feedback) for c in single.spec.choices] == [
        ("yellow", 1.0, "right; good!"),
        ("red", 0.0, "wrong, it's yellow"),  # [html] marker dropped from feedback
        ("blue", 0.0, "wrong, it's yellow"),
    ]
    assert [c.fraction for c in multiple.spec.choices] == [0.5, -1.0, 0.5, -1.0]

    assert numerical.spec.numeric_answers == (
        NumericAnswer(3.0, 2.0, 1.0, ""),
        NumericAnswer(None, 0.0, 0.0, "Completely wrong"),
    )
    # The stray '";' after the braces makes it a missing-word question, as in Moodle.
    assert numerical.stem == 'What is a number from 1 to 5? _____";'

    assert [(a.text, a.fraction) for a in short.spec.accepted_answers] == [
        ("Frog", 1.0),
        ("Cat", 0.5),
        ("*", 0.0),
    ]

    assert tf.spec.choices == (
        Choice("true", "True", 0.0, "42 is the Ultimate Answer."),
        Choice("false", "False", 1.0, "You gave the right answer."),
    )
    assert tf.general_feedback == "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    assert correct_response(tf_t.spec) == correct_response(tf_true.spec) == "true"


def test_moodle_fixture_questions_grade_as_expected():
    questions = {q.name: q.spec for q in parse_ok(moodle_fixture("questions.gift.txt"))}
    assert grade_response(questions["Q5"], "4,5") == 1.0
    assert grade_response(questions["Q5"], "6") == 0.0
    assert grade_response(questions["Shortanswer"], "frog") == 1.0
    assert grade_response(questions["Shortanswer"], "cat") == 0.5
    assert grade_response(questions["Shortanswer"], "dog") == 0.0
    assert grade_response(questions["colours"], {"1", "3"}) == 1.0
    assert grade_response(questions["colours"], {"1", "2", "3"}) == 0.0
    assert grade_response(questions["Q8"], "Fine, thanks") is None


def test_moodle_category_fixture_has_four_questions_in_the_category():
    questions = parse_ok(moodle_fixture("questions_in_category.gift.txt"))
    assert len(questions) == 4
    assert {q.category for q in questions} == {("Default for New Features",)}
    assert [q.qtype for q in questions] == ["matching", "single", "shortanswer", "truefalse"]
    matching, greeting, user, acronym = questions
    assert len(matching.spec.pairs) == 4
    assert greeting.stem.startswith('<a href="http://demo.moodle.net/file.php/5/media/')
    assert "Listen to this greeting:</a>" in greeting.stem
    assert greeting.spec.choices[correct_response_index(greeting)].text == "French"
    assert user.spec.accepted_answers == (AcceptedAnswer("Moodler", 1.0, ""),)
    assert acronym.stem.endswith("Dynamic Learning Environment</span>.")
    assert correct_response(acronym.spec) == "true"


def correct_response_index(question):
    key = correct_response(question.spec)
    return [c.id for c in question.spec.choices].index(key)


def test_moodle_examples_parse_without_errors():
    questions = parse_ok(moodle_fixture("examples.txt"))
    assert len(questions) == 43
    by_line = {q.line: q for q in questions}
    assert by_line[10].stem == "Grant is _____ in Grant's tomb."
    assert by_line[74].spec.numeric_ranges == (NumericRange(3.141, 3.142, 1.0, ""),)
    assert [(a.value, a.tolerance, a.fraction) for a in by_line[76].spec.numeric_answers] == [
        (1822.0, 0.0, 1.0),
        (1822.0, 2.0, 0.5),
    ]
    control = by_line[148].spec.choices
    assert [c.text for c in control] == ["~", "=", "#", "{", "}", "\\"]
    assert control[-1].fraction == 1.0
    assert by_line[108].stem_format == "markdown"
    assert by_line[130].qtype == "multiple"


@pytest.mark.parametrize(
    "name", ["questions.gift.txt", "questions_in_category.gift.txt", "examples.txt"]
)
def test_moodle_fixtures_survive_export_and_reimport(name):
    questions = parse_ok(moodle_fixture(name))
    assert parse_ok(export_gift(questions)) == questions


# --- syntax ------------------------------------------------------------------------------------


def test_single_choice_with_names_feedback_and_general_feedback():
    question = only(
        "::Mật khẩu::Mật khẩu nào mạnh nhất?{\n"
        "  =Xk9!pq2 # Chính xác\n"
        "  ~123456 # Quá dễ đoán\n"
        "  ~%50%matkhau2025\n"
        "  ####Dùng mật khẩu dài, trộn chữ và số.\n"
        "}"
    )
    assert question.name == "Mật khẩu"
    assert question.stem == "Mật khẩu nào mạnh nhất?"
    assert question.stem_format == "moodle"
    assert question.qtype == "single"
    assert question.spec.choices == (
        Choice("1", "Xk9!pq2", 1.0, "Chính xác"),
        Choice("2", "123456", 0.0, "Quá dễ đoán"),
        Choice("3", "matkhau2025", 0.5, ""),
    )
    assert question.general_feedback == "Dùng mật khẩu dài, trộn chữ và số."


def test_unnamed_question_is_named_after_its_text():
    question = only("[html]<p>Thủ đô của <b>Việt Nam</b> là gì?</p>{=Hà Nội}")
    assert question.name == "Thủ đô của Việt Nam là gì?"
    assert question.stem == "<p>Thủ đô của <b>Việt Nam</b> là gì?</p>"


def test_multiple_response_with_weights():
    question = only("Chọn hai ứng dụng của nhà nước{~%50%VNeID ~%50%eTax ~%-100%Lừa đảo}")
    assert question.qtype == "multiple"
    assert [c.fraction for c in question.spec.choices] == [0.5, 0.5, -1.0]


@pytest.mark.parametrize(
    ("body", "key", "wrong", "right"),
    [
        ("{T}", "true", "", ""),
        ("{TRUE}", "true", "", ""),
        ("{F}", "false", "", ""),
        ("{false#Sai rồi#Đúng vậy}", "false", "Sai rồi", "Đúng vậy"),
        ("{TRUE#Sai rồi}", "true", "Sai rồi", ""),
    ],
)
def test_true_false(body, key, wrong, right):
    question = only("Mã OTP có thể chia sẻ cho người thân." + body)
    assert question.qtype == "truefalse"
    choices = {c.id: c for c in question.spec.choices}
    other = "false" if key == "true" else "true"
    assert choices[key].fraction == 1.0 and choices[other].fraction == 0.0
    assert choices[key].feedback == right
    assert choices[other].feedback == wrong


def test_short_answer():
    question = only("Ứng dụng định danh điện tử là gì?{=VNeID#Đúng =%50%VN eID}")
    assert question.qtype == "shortanswer"
    assert question.spec.accepted_answers == (
        AcceptedAnswer("VNeID", 1.0, "Đúng"),
        AcceptedAnswer("VN eID", 0.5, ""),
    )


@pytest.mark.parametrize(
    ("text", "answers", "ranges"),
    [
        ("{#1822}", [NumericAnswer(1822.0)], []),
        ("{#3.1415:0.0005}", [NumericAnswer(3.1415, 0.0005)], []),
        ("{#-2..2.5#Gần đúng}", [], [NumericRange(-2.0, 2.5, 1.0, "Gần đúng")]),
        (
            "{#=1822:0#Đúng =%50%1822:2#Gần}",
            [NumericAnswer(1822.0, 0.0, 1.0, "Đúng"), NumericAnswer(1822.0, 2.0, 0.5, "Gần")],
            [],
        ),
        (
            "{#\n  =5\n  =%25%1..9\n  ~#Sai}",
            [NumericAnswer(5.0), NumericAnswer(None, 0.0, 0.0, "Sai")],
            [NumericRange(1.0, 9.0, 0.25)],
        ),
    ],
)
def test_numerical(text, answers, ranges):
    question = only("Bao nhiêu?" + text)
    assert question.qtype == "numerical"
    assert list(question.spec.numeric_answers) == answers
    assert list(question.spec.numeric_ranges) == ranges


def test_matching_with_distractor():
    question = only("Nối dịch vụ với ứng dụng.{\n =Định danh -> VNeID\n =Thuế->eTax\n = -> Zalo\n}")
    assert question.spec.pairs == (
        MatchPair("1", "Định danh", "VNeID"),
        MatchPair("2", "Thuế", "eTax"),
    )
    assert question.spec.extra_rights == ("Zalo",)


def test_missing_word_inserts_a_blank():
    question = only("Cổng {~Facebook =Dịch vụ công ~Zalo} quốc gia.")
    assert question.stem == "Cổng _____ quốc gia."
    assert question.qtype == "single"


def test_essay_and_description():
    essay, description = parse_ok(
        "Trình bày cách nhận biết tin nhắn lừa đảo.{####Nêu ít nhất 3 dấu hiệu.}\n\n"
        "::Giới thiệu::Phần sau nói về an toàn thông tin."
    )
    assert essay.qtype == "essay"
    assert essay.general_feedback == "Nêu ít nhất 3 dấu hiệu."
    assert description.qtype == "description"
    assert description.name == "Giới thiệu"
    assert description.spec.points == 0.0


@pytest.mark.parametrize(
    ("marker", "expected"),
    [
        ("[html]", "html"),
        ("[markdown]", "markdown"),
        ("[moodle]", "moodle"),
        ("[plain]", "plain"),
        ("", "moodle"),
        ("[bold]", "moodle"),
    ],
)
def test_format_markers(marker, expected):
    question = only(f"::Q::{marker}Câu hỏi{{T}}")
    assert question.stem_format == expected
    assert question.stem == ("[bold]Câu hỏi" if marker == "[bold]" else "Câu hỏi")


def test_escaped_characters_and_newlines():
    question = only(
        "::Tên\\: có dấu hai chấm::Tính 1 \\= 1? \\{ngoặc\\} \\~ \\# a\\\\b\\nDòng hai"
        "{=đúng\\#1 ~sai\\=2 # phản hồi \\~}"
    )
    assert question.name == "Tên: có dấu hai chấm"
    assert question.stem == "Tính 1 = 1? {ngoặc} ~ # a\\b\nDòng hai"
    assert [(c.text, c.feedback) for c in question.spec.choices] == [
        ("đúng#1", ""),
        ("sai=2", "phản hồi ~"),
    ]


def test_comments_tags_and_ids_apply_to_the_next_question_only():
    first, second = parse_ok(
        "// Câu hỏi về lừa đảo\n"
        "// [id:LD-01] [tag:lua-dao] [tag:an-toan]\n"
        "Tin nhắn trúng thưởng là lừa đảo.{T}\n"
        "\n"
        "// [tag:mot-minh]\n"
        "\n"
        "Câu thứ hai{F}"
    )
    assert first.idnumber == "LD-01"
    assert first.tags == ("lua-dao", "an-toan")
    assert second.tags == ("mot-minh",)
    assert second.idnumber == ""
    assert second.line == 7


@pytest.mark.parametrize(
    ("line", "path"),
    [
        ("$CATEGORY: $course$/top/Kỹ năng số/An toàn", ("Kỹ năng số", "An toàn")),
        ("$CATEGORY: $system$/Kỹ năng số", ("Kỹ năng số",)),
        ("$CATEGORY: $module$/top/A", ("A",)),
        ("$CATEGORY: top/A/B", ("A", "B")),
        ("$CATEGORY: A//B/C", ("A/B", "C")),
        ("$CATEGORY:   Một  /  Hai  ", ("Một", "Hai")),
        ("$CATEGORY: $course$/top", ()),
    ],
)
def test_category_paths(line, path):
    questions = parse_ok(f"Trước{{T}}\n\n{line}\n\nSau{{T}}\n\nNữa{{F}}")
    assert [question.category for question in questions] == [(), path, path]


def test_category_line_directly_above_a_question():
    question = only("$CATEGORY: $course$/top/Mạng\n::Q::Wi-Fi công cộng luôn an toàn.{F}")
    assert question.category == ("Mạng",)
    assert question.line == 2


def test_bom_crlf_and_bytes_are_accepted():
    text = "\ufeff// bình luận\r\n::Q::Câu hỏi tiếng Việt?{=Đúng ~Sai}\r\n\r\nCâu hai{T}\r\n"
    questions = parse_ok(text.encode("utf-8"))
    assert [q.line for q in questions] == [2, 4]
    assert questions[0].spec.choices[0].text == "Đúng"
    assert parse_ok(text) == questions


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", [(1, "no_questions_found")]),
        ("// chỉ có bình luận\n\n   \n", [(1, "no_questions_found")]),
        ("Câu 1{T}\n\nCâu 2{=a ~b", [(3, "unbalanced_braces")]),
        ("Câu 1}{T}", [(1, "unbalanced_braces")]),
        ("Câu 1 {T} thêm }", [(1, "unbalanced_braces")]),
        ("Câu 1 {={a} ~b}", [(1, "unbalanced_braces")]),
        ("Câu 1 } không mở", [(1, "unbalanced_braces")]),
        ("Câu 1 {T} rồi {F}", [(1, "multiple_answer_blocks")]),
        ("\n\n::Tên chưa đóng{T}", [(3, "unterminated_name")]),
        ("Câu hỏi{~a ~b ~c}", [(1, "no_correct_answer")]),
        ("Câu hỏi{=%50%a ~b}", [(1, "no_correct_answer")]),
        ("Câu hỏi{=%50%a =%25%b}", [(1, "no_correct_answer")]),
        ("Câu hỏi{~%50%a ~%20%b}", [(1, "weights_do_not_sum")]),
        ("Câu hỏi{=a ~%abc%b}", [(1, "invalid_weight")]),
        ("Câu hỏi{=a ~%150%b}", [(1, "invalid_weight")]),
        ("Câu hỏi{=a ~%50b}", [(1, "invalid_weight")]),
        ("Câu hỏi{=a}\n\nCâu{lung tung}", [(3, "unknown_syntax")]),
        ("Câu hỏi{xyz =a ~b}", [(1, "unknown_syntax")]),
        ("Câu hỏi{=a ~}", [(1, "empty_answer")]),
        ("Câu hỏi{~%100%a}", [(1, "too_few_choices")]),
        ("Câu hỏi{#abc}", [(1, "invalid_number")]),
        ("Câu hỏi{#1:-2}", [(1, "invalid_number")]),
        ("Câu hỏi{#1e999}", [(1, "invalid_number")]),
        ("Câu hỏi{#5..1}", [(1, "invalid_range")]),
        ("Câu hỏi{#3 ~sai}", [(1, "unknown_syntax")]),
        ("Câu hỏi{=a -> b}", [(1, "too_few_pairs")]),
        ("Câu hỏi{=a -> b =c -> }", [(1, "matching_pair_syntax")]),
        ("Câu hỏi{=a -> b =c}", [(1, "matching_pair_syntax")]),
        ("{T}", [(1, "empty_stem")]),
        ("::Tên::{T}", [(1, "empty_stem")]),
    ],
)
def test_errors_name_the_line_where_the_question_starts(text, expected):
    assert error_codes(text) == expected


def test_good_questions_survive_next_to_bad_ones():
    result = parse_gift("Tốt{T}\n\nXấu{=a ~b\n\nCũng tốt{=x}")
    assert [q.stem for q in result.questions] == ["Tốt", "Cũng tốt"]
    (error,) = result.errors
    assert (error.line, error.code) == (3, "unbalanced_braces")
    assert error.message.startswith("unbalanced braces")
    assert error.params == {}


def test_error_params_carry_the_offending_text():
    (error,) = parse_gift("Câu hỏi{=a ~%abc%b}").errors
    assert error.params == {"weight": "abc"}
    assert "'abc'" in error.message


def test_bytes_that_are_not_utf8_give_one_error():
    result = parse_gift("Đúng hay sai?{T}".encode("cp1258"))
    assert result.questions == []
    assert [(e.line, e.code, e.message) for e in result.errors] == [
        (1, "file_not_utf8", "file is not UTF-8")
    ]


def test_random_bytes_are_rejected_without_raising():
    noise = random.Random(7).randbytes(2_000_000)
    result = parse_gift(noise)
    assert result.questions == []
    assert result.errors


def test_two_megabytes_of_braces_finish_with_errors_and_no_questions():
    rng = random.Random(11)
    garbage = "".join(rng.choices("{{}} \n\n", k=2_000_000))
    result = parse_gift(garbage.encode())
    assert result.questions == []
    assert result.errors
    assert {e.code for e in result.errors} <= {
        "unbalanced_braces",
        "multiple_answer_blocks",
        "empty_stem",
        "too_many_errors",
    }


@pytest.mark.parametrize(
    "garbage",
    [
        "// " + "[tag:" * 400_000,
        "<" * 2_000_000 + "{T}",
        "::" * 1_000_000,
        "\\" * 2_000_001,
        "Q{" + "~%" * 1_000_000 + "}",
        "Q{#" + "=" * 2_000_000 + "}",
        "Q{" + "=a->" * 500_000 + "}",
        "Q{" + "1" * 2_000_000 + "}",
        "Q{~%" + "9" * 2_000_000 + "%a =b}",
    ],
    ids=[
        "tags",
        "angles",
        "colons",
        "backslashes",
        "weights",
        "equals",
        "arrows",
        "digits",
        "weight",
    ],
)
def test_pathological_input_is_parsed_in_linear_time(garbage):
    # No timing assertion: a quadratic parser would not finish within the test run.
    result = parse_gift(garbage)
    assert len(result.questions) + len(result.errors) >= 1


# --- export -------------------------------------------------------------------------------------


def test_export_writes_names_escapes_categories_and_metadata():
    question = only("// [id:A1] [tag:x]\n::Tên: một::Chọn {=a\\=b#ok ~%-50%c}")
    exported = export_gift([question])
    assert exported == (
        "// [id:A1] [tag:x]\n::Tên\\: một::[moodle]Chọn{\n\t=a\\=b#ok\n\t~%-50%c\n}\n"
    )
    nested = ParsedQuestion("N", "Câu", "plain", question.spec, category=("top", "A/B"))
    assert export_gift([nested]).startswith("$CATEGORY: $course$/top/top/A//B\n\n::N::[plain]Câu{")
    assert parse_ok(export_gift([nested])) == [nested]


def test_export_refuses_ordering_questions():
    spec = QuestionSpec("o", "ordering", items=(OrderItem("1"), OrderItem("2")))
    with pytest.raises(GiftExportError) as raised:
        export_gift([ParsedQuestion("Thứ tự", "Sắp xếp", "plain", spec)])
    assert raised.value.code == "unsupported_qtype"
    assert raised.value.params == {"name": "Thứ tự", "qtype": "ordering"}


def test_export_of_nothing_is_empty():
    assert export_gift([]) == ""


# --- round trip over generated questions ------------------------------------------------------

VIETNAMESE = "aăâđêôơưàáảãạằắầấệềếỳýĐƯƠ"
# Everything GIFT must escape or treat specially, except ">" ("->" cannot be escaped).
SPECIALS = "~=#{}:\\%[]*_/-.\n\t<&;"


def canonical(text):
    return text == text.strip() and bool(text)


texts = st.text(alphabet=VIETNAMESE + "AZaz09 " + SPECIALS, min_size=1, max_size=15).filter(
    canonical
)
optional_texts = st.just("") | texts
one_line = st.text(alphabet=VIETNAMESE + "Az09_-.:", min_size=1, max_size=8)
# Moodle escapes "]" in [id:...] and [tag:...]; a value ending in "\" stays ambiguous.
metadata = st.text(alphabet=VIETNAMESE + "Az09_-.:[]\\", min_size=1, max_size=8).filter(
    lambda value: value == value.strip() and not value.endswith("\\")
)
names = st.lists(one_line, min_size=1, max_size=3).map(" ".join)
markers = st.sampled_from(["", "[html]", "[plain]", "[moodle]", "[markdown]"])
marked_texts = st.tuples(markers, texts).map("".join)
fractions = st.sampled_from([0.0, 0.1, 0.2, 0.25, 1 / 3, 0.5, 0.29, 0.7, 1e-05])
signed = fractions | fractions.map(lambda f: -f) | st.just(-1.0)
numbers = st.floats(allow_nan=False, allow_infinity=False, width=64)
non_negative = st.floats(min_value=0, allow_infinity=False)
segments = st.text(alphabet=VIETNAMESE + "Az09 _-.:", min_size=1, max_size=8).filter(canonical)


@st.composite
def choice_specs(draw):
    if draw(st.booleans()):
        others = draw(st.lists(signed, min_size=1, max_size=4))
        values = draw(st.permutations([1.0, *others]))
        qtype = "single"
    else:
        weights = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
        values = [w / sum(weights) for w in weights]
        values += draw(st.lists(signed.filter(lambda f: f <= 0), max_size=3))
        values = draw(st.permutations(values))
        qtype = "multiple"
        if len(values) < 2:
            values.append(0.0)
    choices = tuple(
        Choice(str(i), draw(marked_texts), value, draw(optional_texts))
        for i, value in enumerate(values, start=1)
    )
    return {"qtype": qtype, "choices": choices}


@st.composite
def truefalse_specs(draw):
    key = draw(st.booleans())
    feedback = draw(optional_texts), draw(optional_texts)
    return {
        "qtype": "truefalse",
        "choices": (
            Choice("true", "True", float(key), feedback[0]),
            Choice("false", "False", float(not key), feedback[1]),
        ),
    }


@st.composite
def matching_specs(draw):
    lefts = draw(st.lists(marked_texts, min_size=2, max_size=4))
    pairs = tuple(MatchPair(str(i), left, draw(texts)) for i, left in enumerate(lefts, start=1))
    return {
        "qtype": "matching",
        "pairs": pairs,
        "extra_rights": tuple(draw(st.lists(texts, max_size=2))),
    }


@st.composite
def shortanswer_specs(draw):
    others = draw(st.lists(st.tuples(marked_texts, fractions | st.just(1.0)), max_size=3))
    entries = draw(st.permutations([(draw(marked_texts), 1.0), *others]))
    answers = tuple(AcceptedAnswer(text, f, draw(optional_texts)) for text, f in entries)
    return {"qtype": "shortanswer", "accepted_answers": answers}


@st.composite
def numerical_specs(draw):
    def answer():
        value = draw(st.none() | numbers)
        tolerance = 0.0 if value is None else draw(non_negative)
        return NumericAnswer(value, tolerance, draw(fractions | st.just(1.0)), draw(optional_texts))

    def numeric_range():
        low, high = sorted(draw(st.tuples(numbers, numbers)))
        return NumericRange(low, high, draw(fractions | st.just(1.0)), draw(optional_texts))

    answers = [answer() for _ in range(draw(st.integers(0, 3)))]
    ranges = [numeric_range() for _ in range(draw(st.integers(0, 2)))]
    keyed = draw(st.sampled_from(["answer", "range"]))
    if keyed == "answer":
        answers.insert(0, NumericAnswer(draw(numbers), draw(non_negative), 1.0))
    else:
        ranges.insert(0, NumericRange(*sorted(draw(st.tuples(numbers, numbers)))))
    # The importer puts zero-credit "any other answer" entries (~#...) last.
    answers.sort(key=lambda a: a.value is None and a.fraction == 0.0)
    return {
        "qtype": "numerical",
        "numeric_answers": tuple(answers),
        "numeric_ranges": tuple(ranges),
    }


answer_specs = st.one_of(
    choice_specs(),
    truefalse_specs(),
    matching_specs(),
    shortanswer_specs(),
    numerical_specs(),
    st.just({"qtype": "essay"}),
)


@st.composite
def parsed_questions(draw):
    if draw(st.integers(0, 9)) == 0:
        spec = QuestionSpec("", "description")
    else:
        spec = QuestionSpec("", general_feedback=draw(optional_texts), **draw(answer_specs))
    tags = draw(st.lists(metadata, max_size=3, unique=True))
    return ParsedQuestion(
        name=draw(names),
        stem=draw(marked_texts),
        stem_format=draw(st.sampled_from(["moodle", "html", "markdown", "plain"])),
        spec=spec,
        category=tuple(draw(st.lists(segments, max_size=3))),
        tags=tuple(tags),
        idnumber=draw(st.just("") | metadata),
    )


@settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(parsed_questions(), min_size=1, max_size=5))
def test_export_then_import_gives_equal_questions(questions):
    exported = export_gift(questions)
    result = parse_gift(exported)
    assert result.errors == [], exported
    assert result.questions == questions
    assert export_gift(result.questions) == exported


GIFT_PIECES = [
    "::",
    "{",
    "}",
    "~",
    "=",
    "#",
    "####",
    "->",
    "%50%",
    "%-100%",
    "[html]",
    "\\",
    "\\n",
    "\\:",
    "\n\n",
    "\n",
    "// [tag:x]",
    "$CATEGORY: a/b\n",
    "TRUE",
    "F",
    "1..2",
    ":",
    "3.5",
    "*",
]
gift_like = st.lists(
    st.sampled_from(GIFT_PIECES) | st.text(alphabet="aTđ01 .:-~=#{}\\%[]*>/\n\t", max_size=5),
    max_size=40,
).map("".join)


@settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(gift_like)
def test_whatever_the_importer_accepts_survives_export_and_reimport(text):
    questions = parse_gift(text).questions
    assert parse_gift(export_gift(questions)).questions == questions


def test_errors_are_capped_so_garbage_fails_fast():
    from assessments.formats.model import MAX_ERRORS

    garbage = "{\n\n" * 100_000
    result = parse_gift(garbage)
    assert len(result.errors) == MAX_ERRORS + 1
    assert result.errors[-1].code == "too_many_errors"
    assert result.errors[-1].message == f"too many errors: stopped reading after {MAX_ERRORS}"
