"""GIFT metadata escapes and HTML in answers: what Moodle reads back from our export,
and what learners see of HTML answers imported from Moodle."""

import html

import pytest

from assessments.formats import ParsedQuestion, export_gift, parse_gift
from assessments.scoring import AcceptedAnswer, Choice, MatchPair, QuestionSpec


def only(text):
    result = parse_gift(text)
    assert result.errors == []
    (question,) = result.questions
    return question


# --- [id:...] and [tag:...] honour "\]" -------------------------------------------------------


def test_escaped_bracket_in_id_and_tags_is_read_as_a_bracket():
    question = only("// [id:i\\]d] [tag:a\\]b] [tag:[x]\nCâu hỏi{T}")
    assert question.idnumber == "i]d"
    assert question.tags == ("a]b", "[x")


def test_brackets_in_id_and_tags_are_escaped_on_export():
    spec = QuestionSpec(
        "", "truefalse", choices=(Choice("true", "True", 1.0), Choice("false", "False"))
    )
    question = ParsedQuestion("Q", "Câu", "plain", spec, tags=("a]b", "c[d]"), idnumber="i]d")
    exported = export_gift([question])
    assert exported.startswith("// [id:i\\]d] [tag:a\\]b] [tag:c[d\\]]\n")
    assert only(exported) == question


def test_a_comment_without_closing_bracket_gives_no_metadata():
    question = only("// [id:abc [tag:x\nCâu hỏi{T}")
    assert question.idnumber == ""
    assert question.tags == ()


# --- HTML in answers and feedback -------------------------------------------------------------


def _choice_question(stem_format, *texts):
    choices = tuple(
        Choice(str(i), text, 1.0 if i == 1 else 0.0, f"phản hồi {text}")
        for i, text in enumerate(texts, start=1)
    )
    return ParsedQuestion(
        "Q", "<p>Chọn</p>", stem_format, QuestionSpec("", "single", choices=choices)
    )


def test_plain_answers_are_escaped_in_an_html_export():
    exported = export_gift([_choice_question("html", "<b>", "&amp;", "a < b & c")])
    assert "=&lt;b&gt;#phản hồi &lt;b&gt;" in exported
    assert "~&amp;amp;#phản hồi &amp;amp;" in exported
    assert "~a &lt; b &amp; c" in exported
    assert "=<b>" not in exported


@pytest.mark.parametrize("stem_format", ["html", "moodle", "plain", "markdown"])
def test_answers_with_markup_characters_survive_export_and_reimport(stem_format):
    question = _choice_question(stem_format, "<b>", "&amp;", "a < b & c", "[html]x")
    assert only(export_gift([question])) == question


def test_html_answers_from_moodle_become_text_learners_can_read():
    question = only(
        "::Q::[html]<p>Chọn</p>{\n"
        "  =<b>Hà Nội</b> # <i>Đúng</i> &amp; đủ\n"
        "  ~Huế&nbsp;cũ<br>mới\n"
        "  ~[plain]<b>literal</b>\n"
        "  ####<p>Xem <a href='x'>bản đồ</a></p>\n"
        "}"
    )
    texts = [(c.text, c.feedback) for c in question.spec.choices]
    assert texts == [
        ("Hà Nội", "Đúng & đủ"),
        ("Huế\xa0cũ\nmới", ""),
        ("<b>literal</b>", ""),
    ]
    assert question.general_feedback == "Xem bản đồ"


def test_moodle_format_answers_are_html_too_but_plain_text_stays():
    question = only("Chọn{=a &lt; b ~x < y ~<em>z</em>}")
    assert [c.text for c in question.spec.choices] == ["a < b", "x < y", "z"]


def test_short_answers_and_matching_answers_are_plain_text_in_moodle():
    short = only("[html]Viết{=<b>#<i>tốt</i>}")
    assert short.spec.accepted_answers == (AcceptedAnswer("<b>", 1.0, "tốt"),)
    matching = only("[html]Ghép{=<b>A</b> -> <x> =B -> y}")
    assert matching.spec.pairs == (MatchPair("1", "A", "<x>"), MatchPair("2", "B", "y"))
    assert only(export_gift([short])) == short
    assert only(export_gift([matching])) == matching


def test_exported_html_answers_read_in_moodle_as_the_same_text():
    # What Moodle shows for an [html] answer is the HTML's text.
    question = _choice_question("html", "<script>", "Tom & Jerry")
    exported = export_gift([question])
    for choice in question.spec.choices:
        assert html.escape(choice.text, quote=False) in exported
