"""The class report: attendance per session, progress in the class's course,
quiz results per learner, who holds a certificate; the XLSX export with
Vietnamese headers; all certificates of the class printed through the
certificates app's batch print."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from courses.classes.actions import do_add_learner, find_matches
from courses.classes.attendance import do_mark_attendance
from courses.classes.course_link import do_set_class_course
from courses.classes.roster_rows import RosterRow
from courses.tracking import record_quiz_pass
from tests.certificates.conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported_class(
    people,
    community_class,
    add_members,
    certificate,
    learner,
    completion_quiz,
    take_quiz,
    class_course,
):
    learner.date_of_birth = "1960-05-01"
    learner.save()
    matches = find_matches(
        full_name=learner.full_name, birth_year=1960, phone=None, village_id=learner.home_unit_id
    )
    do_add_learner(
        actor=people["instructor"],
        community_class=community_class,
        row=RosterRow(0, learner.full_name, 1960, None, learner.home_unit_id),
        merge_with=matches[0].user,
    )
    (absent,) = add_members(1)
    take_quiz(absent, completion_quiz, wrong_areas=list(set(completion_quiz.area_of.values())))
    first, second = community_class.sessions.all()
    do_mark_attendance(
        actor=people["instructor"],
        session=first,
        payload={
            "session": first.pk,
            "marks": [{"learner": learner.pk}, {"learner": absent.pk, "status": "absent"}],
        },
    )
    do_mark_attendance(
        actor=people["instructor"],
        session=second,
        payload={"session": second.pk, "marks": [{"learner": learner.pk}]},
    )
    do_set_class_course(
        actor=people["instructor"], community_class=community_class, course=class_course
    )
    first_quiz, second_quiz, _optional = class_course.step_quizzes
    record_quiz_pass(learner.pk, first_quiz.pk)
    record_quiz_pass(learner.pk, second_quiz.pk)  # both required steps: completed
    record_quiz_pass(absent.pk, first_quiz.pk)
    return community_class, learner, absent, certificate


def test_the_report_shows_attendance_results_and_certificates(
    client, people, reported_class, django_assert_max_num_queries
):
    community_class, holder, absent, certificate = reported_class
    client.force_login(people["manager"])
    with django_assert_max_num_queries(25):
        response = client.get(reverse("classes:report", args=[community_class.pk]))
    page = response.content.decode()
    lines = {line.learner.pk: line for line in response.context["report"].lines}
    assert lines[holder.pk].sessions_present == 2 and lines[absent.pk].sessions_present == 0
    assert lines[holder.pk].results[0].passed and not lines[absent.pk].results[0].passed
    assert certificate.printed_code in page
    assert response.context["report"].present_counts() == [1, 1]
    assert (lines[holder.pk].course.done, lines[holder.pk].course.required) == (2, 2)
    assert lines[holder.pk].course.completed and not lines[absent.pk].course.completed
    assert lines[absent.pk].course.done == 1
    assert lines[holder.pk].completion_quiz.best_percent == 100
    assert lines[holder.pk].completion_quiz.passed
    assert lines[absent.pk].completion_quiz.best_percent == 0
    assert not lines[absent.pk].completion_quiz.passed
    assert "Khóa học An toàn trên mạng" in page and "2/2" in page and "1/2" in page


def test_the_export_has_vietnamese_headers_and_the_same_figures(client, people, reported_class):
    from django.utils import timezone

    community_class, holder, absent, certificate = reported_class
    client.force_login(people["instructor"])
    response = client.get(reverse("classes:report_export", args=[community_class.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][2] == "Khóa học: Khóa học An toàn trên mạng"
    header = rows[1]
    assert header[:4] == ["Họ và tên", "Năm sinh", "Số điện thoại", "Thôn/Tổ dân phố"]
    assert header[4].startswith("Buổi 1 (") and header[6:] == [
        "Số buổi có mặt",
        "Số bước đã học",
        "Hoàn thành khóa học",
        "Ngày hoàn thành",
        "Điểm cao nhất bài kiểm tra hoàn thành (%)",
        "Đạt bài kiểm tra hoàn thành",
        "Kết quả các bài kiểm tra",
        "Chứng nhận",
    ]
    by_name = {row[0]: row for row in rows[2:]}
    held = by_name[holder.full_name]
    assert held[4:7] == ["Có mặt", "Có mặt", 2]
    assert held[7:9] == ["2/2", "Có"] and held[9].date() == timezone.localdate()
    assert held[10:12] == [100, "Đạt"]
    assert "(đạt)" in held[12] and held[13] == certificate.printed_code
    missed = by_name[absent.full_name]
    assert missed[4] == "Vắng"
    assert missed[7:12] == ["1/2", "Chưa", None, 0, "Chưa đạt"]
    assert missed[13] == "Chưa có"


def test_report_queries_do_not_grow_with_the_class(
    client, people, community_class, add_members, class_course
):
    """3 learners or 30: the page and the export cost the same number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    do_set_class_course(
        actor=people["instructor"], community_class=community_class, course=class_course
    )
    community_class.refresh_from_db()
    first_session = community_class.sessions.first()
    client.force_login(people["instructor"])

    def grow_to(count):
        added = add_members(count - community_class.members.count())
        for learner in added:
            record_quiz_pass(learner.pk, class_course.step_quizzes[0].pk)
        do_mark_attendance(
            actor=people["instructor"],
            session=first_session,
            payload={"session": first_session.pk, "marks": [{"learner": m.pk} for m in added]},
        )

    def queries():
        counts = []
        for name in ("report", "report_export"):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(reverse(f"classes:{name}", args=[community_class.pk]))
            assert response.status_code == 200
            counts.append(len(captured))
        return counts

    grow_to(3)
    queries()  # the first request of a test also fills per-process caches
    small = queries()
    grow_to(30)
    assert community_class.members.count() == 30
    assert queries() == small


def test_all_certificates_of_the_class_print_in_one_pdf(client, people, reported_class, tmp_path):
    community_class, holder, _absent, _certificate = reported_class
    client.force_login(people["instructor"])
    response = client.get(reverse("classes:certificates", args=[community_class.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert holder.full_name in text


def test_the_report_is_not_for_other_units(client, people, reported_class):
    community_class = reported_class[0]
    client.force_login(people["far_manager"])
    for name in ("report", "report_export", "certificates"):
        assert client.get(reverse(f"classes:{name}", args=[community_class.pk])).status_code == 404
