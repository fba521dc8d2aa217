"""Issue 14 §1: a submit scores from specs each process parsed once (a stored
question version never changes), never from another question's spec."""

from datetime import timedelta

import pytest

from assessments.frozen_specs import parsed_spec
from assessments.models import QuestionVersion
from assessments.scoring.spec import Choice, QuestionSpec

pytestmark = pytest.mark.django_db


def _single(make_question, right: str):
    return make_question(
        QuestionSpec(
            id="",
            qtype="single",
            choices=(Choice("a", right, 1.0), Choice("b", "Sai", 0.0)),
        )
    )


def test_each_stored_version_is_parsed_once_per_process(make_question):
    question = _single(make_question, "Đúng")
    first = QuestionVersion.objects.get(pk=question.current_version_id).question_spec
    again = QuestionVersion.objects.get(pk=question.current_version_id).question_spec
    assert again is first
    assert first.choices[0].text == "Đúng"


def test_an_edit_is_a_new_version_and_parsed_anew(make_question):
    from assessments.actions import QuestionData, do_update_question

    question = _single(make_question, "Đúng")
    before = QuestionVersion.objects.get(pk=question.current_version_id).question_spec
    current = question.current_version
    do_update_question(
        question,
        QuestionData(
            name=question.name,
            stem=current.stem,
            spec=QuestionSpec(
                id="",
                qtype="single",
                choices=(Choice("a", "Đúng rồi", 1.0), Choice("b", "Sai", 0.0)),
            ),
            category=question.category,
            status="published",
            competencies=list(question.competencies.all()),
            audiences=["resident"],
        ),
    )
    question.refresh_from_db()
    after = QuestionVersion.objects.get(pk=question.current_version_id).question_spec
    assert after.choices[0].text == "Đúng rồi"
    assert before.choices[0].text == "Đúng"


def test_a_reused_id_from_a_restored_database_is_not_served_the_old_spec(make_question):
    """Same id, another creation instant: another question."""
    version = QuestionVersion.objects.get(pk=_single(make_question, "Đúng").current_version_id)
    assert version.question_spec.choices[0].text == "Đúng"
    other = dict(version.spec, choices=[dict(version.spec["choices"][0], text="Khác")])
    other["choices"].append(version.spec["choices"][1])
    restored = parsed_spec(version.pk, version.created_at + timedelta(seconds=1), other)
    assert restored.choices[0].text == "Khác"
    assert parsed_spec(version.pk, version.created_at, version.spec).choices[0].text == "Đúng"
