"""Who may download what: PDFs, the class print, the reporting export, the
learner's page and the commands."""

import csv
import io
import re
import subprocess

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from assessments.certificates import documents, exports, issuing, links
from assessments.certificates.models import Certificate, Notification
from lms.accounts.roles import Role
from lms.audit.models import AuditEvent

from .conftest import need, pdf_text

pytestmark = pytest.mark.django_db

HEADER = [
    "code",
    "full_name",
    "date_of_birth",
    "audience",
    "framework_version",
    "unit_code",
    "unit_name",
    "issued_at",
    "status",
    "verify_url",
]


@pytest.fixture
def far_certificate(make_user, unit_tree, completion_quiz, take_quiz):
    """A certificate in Xã Sơn Mai (another province), with a formula for a name."""
    learner = make_user(
        Role.LEARNER, full_name='=HYPERLINK("http://evil","Bấm")', home_unit=unit_tree["son_mai"]
    )
    take_quiz(learner, completion_quiz)
    return issuing.do_issue_if_eligible(learner, "resident", completion_quiz.framework).certificate


@pytest.fixture
def manager(make_user, unit_tree):
    return make_user(Role.UNIT_MANAGER, home_unit=unit_tree["hoan_kiem"], audience="")


# --- PDF downloads -------------------------------------------------------------------


def test_the_holder_downloads_the_pdf(client, certificate, learner, tmp_path):
    client.force_login(learner)
    response = client.get(f"/certificates/{certificate.code}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(b"".join(response.streaming_content), tmp_path)
    assert "Nguyễn Thị Hồng Nhung" in text
    assert certificate.printed_code in text


def test_another_learner_cannot_fetch_the_pdf(client, certificate, make_user):
    assert client.get(f"/certificates/{certificate.code}/pdf/").status_code == 302  # login
    client.force_login(make_user(Role.LEARNER, home_unit=certificate.unit))
    assert client.get(f"/certificates/{certificate.code}/pdf/").status_code == 404


def test_unit_managers_download_only_in_scope(client, certificate, manager, make_user, unit_tree):
    client.force_login(manager)
    assert client.get(f"/certificates/{certificate.code}/pdf/").status_code == 200
    elsewhere = make_user(Role.UNIT_MANAGER, home_unit=unit_tree["son_mai"], audience="")
    client.force_login(elsewhere)
    assert client.get(f"/certificates/{certificate.code}/pdf/").status_code == 404
    client.force_login(make_user(Role.ADMINISTRATOR))
    assert client.get(f"/certificates/{certificate.code}/pdf/").status_code == 200


def test_a_revoked_certificate_only_downloads_watermarked(client, certificate, learner, tmp_path):
    documents.do_store_pdf(certificate.pk)
    issuing.do_revoke_certificate(Certificate.objects.get(pk=certificate.pk), "Gian lận")
    client.force_login(learner)
    response = client.get(f"/certificates/{certificate.code}/pdf/")
    assert response.status_code == 200
    assert "da-thu-hoi" in response["Content-Disposition"]
    assert "ĐÃ THU HỒI" in pdf_text(b"".join(response.streaming_content), tmp_path)


def test_revoking_through_the_page(client, certificate, make_user, learner):
    client.force_login(learner)
    assert client.get(f"/certificates/{certificate.code}/revoke/").status_code == 403
    client.force_login(make_user(Role.ADMINISTRATOR))
    response = client.post(f"/certificates/{certificate.code}/revoke/", {"reason": "Trùng hồ sơ"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == "revoked"
    assert certificate.revoked_reason == "Trùng hồ sơ"


# --- the class print -----------------------------------------------------------------


def page_count(pdf: bytes, tmp_path) -> int:
    need("pdfinfo")
    source = tmp_path / "class.pdf"
    source.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(source)], capture_output=True, check=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))


def test_an_instructor_prints_the_class_in_their_scope(
    client, certificate, far_certificate, make_user, completion_quiz, take_quiz, unit_tree, tmp_path
):
    second = make_user(Role.LEARNER, full_name="Đặng Ỷ Lan", home_unit=unit_tree["hoan_kiem"])
    take_quiz(second, completion_quiz)
    issuing.do_issue_if_eligible(second, "resident", completion_quiz.framework)
    instructor = make_user(Role.INSTRUCTOR, home_unit=unit_tree["hoan_kiem"], audience="")
    client.force_login(instructor)
    assert client.get("/certificates/print/").status_code == 200
    response = client.get("/certificates/print/", {"quiz": completion_quiz.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert page_count(response.content, tmp_path) == 2  # not the one in Sơn Mai
    text = pdf_text(response.content, tmp_path)
    assert "Nguyễn Thị Hồng Nhung" in text
    assert "Đặng Ỷ Lan" in text
    assert "HYPERLINK" not in text


def test_learners_cannot_print_a_class(client, certificate, learner, completion_quiz):
    client.force_login(learner)
    assert client.get("/certificates/print/", {"quiz": completion_quiz.pk}).status_code == 403


# --- the reporting export ---------------------------------------------------------


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_the_command_exports_csv_with_exact_columns(certificate, far_certificate):
    out = io.StringIO()
    call_command("export_certificates", "--format", "csv", stdout=out)
    rows = read_csv(out.getvalue())
    assert rows[0] == HEADER
    by_code = {row[0]: row for row in rows[1:]}
    assert set(by_code) == {certificate.code, far_certificate.code}
    row = by_code[certificate.code]
    assert row[1] == "Nguyễn Thị Hồng Nhung"
    assert row[3] == "resident"
    assert row[4] == certificate.framework.code
    assert row[5:7] == ["00070", "Phường Hoàn Kiếm"]
    assert row[8] == "valid"
    assert row[9] == links.verify_url(certificate.code)
    # a formula is neutralised
    assert by_code[far_certificate.code][1] == '\'=HYPERLINK("http://evil","Bấm")'


def test_the_command_filters_by_unit_and_date(certificate, far_certificate, tmp_path):
    out = io.StringIO()
    call_command("export_certificates", "--unit", "51", stdout=out)
    assert [row[0] for row in read_csv(out.getvalue())[1:]] == [far_certificate.code]
    out = io.StringIO()
    call_command("export_certificates", "--since", "2999-01-01", stdout=out)
    assert read_csv(out.getvalue()) == [HEADER]
    target = tmp_path / "report.xlsx"
    call_command("export_certificates", "--format", "xlsx", "--output", str(target))
    sheet = load_workbook(target).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == HEADER
    assert len(values) == 3
    with pytest.raises(CommandError):
        call_command("export_certificates", "--since", "05/06/2025")
    with pytest.raises(CommandError):
        call_command("export_certificates", "--unit", "nowhere")


OFFICE_HEADER = [
    "Mã chứng nhận",
    "Họ và tên",
    "Ngày sinh",
    "Đối tượng",
    "Phiên bản khung",
    "Mã đơn vị",
    "Đơn vị",
    "Ngày cấp",
    "Trạng thái",
    "Địa chỉ kiểm tra",
]


def test_unit_managers_export_only_their_scope(client, certificate, far_certificate, manager):
    client.force_login(manager)
    assert client.get("/certificates/export/").status_code == 200
    response = client.get("/certificates/export/", {"format": "csv"})
    assert response.status_code == 200
    rows = read_csv(b"".join(response.streaming_content).decode("utf-8"))
    # For the office: Vietnamese headers, the audience and status as words.
    assert rows[0] == OFFICE_HEADER
    assert [row[0] for row in rows[1:]] == [certificate.code]
    assert rows[1][3] == "Người dân" and rows[1][8] == "Còn hiệu lực"
    event = AuditEvent.objects.get(verb="certificates.exported")
    assert event.actor == manager and event.extra["format"] == "csv" and event.extra["rows"] == 1
    # a unit outside the scope is not found at all
    assert client.get("/certificates/export/", {"format": "csv", "unit": "51"}).status_code == 404
    response = client.get("/certificates/export/", {"format": "xlsx", "unit": "00070"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == OFFICE_HEADER
    assert [row[0] for row in values[1:]] == [certificate.code]
    assert AuditEvent.objects.filter(verb="certificates.exported").count() == 2


def test_learners_cannot_export(client, certificate, learner):
    client.force_login(learner)
    assert client.get("/certificates/export/", {"format": "csv"}).status_code == 403


def test_export_rows_stream_from_an_iterator(certificate, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        rows = list(exports.rows(Certificate.objects.all()))
    assert len(rows) == 1


# --- the learner's page ----------------------------------------------------------------


def test_my_learning_shows_attempts_certificates_and_messages(
    client, certificate, learner, django_assert_max_num_queries
):
    client.force_login(learner)
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 200
    body = response.content.decode()
    assert certificate.printed_code in body
    assert f"/certificates/{certificate.code}/pdf/" in body
    assert links.verify_url(certificate.code) in body
    assert f"/quizzes/attempt/{certificate.attempt_id}/result/" in body
    notification = Notification.objects.get(user=learner)
    assert f'value="{notification.pk}"' in body
    action = reverse("certificates:mark_messages_read")
    assert f'action="{action}"' in body
    back = client.post(action, {"notification": [notification.pk]})
    assert back["Location"] == reverse("accounts:dashboard")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_my_learning_shows_no_one_elses_certificate(client, certificate, make_user):
    client.force_login(make_user(Role.LEARNER))
    body = client.get(reverse("accounts:dashboard")).content.decode()
    assert certificate.code not in body
    read = reverse("certificates:mark_messages_read")
    assert client.post(read, {"notification": ["1"]}).status_code == 302
    assert Notification.objects.get().read_at is None


def test_the_dashboard_tag_renders_the_same_block(rf, certificate, learner):
    from django.template import Context, Template

    request = rf.get("/accounts/")
    request.user = learner
    html = Template("{% load certificate_tags %}{% my_learning %}").render(
        Context({"request": request})
    )
    assert certificate.printed_code in html


# --- commands and demo -------------------------------------------------------------


def test_render_certificate_command(certificate, tmp_path):
    target = tmp_path / "one.pdf"
    call_command("render_certificate", certificate.printed_code.lower(), "--output", str(target))
    text = pdf_text(target.read_bytes(), tmp_path)
    assert certificate.printed_code in text
    with pytest.raises(CommandError):
        call_command("render_certificate", "ABCDE-FGHJK", "--output", str(target))


def test_demo_seed_gives_the_demo_learner_a_certificate(make_user, unit_tree, framework):
    from assessments import demo as assessments_demo
    from assessments.certificates import demo
    from assessments.certificates.models import IssuerProfile

    make_user(
        Role.LEARNER,
        username="hocvien",
        full_name="Nguyễn Thị Hồng Nhung",
        home_unit=unit_tree["hoan_kiem"],
    )
    assessments_demo.seed()
    out = io.StringIO()
    demo.seed(stdout=out)
    demo.seed(stdout=out)  # idempotent
    assert IssuerProfile.objects.get(unit__code="00070").signer_name == demo.SIGNER_NAME
    certificate = Certificate.objects.get(user__username="hocvien")
    assert certificate.audience == "resident"
    assert certificate.unit_name == "Phường Hoàn Kiếm"
    assert certificate.printed_code in out.getvalue()


def test_a_signing_key_under_media_root_fails_the_system_check(settings, tmp_path):
    from assessments.certificates.checks import signing_key_outside_public_dirs

    assert signing_key_outside_public_dirs(None) == []
    settings.CERTIFICATE_SIGNING_KEY_PATH = tmp_path / "media" / "key.pem"
    errors = signing_key_outside_public_dirs(None)
    assert [error.id for error in errors] == ["certificates.E001"]


def test_the_village_filter_finds_its_residents(certificate, unit_tree):
    queryset = exports.filter_certificates(Certificate.objects.all(), unit=unit_tree["village"])
    assert list(queryset) == [certificate]
