"""Search that stays flat: on PostgreSQL the folded-text searches (library, course
catalogue, question bank) are answered from trigram indexes; the embedded SQLite
mode has no such index and runs the same query (tests/cms/test_library_search.py
and the bank and catalogue tests give the same results on both)."""

import pytest
from django.db import connection

from assessments.bank_search import questions_matching
from assessments.models import Question
from cms.models.browsing import LibraryFilters, visible_items
from cms.search import search_items
from courses.models import Course

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram indexes exist on PostgreSQL only"
)


def plan(queryset) -> str:
    # A test database holds a handful of rows, where reading them all is cheaper and
    # the planner rightly does; forbidding full reads shows the index can answer the
    # query (the benchmark shows the planner's own choice at 5,000 items).
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
    return queryset.explain()


@on_postgresql
def test_library_search_uses_the_trigram_index(make_item):
    make_item("Nộp hồ sơ trên Cổng Dịch vụ công quốc gia")
    assert "cms_item_search_trgm" in plan(search_items("dịch vụ công", visible_items()))


@on_postgresql
def test_shelf_browse_uses_the_audience_index(make_item):
    make_item("Nộp hồ sơ trên Cổng Dịch vụ công quốc gia")
    shelf = LibraryFilters(audience="resident").apply(visible_items())
    assert "cms_item_audience_trgm" in plan(shelf)


@on_postgresql
def test_course_catalogue_search_uses_the_trigram_index():
    assert "courses_course_search_trgm" in plan(Course.objects.matching("Kỹ năng số"))


@on_postgresql
def test_bank_search_uses_its_indexes():
    found = plan(Question.objects.filter(questions_matching("trúng thưởng")))
    assert "assessments_question_search_trgm" in found
    assert "assessments_question_idnumber_upper" in found


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded mode's schema")
def test_the_index_migrations_do_nothing_on_sqlite():
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE '%trgm%'")
        assert cursor.fetchall() == []
