"""seed_demo's courses: two per audience from the demo library, the sequential
one ending in the audience's completion quiz, moderated like library pages."""

import io

import pytest

from lms.audiences import Audience

pytestmark = pytest.mark.django_db


def test_demo_courses_two_per_audience(framework, settings, tmp_path, client):
    from assessments import demo as assessments_demo
    from cms import demo as cms_demo
    from cms.demo import courses as course_demo
    from cms.demo.permissions import WORKFLOW_NAME
    from cms.models import CourseIndexPage, CoursePage
    from courses.models import Course
    from lms.audit.models import AuditEvent

    settings.MEDIA_ROOT = tmp_path
    cms_demo.seed(stdout=io.StringIO())
    assessments_demo.seed(stdout=io.StringIO())
    course_demo.seed(stdout=io.StringIO())
    course_demo.seed(stdout=io.StringIO())  # idempotent

    assert Course.objects.live().count() == 8
    for audience in Audience.values:
        courses = Course.objects.live().for_audience(audience)
        assert courses.count() == 2
        for course in courses:
            assert course.steps.count() >= 2 and course.competencies.exists()
        ending = courses.get(sequential=True).steps.order_by("sort_order").last()
        assert ending.quiz is not None and ending.quiz.audience == audience
    assert CoursePage.objects.live().count() == 8
    index = CourseIndexPage.objects.get()
    assert index.get_workflow().name == WORKFLOW_NAME
    assert Course.objects.first().get_workflow().name == WORKFLOW_NAME
    assert AuditEvent.objects.filter(verb="courses.published").count() == 8
    catalogue = client.get(index.url, {"q": "thu tuc hanh chinh"}).content.decode()
    assert "Làm thủ tục hành chính trên điện thoại" in catalogue
