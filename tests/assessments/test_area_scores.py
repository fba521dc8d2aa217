"""Issue 11 §3: every graded attempt's per-area scores in a table, written with
the grading (submit, essay grade, re-grade), back-filled for older attempts,
and the source of the results export's area columns."""

import importlib
import io

import pytest
from django.apps import apps
from openpyxl import load_workbook

from assessments.actions import grade_essay, regrade_attempts, save_answer, start_or_resume_attempt
from assessments.actions.attempts import submit_attempt
from assessments.exports.results import results_xlsx
from assessments.models import AttemptAreaScore, AttemptSlot
from lms.accounts.roles import Role
from lms.framework.models import CompetencyArea

from .test_attempt_flow import form_for_key

pytestmark = pytest.mark.django_db


def answer_right(learner, attempt, positions):
    for slot in attempt.slots.select_related("question_version").filter(position__in=positions):
        form = form_for_key(slot)

        def get(name, default=None, form=form):
            value = form.get(name, default)
            return value[0] if isinstance(value, list) else value

        def getlist(name, form=form):
            value = form.get(name, [])
            return value if isinstance(value, list) else [value]

        save_answer(learner, attempt.pk, slot.position, None, from_form=(get, getlist))


def area_rows(attempt) -> dict[str, tuple]:
    return {
        row.area.code: (row.points, row.max_points, row.percent, row.passed_area_minimum)
        for row in AttemptAreaScore.objects.filter(attempt=attempt).select_related("area")
    }


@pytest.fixture
def graded(learner, quiz):
    """The bank quiz answered right except the essay (position 8, area ND.4),
    which waits for a teacher. ND.5 holds positions 1, 3, 5, 7; ND.4 2, 4, 6, 8."""
    attempt = start_or_resume_attempt(quiz, learner)
    answer_right(learner, attempt, range(1, 8))
    save_answer(learner, attempt.pk, 8, "Bài luận")
    return submit_attempt(attempt).attempt


def test_submitting_writes_one_row_per_area(graded):
    assert area_rows(graded) == {"ND.5": (4, 4, 100, True), "ND.4": (3, 4, 75, True)}
    result = graded.graded_result
    assert result.per_area["ND.4"].percent == 75 and result.pending_manual


def test_an_area_below_its_minimum_is_marked(learner, quiz):
    attempt = start_or_resume_attempt(quiz, learner)
    answer_right(learner, attempt, [1, 3, 5, 7])  # nothing of ND.4
    submit_attempt(attempt)
    rows = area_rows(attempt)
    assert rows["ND.4"] == (0, 4, 0, False) and rows["ND.5"] == (4, 4, 100, True)


def test_grading_the_essay_replaces_the_rows(graded, instructor):
    essay = graded.slots.get(position=8)
    grade_essay(essay.pk, 1.0, None)
    assert area_rows(graded) == {"ND.5": (4, 4, 100, True), "ND.4": (4, 4, 100, True)}
    assert AttemptAreaScore.objects.filter(attempt=graded).count() == 2


def test_regrading_replaces_the_rows(graded):
    AttemptSlot.objects.filter(attempt=graded, position=8).update(manual_fraction=0.5)
    report = regrade_attempts()
    assert report.changed == 1
    assert area_rows(graded)["ND.4"] == (3.5, 4, 87.5, True)
    assert AttemptAreaScore.objects.filter(attempt=graded).count() == 2


def test_backfill_reads_results_stored_before_the_table(graded):
    # An attempt graded before the table and the typed result: no rows, and a
    # result without a version key.
    AttemptAreaScore.objects.all().delete()
    stored = dict(graded.result)
    del stored["version"]
    type(graded).objects.filter(pk=graded.pk).update(result=stored)
    migration = importlib.import_module("assessments.migrations.0009_backfill_attempt_area_scores")
    migration.backfill(apps, None)
    assert area_rows(graded) == {"ND.5": (4, 4, 100, True), "ND.4": (3, 4, 75, True)}
    graded.refresh_from_db()
    assert graded.graded_result.version == 1
    assert graded.graded_result.per_area["ND.4"].percent == 75


def test_the_results_export_reads_the_table(graded, quiz, make_user):
    # A figure only the table holds: the export must show it.
    AttemptAreaScore.objects.filter(attempt=graded, area__code="ND.4").update(percent=42.5)
    manager = make_user(Role.ADMINISTRATOR, audience="")
    sheet = load_workbook(io.BytesIO(results_xlsx(quiz, manager))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header, values = rows[0], rows[1]
    # Columns are headed by the area's name (an office reads names, not codes).
    names = dict(
        CompetencyArea.objects.filter(code__in=["ND.4", "ND.5"]).values_list("code", "name")
    )
    assert values[header.index(f"{names['ND.4']} (%)")] == 42.5
    assert values[header.index(f"{names['ND.5']} (%)")] == 100
