"""Course fixtures: published library items (tests/cms/fixtures.py), a course
built from them, its public page in the catalogue, and signed-in clients."""

import pytest

from lms.accounts.roles import Role
from tests.cms.fixtures import framework, library, make_image, make_item  # noqa: F401


@pytest.fixture
def course_index(library):  # noqa: F811
    from cms.demo.courses import ensure_course_index

    return ensure_course_index(library["home"])


@pytest.fixture
def make_course(course_index):
    from cms.demo.courses import publish_course_page
    from courses.models import Course, CourseStep
    from courses.models.paths import join_audiences

    def make(
        targets,
        *,
        title="Khóa học thử",
        slug=None,
        audiences=("resident",),
        sequential=False,
        optional=(),
        modules=None,
        page=True,
        **fields,
    ):
        course = Course.objects.create(
            title=title,
            slug=slug or f"khoa-{Course.objects.count() + 1}",
            summary="Tóm tắt khóa học.",
            audience_codes=join_audiences(audiences),
            sequential=sequential,
            **fields,
        )
        for position, target in enumerate(targets):
            is_quiz = target._meta.label_lower == "assessments.quiz"
            CourseStep.objects.create(
                course=course,
                page=None if is_quiz else target,
                quiz=target if is_quiz else None,
                sort_order=position,
                required=position not in optional,
                module_title=(modules or {}).get(position, ""),
            )
        if page:
            course.course_page = publish_course_page(course_index, course)
        return course

    return make


@pytest.fixture
def three_items(make_item):  # noqa: F811
    return [
        make_item("Hướng dẫn VNeID", kind="guide"),
        make_item("Video lừa đảo", kind="video"),
        make_item("Bài học mật khẩu", kind="lesson"),
    ]


@pytest.fixture
def learner(make_user):
    return make_user(Role.LEARNER)


@pytest.fixture
def signed_in(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
