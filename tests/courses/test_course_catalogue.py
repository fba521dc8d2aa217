"""The catalogue: by audience and competency, accent-insensitive search, and
the sharing card of a course page."""

import pytest


@pytest.mark.django_db
def test_catalogue_filters_and_folded_search(
    client, make_course, make_item, course_index, framework
):
    from lms.framework.models import Competency

    resident_course = make_course(
        [make_item("Dịch vụ công")], title="Làm thủ tục trên Cổng dịch vụ công", slug="dvc"
    )
    resident_course.competencies.set(Competency.objects.filter(code="ND.4.2"))
    resident_course.save()
    make_course(
        [make_item("Học trực tuyến")], title="Học trực tuyến", slug="hoc", audiences=["student"]
    )

    every = client.get(course_index.url).content.decode()
    assert "Làm thủ tục trên Cổng dịch vụ công" in every and "Học trực tuyến" in every

    folded = client.get(course_index.url, {"q": "dich vu cong"}).content.decode()
    assert "Làm thủ tục trên Cổng dịch vụ công" in folded and "Học trực tuyến</a>" not in folded

    students = client.get(course_index.url, {"audience": "student"}).content.decode()
    assert "Học trực tuyến</a>" in students and "Cổng dịch vụ công</a>" not in students

    by_skill = client.get(course_index.url, {"competency": "ND.4.2"}).content.decode()
    assert "Cổng dịch vụ công</a>" in by_skill and "Học trực tuyến</a>" not in by_skill

    nothing = client.get(course_index.url, {"q": "khong co gi"}).content.decode()
    assert "Không có khóa học nào phù hợp" in nothing


@pytest.mark.django_db
def test_course_page_has_a_sharing_card(client, make_course, make_item):
    course = make_course([make_item("Hướng dẫn")], title="Giữ an toàn tiền")
    body = client.get(course.course_page.url).content.decode()
    assert '<meta property="og:title" content="Giữ an toàn tiền">' in body
    assert '<meta property="og:description" content="Tóm tắt khóa học.">' in body


@pytest.mark.django_db
def test_unpublished_course_is_not_listed(client, make_course, make_item, course_index):
    course = make_course([make_item("Hướng dẫn")], title="Khóa nháp")
    course.live = False
    course.save()
    assert "Khóa nháp" not in client.get(course_index.url).content.decode()
    assert client.get(f"/courses/{course.slug}/").status_code == 404
