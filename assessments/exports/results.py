"""Quiz results as CSV and XLSX for offices (Vietnamese headers, yes/no in words;
the API keeps machine names), every text cell neutralised against formulas.

Rows are built lazily from ``iterator()`` so large classes stay in bounded memory."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments.access import submitted_attempts
from assessments.models import AttemptAreaScore, Quiz
from lms.framework.models import CompetencyArea

from .cells import safe_cell


def result_header(areas: list[CompetencyArea]) -> list[str]:
    return [
        _("Full name"),
        _("Username"),
        _("Home unit"),
        _("Attempt"),
        _("Started"),
        _("Submitted"),
        _("Points"),
        _("Maximum points"),
        _("Score (%)"),
        _("Passed"),
        # The area's name, not its code: an office reads "Khai thác dữ liệu…", not "1".
        *[f"{area.name} (%)" for area in areas],
    ]


def _when(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def result_rows(quiz: Quiz, viewer) -> tuple[list[str], Iterator[list]]:
    """The rows ``viewer`` may see (assessments.access), never more; per-area
    figures from the AttemptAreaScore table."""
    areas = list(
        CompetencyArea.objects.filter(framework=quiz.framework_id, audience=quiz.audience).order_by(
            "position"
        )
    )
    attempts = (
        submitted_attempts(viewer, quiz)
        .select_related("user__home_unit")
        .prefetch_related(
            Prefetch(
                "area_scores",
                queryset=AttemptAreaScore.objects.only("attempt_id", "area_id", "percent"),
            )
        )
        .order_by("user__full_name", "user__username", "number")
    )

    def rows():
        for attempt in attempts.iterator(chunk_size=500):
            percents = {score.area_id: score.percent for score in attempt.area_scores.all()}
            passed = "" if attempt.passed is None else (_("yes") if attempt.passed else _("no"))
            user = attempt.user
            yield [
                safe_cell(user.full_name),
                safe_cell(user.username),
                safe_cell(user.home_unit.name if user.home_unit else ""),
                attempt.number,
                _when(attempt.started_at),
                _when(attempt.submitted_at),
                attempt.points,
                attempt.max_points,
                attempt.percent,
                passed,
                *[percents.get(area.pk) for area in areas],
            ]

    return [safe_cell(cell) for cell in result_header(areas)], rows()


def results_csv(quiz: Quiz, viewer) -> Iterator[str]:
    """CSV text in chunks (for a StreamingHttpResponse); starts with a BOM for Excel."""
    header, rows = result_rows(quiz, viewer)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def results_xlsx(quiz: Quiz, viewer) -> bytes:
    header, rows = result_rows(quiz, viewer)
    from openpyxl import Workbook  # imported when used: ~0.2 s of CPU per process start

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Results")[:31])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
