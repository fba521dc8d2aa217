"""Fixtures for classes: a class in the demo ward with an instructor, a unit
manager of the ward, and helpers to build rosters and spreadsheets."""

import io
import itertools
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import Workbook

from lms.accounts.roles import Role
from tests.certificates.conftest import (  # noqa: F401  (the class report's certificates)
    _private_dirs,
    certificate,
    completion_quiz,
    framework,
    issuer,
    learner,
    resident_areas,
    take_quiz,
)


@pytest.fixture
def people(make_user, unit_tree):
    ward = unit_tree["hoan_kiem"]
    return {
        "instructor": make_user(
            Role.INSTRUCTOR, username="gv", full_name="Phạm Minh Đức", home_unit=ward
        ),
        "other_instructor": make_user(
            Role.INSTRUCTOR, username="gv2", full_name="Lê Thị Hoa", home_unit=unit_tree["son_mai"]
        ),
        "manager": make_user(
            Role.UNIT_MANAGER, username="ql", full_name="Đặng Ỷ Lan", home_unit=ward
        ),
        "far_manager": make_user(
            Role.UNIT_MANAGER,
            username="ql2",
            full_name="Võ Văn Tám",
            home_unit=unit_tree["son_mai"],
        ),
        "learner": make_user(
            Role.LEARNER, username="hv", full_name="Nguyễn Thị Nhung", home_unit=ward
        ),
    }


@pytest.fixture
def community_class(people, unit_tree):
    from courses.classes.actions import do_add_session, do_create_class

    created = do_create_class(
        actor=people["manager"],
        unit=unit_tree["hoan_kiem"],
        name="Lớp kỹ năng số tổ dân phố số 1",
        place_kind="cultural_house",
        place_name="Nhà văn hóa tổ dân phố số 1",
        instructors=[people["instructor"]],
    )
    do_add_session(actor=people["manager"], community_class=created, starts_at=timezone.now())
    do_add_session(
        actor=people["manager"],
        community_class=created,
        starts_at=timezone.now() + timedelta(days=7),
    )
    return created


@pytest.fixture
def add_members(community_class, people):
    from courses.classes.actions import do_add_learner
    from courses.classes.roster_rows import RosterRow

    numbers = itertools.count(1)

    def add(count, target=None):
        target = target or community_class
        return [
            do_add_learner(
                actor=people["instructor"],
                community_class=target,
                row=RosterRow(0, f"Học viên Số {i}", 1950 + i % 40, None, target.unit_id),
            ).learner
            for i in itertools.islice(numbers, count)
        ]

    return add


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def class_course(framework):  # noqa: F811
    """A published course of three quiz steps, the last one optional;
    ``course.step_quizzes`` lists the quizzes in order."""
    from assessments.models import Quiz
    from courses.models import Course, CourseStep
    from courses.models.paths import join_audiences

    course = Course.objects.create(
        title="Khóa học An toàn trên mạng",
        slug="khoa-an-toan-tren-mang",
        summary="Nhận biết lừa đảo và giữ an toàn tài khoản.",
        audience_codes=join_audiences(["resident"]),
    )
    quizzes = [
        Quiz.objects.create(
            framework=framework,
            title=f"Bài ôn tập {number}",
            slug=f"bai-on-tap-{number}",
            audience="resident",
            is_published=True,
        )
        for number in (1, 2, 3)
    ]
    for position, quiz in enumerate(quizzes):
        CourseStep.objects.create(
            course=course, quiz=quiz, sort_order=position, required=position < 2
        )
    course.step_quizzes = quizzes
    return course
