"""seed_demo's classes: one per demo unit, with sessions, a roster and
attendance, built through the actions; running it again adds nothing."""

import io

import pytest

from courses import demo
from courses.models import AttendanceMark, ClassMembership, CommunityClass
from lms.accounts.models import User
from lms.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_one_class_per_demo_unit_with_sessions_and_attendance(make_user, unit_tree):
    ward, village = unit_tree["hoan_kiem"], unit_tree["village"]
    make_user(Role.INSTRUCTOR, username="giangvien", home_unit=ward)
    learner = make_user(
        username="hocvien", full_name="Nguyễn Thị Hồng Nhung", phone="+84912345678", home_unit=ward
    )
    out = io.StringIO()
    for _run in range(2):
        demo.seed(stdout=out)
    assert set(CommunityClass.objects.values_list("unit", flat=True)) == {ward.pk, village.pk}
    assert CommunityClass.objects.count() == 2
    ward_class = CommunityClass.objects.get(unit=ward)
    assert ward_class.sessions.count() == 3
    assert ClassMembership.objects.filter(community_class=ward_class, learner=learner).exists()
    assert ward_class.members.count() == 1 + len(demo.DEMO_RESIDENTS)
    marks = AttendanceMark.objects.filter(session__community_class=ward_class)
    assert marks.filter(status="present").count() > marks.filter(status="absent").count() > 0
    # The demo residents are one account each, whatever the number of classes and runs.
    assert User.objects.filter(full_name="Lê Văn Bảy", home_unit=ward).count() == 1
    assert "2 demo classes" in out.getvalue()
