"""The bench's "row read once" verify page (tests/bench/verify_floor.py), which
shows what the per-visit row read costs, serves the same kept page and skips
exactly that read; undone, every visit reads the row again."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.bench.verify_floor import read_row_once

pytestmark = pytest.mark.django_db

VALID_VI = "Giấy chứng nhận này còn hiệu lực."


def visit(certificate) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(f"/certificates/verify/{certificate.code}/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_only_the_first_visit_of_the_process_reads_the_row(certificate):
    visit(certificate)  # rendered by the view, and kept
    kept, queries = visit(certificate)
    assert VALID_VI in kept and queries == 1
    undo = read_row_once()
    try:
        assert visit(certificate)[1] == 1  # read once, remembered
        page, queries = visit(certificate)
        assert VALID_VI in page and queries == 0
    finally:
        undo()
    assert visit(certificate)[1] == 1
