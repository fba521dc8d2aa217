"""Roster: one by one, or the village head's Excel list with a preview, per-row
errors, nothing created on a bad file, and existing accounts offered for merge."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.models import ClassMembership
from lms.accounts.models import User
from lms.accounts.usernames import is_opaque_username
from lms.audit.models import AuditEvent
from tests.assessments.test_xlsx_limits import bomb

from .conftest import xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = ["STT", "Họ và tên", "Năm sinh", "Số điện thoại", "Thôn/Tổ dân phố"]


def _upload(client, community_class, data, name="danh-sach.xlsx"):
    return client.post(
        reverse("classes:import_roster", args=[community_class.pk]),
        {"file": SimpleUploadedFile(name, data)},
    )


def _confirm(client, community_class, response, choices=None):
    form = {"rows": response.context["rows_token"], **(choices or {})}
    for row, matches in response.context["preview"]:
        if matches and f"merge-{row.line}" not in form:
            form[f"merge-{row.line}"] = matches[0].user.pk
    return client.post(reverse("classes:import_roster", args=[community_class.pk]), form)


def test_adding_a_learner_without_a_phone_makes_an_opaque_account(
    client, people, community_class, unit_tree
):
    client.force_login(people["instructor"])
    response = client.post(
        reverse("classes:add_learner", args=[community_class.pk]),
        {
            "full_name": "Bùi  Văn Tư",
            "birth_year": 1955,
            "phone": "",
            "village": unit_tree["village"].pk,
        },
    )
    assert response.status_code == 302
    learner = User.objects.get(full_name="Bùi Văn Tư")
    assert is_opaque_username(learner.username) and not learner.has_usable_password()
    assert (
        learner.home_unit == unit_tree["village"]
        and learner.groups.filter(name="Learners").exists()
    )
    assert ClassMembership.objects.get(learner=learner).birth_year == 1955
    assert AuditEvent.objects.filter(verb="courses.class_member_added").count() == 1
    created = AuditEvent.objects.get(verb="courses.learner_account_created")
    assert created.actor == people["instructor"] and created.target_id == str(learner.pk)


def test_the_same_person_is_offered_for_merge_never_doubled(
    client, people, community_class, unit_tree, make_user
):
    existing = make_user(full_name="Bùi Văn Tư", home_unit=unit_tree["village"])
    existing.date_of_birth = "1955-03-02"
    existing.save()
    client.force_login(people["instructor"])
    url = reverse("classes:add_learner", args=[community_class.pk])
    form = {
        "full_name": "bui van tu",
        "birth_year": 1955,
        "phone": "",
        "village": unit_tree["village"].pk,
    }
    response = client.post(url, form)
    assert response.status_code == 200
    assert [m.user for m in response.context["matches"]] == [existing]
    assert "Tài khoản có thể là của người này" in response.content.decode()
    assert not ClassMembership.objects.exists()
    client.post(url, {**form, "merge_with": existing.pk})
    assert list(ClassMembership.objects.values_list("learner_id", flat=True)) == [existing.pk]
    assert User.objects.filter(search_text__startswith=" bui van tu ").count() == 1


def test_a_phone_of_another_person_is_refused(
    client, people, community_class, unit_tree, make_user
):
    make_user(full_name="Trần Văn Khác", phone="+84912000111")
    client.force_login(people["instructor"])
    response = client.post(
        reverse("classes:add_learner", args=[community_class.pk]),
        {
            "full_name": "Bùi Văn Tư",
            "birth_year": 1955,
            "phone": "0912 000 111",
            "village": unit_tree["village"].pk,
        },
    )
    assert "đã được dùng cho một tài khoản khác" in response.content.decode()
    assert not ClassMembership.objects.exists()


def test_import_with_errors_then_a_clean_list(
    client, people, community_class, make_user, unit_tree
):
    owner = make_user(full_name="Chủ Số Máy", phone="+84912000222")
    client.force_login(people["instructor"])
    bad = xlsx_bytes(
        [
            HEADER,
            [1, "Lê Thị Mai", 1960, "0912000333", "Tổ dân phố số 1"],
            [2, "", 1961, "", "Tổ dân phố số 1"],
            [3, "Hà Văn Hải", "năm ngoái", "", "Tổ dân phố số 1"],
            [4, "Ngô Văn Lộc", 1958, "0912000222", "Tổ dân phố số 1"],
            [5, "Đỗ Thị Hà", 1962, "", "Thôn Không Có"],
        ]
    )
    response = _upload(client, community_class, bad)
    page = response.content.decode()
    assert "Chưa thêm ai" in page
    assert [line for line, _m in response.context["errors"]] == [3, 4, 5, 6]
    assert "không phải là năm sinh" in page and "Thôn Không Có" in page
    assert "đã được dùng cho một tài khoản khác" in page
    assert "preview" not in response.context
    assert User.objects.count() == 6 and not ClassMembership.objects.exists()

    clean = xlsx_bytes(
        [
            HEADER,
            [1, "Lê Thị Mai", 1960, "0912000333", "Tổ dân phố số 1"],
            [2, "Hà Văn Hải", 1949, "", "tổ dân phố số 1"],
            [3, "Chủ Số Máy", 1970, "0912000222", ""],
        ]
    )
    response = _upload(client, community_class, clean)
    assert [row.full_name for row, _m in response.context["preview"]] == [
        "Lê Thị Mai",
        "Hà Văn Hải",
        "Chủ Số Máy",
    ]
    assert not ClassMembership.objects.exists()  # a preview creates nothing
    assert _confirm(client, community_class, response).status_code == 302
    members = set(ClassMembership.objects.values_list("learner__full_name", flat=True))
    assert members == {"Lê Thị Mai", "Hà Văn Hải", "Chủ Số Máy"}
    assert ClassMembership.objects.get(learner__full_name="Chủ Số Máy").learner == owner
    assert User.objects.get(full_name="Hà Văn Hải").home_unit == unit_tree["village"]
    assert AuditEvent.objects.filter(verb="courses.roster_imported").count() == 1

    # The same list again doubles nobody.
    response = _upload(client, community_class, clean)
    _confirm(client, community_class, response)
    assert (
        ClassMembership.objects.count() == 3
        and User.objects.filter(full_name="Lê Thị Mai").count() == 1
    )


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (
            "Họ và tên,Năm sinh\nLê Thị Mai,1960\n".encode("cp1258", errors="replace"),
            "ds.csv",
            "không ở bảng mã UTF-8",
        ),
        (
            xlsx_bytes([["Họ và tên", "Số điện thoại"], ["Lê Thị Mai", ""]]),
            "ds.xlsx",
            "Thiếu cột: Năm sinh",
        ),
        (b"%PDF-1.4 not a list", "ds.pdf", "không phải là tệp Excel"),
        (bomb(30), "bomb.xlsx", "MB"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_creates_nothing(
    client, people, community_class, data, name, message
):
    client.force_login(people["instructor"])
    users = User.objects.count()
    response = _upload(client, community_class, data, name)
    assert message in response.content.decode()
    assert User.objects.count() == users and not ClassMembership.objects.exists()


def test_a_utf8_csv_is_read(client, people, community_class):
    client.force_login(people["instructor"])
    data = "Họ và tên;Năm sinh;SĐT\nLê Thị Mai;1960;0912 000 444\n".encode("utf-8-sig")
    response = _upload(client, community_class, data, "ds.csv")
    assert [row.phone for row, _m in response.context["preview"]] == ["+84912000444"]


def test_a_forged_preview_is_refused(client, people, community_class):
    client.force_login(people["instructor"])
    response = client.post(
        reverse("classes:import_roster", args=[community_class.pk]), {"rows": "forged"}, follow=True
    )
    assert "Bản xem trước đã hết hạn" in response.content.decode()
    assert not ClassMembership.objects.exists()
