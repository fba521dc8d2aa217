"""An ambassador's page shows each learner's progress (their course, how far
they are) and the next step to help with, from the learner's real course data."""

import pytest
from django.urls import reverse

from courses.enrolment import do_enrol
from courses.tracking import do_record_progress
from movement import actions
from tests.cms.fixtures import library, make_image, make_item  # noqa: F401
from tests.courses.conftest import course_index, make_course, three_items  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_ambassador_sees_each_learners_course_progress_and_next_step(
    client,
    manager,
    ward,
    residents,
    make_course,  # noqa: F811
    three_items,  # noqa: F811
    make_user,
):
    holder = residents["g1"][0]  # certified
    ambassador = actions.do_make_ambassador(actor=manager, unit=ward["ward"], user=holder)
    halfway = residents["g1"][2]  # not certified
    actions.do_assign_learner(actor=manager, ambassador=ambassador, learner=halfway)
    idle = make_user(home_unit=ward["g2"], full_name="Người dân chưa học")
    actions.do_assign_learner(actor=manager, ambassador=ambassador, learner=idle)
    course = make_course(three_items, title="Kỹ năng số cho người dân")
    do_enrol(halfway, course)
    first = course.steps.order_by("sort_order").first()
    do_record_progress(halfway, course, first.pk, "confirm")

    client.force_login(holder)
    body = client.get(reverse("movement:ambassador")).content.decode()
    row = body[body.index("Người dân g1-2") :].split("</tr>")[0]
    assert "Kỹ năng số cho người dân" in row and "33 %" in row
    assert "Video lừa đảo" in row  # the next step of the course
    idle_row = body[body.index("Người dân chưa học") :].split("</tr>")[0]
    assert "Giúp người học đăng ký một khóa học" in idle_row


def test_the_ambassador_is_not_shown_a_step_the_learner_may_not_open(
    client,
    manager,
    ward,
    residents,
    make_course,  # noqa: F811
    make_item,  # noqa: F811
):
    """The next step is judged for the learner: an item reserved for a group
    they are not in is passed over, and when it is the required step left the
    ambassador is told why instead of its title."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    holder = residents["g1"][0]
    ambassador = actions.do_make_ambassador(actor=manager, unit=ward["ward"], user=holder)
    learner = residents["g1"][2]
    actions.do_assign_learner(actor=manager, ambassador=ambassador, learner=learner)
    reserved = make_item("Hướng dẫn riêng của tổ")
    restriction = PageViewRestriction.objects.create(page=reserved, restriction_type="groups")
    restriction.groups.add(Group.objects.create(name="Tổ công nghệ số"))
    course = make_course([make_item("Bài đầu"), reserved], title="Khóa có bước riêng")
    do_enrol(learner, course)
    do_record_progress(learner, course, course.steps.order_by("sort_order")[0].pk, "confirm")

    client.force_login(holder)
    body = client.get(reverse("movement:ambassador")).content.decode()
    row = body[body.index(learner.get_full_name()) :].split("</tr>")[0]
    assert "Hướng dẫn riêng của tổ" not in row
    assert "Bước 2 chưa mở cho học viên này" in row
