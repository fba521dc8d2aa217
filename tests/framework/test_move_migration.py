"""Moving the framework from assessments to lms.framework keeps every row and
every foreign key: a database filled before the move reads the same after it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_THE_MOVE = [
    ("assessments", "0006_question_search_text"),
    ("cms", "0001_library_pages"),
    ("certificates", "0002_private_certificate_pdfs"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_move_keeps_rows_and_foreign_keys():
    old = _migrate(BEFORE_THE_MOVE)
    version = old.get_model("assessments", "FrameworkVersion").objects.create(
        code="moved-v1", version="1.0", name="Khung thử"
    )
    area = old.get_model("assessments", "CompetencyArea").objects.create(
        framework=version, audience="resident", code="A1", name="Vùng"
    )
    competency = old.get_model("assessments", "Competency").objects.create(
        framework=version, area=area, code="A1.1", name="Năng lực"
    )
    category = old.get_model("assessments", "QuestionCategory").objects.create(
        name="Chung", path="Chung"
    )
    question = old.get_model("assessments", "Question").objects.create(
        category=category, qtype="truefalse", name="Câu hỏi"
    )
    question.competencies.add(competency)

    new = _migrate(_latest())

    moved = new.get_model("framework", "Competency").objects.get(pk=competency.pk)
    assert (moved.code, moved.area.code, moved.framework.code) == ("A1.1", "A1", "moved-v1")
    tagged = new.get_model("assessments", "Question").objects.get(pk=question.pk)
    assert list(tagged.competencies.values_list("pk", flat=True)) == [competency.pk]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "framework_competency" in tables
    assert "assessments_competency" not in tables
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_key_check")
            assert cursor.fetchall() == []
