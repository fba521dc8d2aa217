"""The class report: attendance per session, quiz results per learner, who holds
a certificate; the XLSX export with Vietnamese headers; all certificates of the
class printed through the certificates app's batch print."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from courses.classes.actions import do_add_learner, find_matches
from courses.classes.attendance import do_mark_attendance
from courses.classes.roster_rows import RosterRow
from tests.certificates.conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported_class(
    people, community_class, add_members, certificate, learner, completion_quiz, take_quiz
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


def test_the_export_has_vietnamese_headers_and_the_same_figures(client, people, reported_class):
    community_class, holder, absent, certificate = reported_class
    client.force_login(people["instructor"])
    response = client.get(reverse("classes:report_export", args=[community_class.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows[1]
    assert header[:4] == ["Họ và tên", "Năm sinh", "Số điện thoại", "Thôn/Tổ dân phố"]
    assert header[4].startswith("Buổi 1 (") and header[-3:] == [
        "Số buổi có mặt",
        "Kết quả bài kiểm tra",
        "Chứng nhận",
    ]
    by_name = {row[0]: row for row in rows[2:]}
    assert by_name[holder.full_name][4:7] == ["Có mặt", "Có mặt", 2]
    assert (
        "(đạt)" in by_name[holder.full_name][7]
        and by_name[holder.full_name][8] == certificate.printed_code
    )
    assert by_name[absent.full_name][4] == "Vắng" and not by_name[absent.full_name][8]


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
