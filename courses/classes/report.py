"""The class report: attendance per session, quiz results per learner (from
the assessments app's attempts) and certificates, on screen and as XLSX with
Vietnamese headers. A fixed number of queries whatever the class's size."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.utils import timezone
from openpyxl import Workbook

from assessments.certificates.models import Certificate, CertificateStatus
from assessments.exports.cells import safe_cell
from assessments.models import Attempt, AttemptState
from courses.models import AttendanceMark, AttendanceStatus, ClassMembership


@dataclass
class QuizResult:
    title: str
    best_percent: float | None
    passed: bool
    attempts: int


@dataclass
class LearnerLine:
    learner: object
    birth_year: int | None
    attendance: list[str | None]  # per session, in the class's order
    results: list[QuizResult] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)

    @property
    def sessions_present(self) -> int:
        return sum(1 for status in self.attendance if status == AttendanceStatus.PRESENT)


@dataclass
class ClassReport:
    sessions: list
    lines: list[LearnerLine]

    def present_counts(self) -> list[int]:
        return [
            sum(1 for line in self.lines if line.attendance[i] == AttendanceStatus.PRESENT)
            for i in range(len(self.sessions))
        ]


def build_report(community_class) -> ClassReport:
    sessions = list(community_class.sessions.all())
    memberships = list(
        ClassMembership.objects.filter(community_class=community_class)
        .select_related("learner__home_unit")
        .order_by("learner__full_name", "learner_id")
    )
    learner_ids = [m.learner_id for m in memberships]
    marks = {
        (mark.session_id, mark.learner_id): mark.status
        for mark in AttendanceMark.objects.filter(session__community_class=community_class)
    }
    results: dict[int, dict[int, QuizResult]] = {}
    attempts = (
        Attempt.objects.filter(user_id__in=learner_ids, state=AttemptState.SUBMITTED)
        .select_related("quiz")
        .order_by("quiz__title", "number")
    )
    for attempt in attempts:
        per_quiz = results.setdefault(attempt.user_id, {})
        result = per_quiz.setdefault(
            attempt.quiz_id, QuizResult(attempt.quiz.title, None, False, 0)
        )
        result.attempts += 1
        if attempt.percent is not None and (
            result.best_percent is None or attempt.percent > result.best_percent
        ):
            result.best_percent = attempt.percent
        result.passed = result.passed or bool(attempt.passed)
    certificates: dict[int, list[Certificate]] = {}
    for certificate in class_certificates(community_class):
        certificates.setdefault(certificate.user_id, []).append(certificate)
    lines = [
        LearnerLine(
            learner=m.learner,
            birth_year=m.birth_year,
            attendance=[marks.get((s.pk, m.learner_id)) for s in sessions],
            results=list(results.get(m.learner_id, {}).values()),
            certificates=certificates.get(m.learner_id, []),
        )
        for m in memberships
    ]
    return ClassReport(sessions, lines)


def class_certificates(community_class):
    """The valid certificates held by the class's learners."""
    return (
        Certificate.objects.filter(
            status=CertificateStatus.VALID,
            user__class_memberships__community_class=community_class,
        )
        .select_related("framework", "unit")
        .order_by("full_name", "code")
    )


HEADERS = ["Họ và tên", "Năm sinh", "Số điện thoại", "Thôn/Tổ dân phố"]
TAIL_HEADERS = ["Số buổi có mặt", "Kết quả bài kiểm tra", "Chứng nhận"]
STATUS_WORDS = {AttendanceStatus.PRESENT: "Có mặt", AttendanceStatus.ABSENT: "Vắng"}


def _results_text(results: list[QuizResult]) -> str:
    parts = []
    for result in results:
        score = "–" if result.best_percent is None else f"{result.best_percent:.0f}%"
        parts.append(f"{result.title}: {score}{' (đạt)' if result.passed else ''}")
    return "; ".join(parts)


def report_xlsx(community_class, report: ClassReport) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Lớp học"
    sheet.append([f"Lớp: {community_class.name}", f"Địa điểm: {community_class.place_name}"])
    session_headers = [
        f"Buổi {i} ({timezone.localtime(s.starts_at):%d/%m/%Y})"
        for i, s in enumerate(report.sessions, start=1)
    ]
    sheet.append([*HEADERS, *session_headers, *TAIL_HEADERS])
    for line in report.lines:
        learner = line.learner
        sheet.append(
            [
                safe_cell(value)
                for value in [
                    learner.get_full_name(),
                    line.birth_year,
                    learner.phone_display,
                    learner.home_unit.name if learner.home_unit else "",
                    *[STATUS_WORDS.get(status, "") for status in line.attendance],
                    line.sessions_present,
                    _results_text(line.results),
                    ", ".join(c.printed_code for c in line.certificates),
                ]
            ]
        )
    sheet.append(["Số người có mặt", "", "", "", *report.present_counts()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
