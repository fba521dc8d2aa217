"""import_questions / export_questions commands, against Moodle's own fixtures too."""

import io

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Question, QuestionCategory

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def last_line(text):
    return text.strip().splitlines()[-1]


def test_moodle_gift_fixture_imports_nine_questions(moodle_dir, framework):
    out, _ = run("import_questions", str(moodle_dir / "questions.gift.txt"), "--format", "gift")
    assert last_line(out) == "imported 9 questions"
    assert Question.objects.count() == 9
    assert Question.objects.filter(qtype="essay").count() == 1
    assert all(q.current_version_id for q in Question.objects.all())


def test_moodle_gift_category_fixture(moodle_dir, framework):
    path = moodle_dir / "questions_in_category.gift.txt"
    out, _ = run("import_questions", str(path), "--format", "gift")
    assert last_line(out) == "imported 4 questions"
    category = QuestionCategory.objects.get(path="Default for New Features")
    assert category.questions.count() == 4


def test_category_option_nests_file_categories(moodle_dir, framework):
    path = moodle_dir / "questions_in_category.gift.txt"
    run("import_questions", str(path), "--format", "gift", "--category", "Moodle/Mẫu")
    assert QuestionCategory.objects.get(path="Moodle/Mẫu/Default for New Features")


def test_moodle_aiken_fixture(moodle_dir, framework):
    out, _ = run("import_questions", str(moodle_dir / "questions.aiken.txt"), "--format", "aiken")
    assert last_line(out) == "imported 2 questions"
    assert set(Question.objects.values_list("qtype", flat=True)) == {"single"}


def test_aiken_errors_import_nothing_by_default(moodle_dir, framework):
    with pytest.raises(CommandError, match="nothing imported"):
        run("import_questions", str(moodle_dir / "aiken_errors.txt"), "--format", "aiken")
    assert Question.objects.count() == 0


def test_aiken_errors_with_skip_invalid_imports_the_three_good(moodle_dir, framework):
    out, err = run(
        "import_questions",
        str(moodle_dir / "aiken_errors.txt"),
        "--format",
        "aiken",
        "--skip-invalid",
    )
    assert last_line(out) == "imported 3 questions"
    assert Question.objects.count() == 3
    # every error names its line
    assert err.strip()
    for line in err.strip().splitlines():
        assert line.split(":")[1].strip().isdigit()


def test_dry_run_writes_nothing(moodle_dir, framework):
    out, _ = run(
        "import_questions", str(moodle_dir / "questions.gift.txt"), "--format", "gift", "--dry-run"
    )
    assert last_line(out) == "would have imported 9 questions"
    assert Question.objects.count() == 0


def test_invalid_gift_lists_every_error_and_imports_nothing(tmp_path, framework):
    path = tmp_path / "bad.gift"
    path.write_text(
        "::ok::Câu hỏi tốt {=Đúng ~Sai}\n\n"
        "::braces::Thiếu ngoặc {=a ~b\n\n"
        "::nokey::Không có đáp án {~a ~b}\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_questions", str(path), "--format", "gift", stderr=err)
    lines = err.getvalue().strip().splitlines()
    assert [line.split(":")[1] for line in lines] == ["3", "5"]
    assert Question.objects.count() == 0


@pytest.mark.parametrize(
    "content",
    [b"", b"\xff\xfe\x00garbage\x81", b"{{{{{{ }}}"],
    ids=["empty", "not-utf8", "braces"],
)
def test_malformed_files_fail_cleanly(tmp_path, framework, content):
    path = tmp_path / "x.gift"
    path.write_bytes(content)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_questions", str(path), "--format", "gift", stderr=err)
    assert err.getvalue().strip()
    assert Question.objects.count() == 0


def test_competency_tags_link_competencies(tmp_path, framework):
    path = tmp_path / "tags.gift"
    path.write_text(
        "$CATEGORY: $course$/top/An toàn số\n\n"
        "// [tag:ND.5.3] [tag:otp] [id:ND-OTP-1]\n"
        "::OTP::Có nên cho người lạ mã OTP không? {FALSE}\n",
        encoding="utf-8",
    )
    run("import_questions", str(path), "--format", "gift")
    question = Question.objects.get()
    assert [c.code for c in question.competencies.all()] == ["ND.5.3"]
    assert list(question.tags.names()) == ["otp"]
    assert question.audiences == ["resident"]
    assert question.category.path == "An toàn số"
    assert question.current_version.spec["competency_codes"] == ["ND.5.3"]
    # importing again updates by ID number instead of duplicating
    run("import_questions", str(path), "--format", "gift")
    assert Question.objects.count() == 1
    assert question.versions.count() == 1


def test_gift_round_trip(moodle_dir, framework, tmp_path):
    run("import_questions", str(moodle_dir / "questions.gift.txt"), "--format", "gift")
    first = tmp_path / "first.gift"
    run("export_questions", "--format", "gift", "--output", str(first))
    before = _snapshot()
    Question.objects.all().delete()
    out, _ = run("import_questions", str(first), "--format", "gift")
    assert last_line(out) == "imported 9 questions"
    assert _snapshot() == before


def _snapshot():
    rows = []
    for question in Question.objects.select_related("current_version", "category"):
        spec = dict(question.current_version.spec)
        spec.pop("id")
        for key, id_key in (("choices", "id"), ("pairs", "left_id"), ("items", "id")):
            for part in spec.get(key, []):
                part[id_key] = ""
        rows.append(
            (question.name, question.category.path, question.current_version.stem, str(spec))
        )
    return sorted(rows)


def test_export_skips_ordering_with_a_warning(make_question, tmp_path):
    from .conftest import sample_specs

    ordering = next(spec for spec in sample_specs() if spec.qtype == "ordering")
    make_question(ordering, name="Thứ tự")
    out, err = run("export_questions", "--format", "gift")
    assert "Thứ tự" in err and "ordering" in err
    assert "Thứ tự" not in out
