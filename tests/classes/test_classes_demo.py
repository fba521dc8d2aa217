"""seed_demo's classes: one per demo unit, with sessions, a roster and
attendance, built through the actions; running it again adds nothing."""

import io

import pytest

from courses import demo
from courses.models import AttendanceMark, ClassMembership, CommunityClass
from lms.accounts.models import User
from lms.accounts.roles import Role
from tests.cms.fixtures import library, make_image, make_item  # noqa: F401

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


def test_the_demo_classes_follow_a_course_with_progress(make_user, unit_tree, make_item):  # noqa: F811
    from courses import demo_links
    from courses.classes.report import build_report
    from courses.models import Course, CourseStep, Enrolment
    from courses.models.paths import join_audiences

    ward = unit_tree["hoan_kiem"]
    make_user(Role.INSTRUCTOR, username="giangvien", home_unit=ward)
    course = Course.objects.create(
        title="Giữ an toàn cho tiền và thông tin của bạn",
        slug=demo_links.DEMO_COURSE_SLUG,
        summary="Nhận biết lừa đảo.",
        audience_codes=join_audiences(["resident"]),
    )
    for position, title in enumerate(["Cuộc gọi lừa đảo", "Tin nhắn lạ", "Mã QR an toàn"]):
        CourseStep.objects.create(course=course, page=make_item(title), sort_order=position)
    out = io.StringIO()
    demo.seed(stdout=out)
    for _run in range(2):
        demo_links.seed(stdout=out)
    ward_class = CommunityClass.objects.get(unit=ward)
    assert ward_class.course == course
    roster = set(ClassMembership.objects.values_list("learner", flat=True))
    assert set(Enrolment.objects.filter(course=course).values_list("user", flat=True)) == roster
    lines = build_report(ward_class).lines
    done = sorted(line.course.done for line in lines)
    assert done[0] == 0 and done[-1] == 3 and len(set(done)) == 4
    assert any(line.course.completed for line in lines)
    assert "2 demo classes follow" in out.getvalue()
