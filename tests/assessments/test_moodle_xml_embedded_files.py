"""Moodle XML files as Moodle's own multichoice.xml and truefalse.xml fixtures
are built (qformat_xml tests): question text, general feedback and answer
feedback carrying embedded files (``<file encoding="base64">`` with
``@@PLUGINFILE@@`` references), Moodle's grade percentages, feedback per answer,
the combined feedback and numbering fields. Our own content in Moodle's shape
(the upstream files are not vendored: they are mostly base64 images).

Files are not imported, so no stem may keep a reference to one: an image
becomes its description, a link to a sound its text."""

import pytest

from assessments.actions.imports import import_questions
from assessments.formats import export_moodle_xml, parse_moodle_xml
from assessments.models import Question

PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="

TRUEFALSE = f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 0  -->
  <question type="category">
    <category>
        <text>$course$/Mặc định cho lớp thử/Đúng sai</text>
    </category>
  </question>
<!-- question: 2284  -->
  <question type="truefalse">
    <name>
      <text>Mật khẩu (Sai)</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Ảnh <img src="@@PLUGINFILE@@/khoa.png" alt="Ổ khóa   mở" width="48" height="48" /> cho thấy: có thể đọc <span style="font-style: italic;">mật khẩu</span> cho người gọi tự xưng nhân viên ngân hàng.</p>]]></text>
<file name="khoa.png" encoding="base64">{PIXEL}</file>    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[<p><img src="@@PLUGINFILE@@/info.png" alt="Thông tin" width="34" height="49" />Xem thêm <a title="Cẩm nang" href="https://example.vn/cam-nang">cẩm nang an toàn</a>.</p>]]></text>
<file name="info.png" encoding="base64">{PIXEL}</file>    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>1.0000000</penalty>
    <hidden>0</hidden>
    <answer fraction="0" format="moodle_auto_format">
      <text>true</text>
      <feedback format="html">
        <text><![CDATA[<p><img src="@@PLUGINFILE@@/xuong.png" alt="Sai" width="24" height="24" /> Chưa đúng.</p>]]></text>
<file name="xuong.png" encoding="base64">{PIXEL}</file>      </feedback>
    </answer>
    <answer fraction="100" format="moodle_auto_format">
      <text>false</text>
      <feedback format="html">
        <text><![CDATA[<p><img src="@@PLUGINFILE@@/len.png" alt="Đúng" width="24" height="24" /> Chính xác.</p>]]></text>
<file name="len.png" encoding="base64">{PIXEL}</file>      </feedback>
    </answer>
  </question>
</quiz>
""".encode()

MULTICHOICE = f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category>
        <text>$course$/Mặc định cho lớp thử/Nhiều lựa chọn</text>
    </category>
  </question>
  <question type="multichoice">
    <name>
      <text>Lời chào</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p><a href="@@PLUGINFILE@@/xin-chao.mp3">Nghe lời chào này:</a><br /><br />Đây là tiếng nói nào?</p>]]></text>
<file name="xin-chao.mp3" encoding="base64">SUQzAwAAAAAAEFRDT04AAAAGAAAAVm9jYWw=</file>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[<p>"Xin chào" là lời chào tiếng Việt.</p>]]></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <single>true</single>
    <shuffleanswers>true</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <correctfeedback format="html"><text><![CDATA[<p>Câu trả lời đúng.</p>]]></text></correctfeedback>
    <partiallycorrectfeedback format="html"><text><![CDATA[<p>Đúng một phần.</p>]]></text></partiallycorrectfeedback>
    <incorrectfeedback format="html"><text><![CDATA[<p>Chưa đúng.</p>]]></text></incorrectfeedback>
    <shownumcorrect/>
    <answer fraction="100" format="html">
      <text><![CDATA[<p>Tiếng Việt</p>]]></text>
      <feedback format="html"><text><![CDATA[<p>Đúng, "xin chào".</p>]]></text></feedback>
    </answer>
    <answer fraction="0" format="html">
      <text><![CDATA[<p>Tiếng Anh</p>]]></text>
      <feedback format="html"><text><![CDATA[<p>Tiếng Anh nói "hello".</p>]]></text></feedback>
    </answer>
    <answer fraction="0" format="html">
      <text><![CDATA[<p>Tiếng Pháp</p>]]></text>
      <feedback format="html"><text><![CDATA[<p>Tiếng Pháp nói "bonjour".</p>]]></text></feedback>
    </answer>
  </question>
  <question type="multichoice">
    <name>
      <text>Dấu hiệu lừa đảo</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p><img src="@@PLUGINFILE@@/tin-nhan.png" alt="Tin nhắn báo trúng thưởng" /></p><p>Những dấu hiệu nào cho thấy tin nhắn là lừa đảo?</p>]]></text>
<file name="tin-nhan.png" encoding="base64">{PIXEL}</file>
    </questiontext>
    <defaultgrade>2.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <single>false</single>
    <shuffleanswers>1</shuffleanswers>
    <answernumbering>123</answernumbering>
    <answer fraction="50" format="html"><text>Đòi mã OTP</text></answer>
    <answer fraction="50" format="html"><text>Đường link lạ</text></answer>
    <answer fraction="-100" format="html"><text>Ghi rõ tên người gửi quen</text></answer>
    <answer fraction="-100" format="html"><text>Không có gì lạ</text></answer>
  </question>
</quiz>
""".encode()


def parse_ok(data):
    result = parse_moodle_xml(data)
    assert result.errors == []
    return result.questions


def test_the_truefalse_file_imports_its_question():
    (question,) = parse_ok(TRUEFALSE)
    assert question.qtype == "truefalse"
    assert question.name == "Mật khẩu (Sai)"
    assert question.category == ("Mặc định cho lớp thử", "Đúng sai")
    assert question.stem_format == "html"
    assert "@@PLUGINFILE@@" not in question.stem and "<img" not in question.stem
    assert "[Ổ khóa mở]" in question.stem  # the image's description instead
    assert "<span" in question.stem  # the rest of the markup stays
    assert question.spec.points == 1.0
    assert [(c.id, c.fraction, c.feedback) for c in question.spec.choices] == [
        ("true", 0.0, "Chưa đúng."),
        ("false", 1.0, "Chính xác."),
    ]
    assert question.spec.general_feedback == "Xem thêm cẩm nang an toàn."
    assert question.line == 10


def test_the_multichoice_file_imports_single_and_multiple_response():
    greeting, signs = parse_ok(MULTICHOICE)
    assert (greeting.qtype, signs.qtype) == ("single", "multiple")
    assert greeting.category == signs.category == ("Mặc định cho lớp thử", "Nhiều lựa chọn")
    assert "@@PLUGINFILE@@" not in greeting.stem and "<a" not in greeting.stem
    assert "Nghe lời chào này:" in greeting.stem
    assert [(c.text, c.fraction) for c in greeting.spec.choices] == [
        ("Tiếng Việt", 1.0),
        ("Tiếng Anh", 0.0),
        ("Tiếng Pháp", 0.0),
    ]
    assert greeting.spec.choices[1].feedback == 'Tiếng Anh nói "hello".'
    assert greeting.spec.general_feedback == '"Xin chào" là lời chào tiếng Việt.'
    assert "[Tin nhắn báo trúng thưởng]" in signs.stem
    assert signs.spec.points == 2.0
    assert [c.fraction for c in signs.spec.choices] == [0.5, 0.5, -1.0, -1.0]


@pytest.mark.parametrize("data", [TRUEFALSE, MULTICHOICE], ids=["truefalse", "multichoice"])
def test_they_survive_export_and_reimport(data):
    questions = parse_ok(data)
    assert parse_ok(export_moodle_xml(questions)) == questions


@pytest.mark.django_db
def test_importing_the_files_stores_the_questions(framework):
    for data in (TRUEFALSE, MULTICHOICE):
        report = import_questions("xml", data, publish=True)
        assert report.errors == []
    stored = {q.name: q for q in Question.objects.select_related("current_version")}
    assert set(stored) == {"Mật khẩu (Sai)", "Lời chào", "Dấu hiệu lừa đảo"}
    for question in stored.values():
        assert "@@PLUGINFILE@@" not in question.current_version.stem
    assert stored["Mật khẩu (Sai)"].qtype == "truefalse"
    assert stored["Dấu hiệu lừa đảo"].qtype == "multiple"
    assert "[Tin nhắn báo trúng thưởng]" in stored["Dấu hiệu lừa đảo"].current_version.stem
