"""The ``bank`` fixture writes its eight questions with bulk queries; this
keeps it honest: the same rows as building them through ``do_create_question``
(which this test still runs), apart from keys, times and random texts."""

import pytest

from assessments.actions.questions import _without_ids
from assessments.bank_search import question_search_text
from assessments.models import Question, QuestionVersion

from .conftest import bank_codes, build_bank, sample_specs

pytestmark = pytest.mark.django_db

QUESTION_SKIP = {"id", "name", "search_text", "current_version_id", "created_at", "updated_at"}
VERSION_SKIP = {"id", "question_id", "spec", "created_at"}


def _fields(obj, skip):
    return {
        field.attname: getattr(obj, field.attname)
        for field in type(obj)._meta.concrete_fields
        if field.attname not in skip
    }


def _row(question: Question) -> dict:
    question.refresh_from_db()
    version = QuestionVersion.objects.get(question=question)
    spec = _without_ids(version.spec)
    assert spec.pop("id") == f"q{question.pk}"
    return {
        "question": _fields(question, QUESTION_SKIP),
        "version": _fields(version, VERSION_SKIP),
        "spec": spec,
        "current": question.current_version_id == version.pk,
        "searchable": question.search_text
        == question_search_text(question.name, question.idnumber, version.stem),
        "codes": sorted(question.competencies.values_list("code", flat=True)),
        "tags": list(question.tags.names()),
    }


def test_bulk_bank_has_the_rows_the_action_writes(framework, make_question):
    by_action = [
        make_question(spec, codes=bank_codes(index)) for index, spec in enumerate(sample_specs())
    ]
    by_bulk = build_bank(framework)

    expected = [_row(question) for question in by_action]
    assert [_row(question) for question in by_bulk] == expected
    assert all(row["current"] and row["searchable"] for row in expected)
    assert [row["question"]["qtype"] for row in expected] == [s.qtype for s in sample_specs()]


def test_bank_option_ids_are_opaque(bank):
    # Random per question, as the action makes them: never the file's "1", "2", ...
    spec = bank[0].current_version.spec
    assert {choice["id"] for choice in spec["choices"]}.isdisjoint({"1", "2", "3"})
