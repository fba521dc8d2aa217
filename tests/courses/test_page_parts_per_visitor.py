"""The course page and a step page are partly kept between requests (the parts
the same for every visitor). What each visitor sees must still be theirs: the
next-step link judged on their groups, their sign-in state, their language,
their progress, their CSRF token, and an editor's change on the next request.
Each test renders the same page for different visitors in turn (and back), so
a part kept for the first one would show to the next."""

import re

import pytest
from django.contrib.auth.models import Group
from django.middleware.csrf import _unmask_cipher_token
from django.urls import reverse
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

DONE_VI = '<p class="message success">✓ Bạn đã học xong bước này.</p>'
DONE_EN = '<p class="message success">✓ You have finished this step.</p>'


def _url(course, step):
    return reverse("courses:step", args=[course.slug, step.pk])


def _enrol(client, user, course):
    client.force_login(user)
    client.post(reverse("courses:enrol", args=[course.slug]))


def _links(body: str) -> list[str]:
    end = body[body.index('id="course-step-end"') :]
    return re.findall(r'href="([^"]+)"', end[: end.index("</section>")])


def _to_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})


def _to_vietnamese(client):
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})


def test_a_group_member_and_an_outsider_get_their_own_next_step_on_the_same_step_page(
    client, make_user, make_course, make_item
):
    reserved = make_item("Bài riêng của tổ")
    group = Group.objects.create(name="Tổ công nghệ số thôn 2")
    PageViewRestriction.objects.create(page=reserved, restriction_type="groups").groups.add(group)
    first, last = make_item("Bài đầu"), make_item("Bài cuối")
    course = make_course([first, reserved, last], slug="nhom-va-ngoai")
    steps = list(course.steps.order_by("sort_order"))
    member, outsider = make_user(), make_user()
    member.groups.add(group)

    seen = {}
    for who, user in [("member", member), ("outsider", outsider), ("member again", member)]:
        _enrol(client, user, course)
        body = client.get(_url(course, steps[0])).content.decode()
        seen[who] = _links(body)
        course_body = client.get(course.course_page.url).content.decode()
        assert ("Bài riêng của tổ" in course_body) == (user == member), who
    assert _url(course, steps[1]) in seen["member"]
    assert _url(course, steps[1]) not in seen["outsider"]
    assert _url(course, steps[2]) in seen["outsider"]
    assert seen["member again"] == seen["member"]


def test_anonymous_and_signed_in_visitors_of_the_course_page_each_see_their_own_parts(
    client, make_user, make_course, three_items
):
    course = make_course(three_items, slug="an-danh")
    user = make_user()
    _enrol(client, user, course)
    signed_in = client.get(course.course_page.url).content.decode()
    client.logout()
    anonymous = client.get(course.course_page.url).content.decode()
    client.force_login(user)
    again = client.get(course.course_page.url).content.decode()
    for body in (signed_in, again):
        assert "Đăng xuất" in body and "Bắt đầu bước đầu tiên" in body
        assert "Đăng nhập để ghi danh" not in body
    assert "Đăng nhập để ghi danh" in anonymous and "Đăng xuất" not in anonymous
    assert "Bắt đầu bước đầu tiên" not in anonymous
    # A step page sends an anonymous visitor to sign in, never a kept page.
    client.logout()
    step = course.steps.order_by("sort_order").first()
    response = client.get(_url(course, step))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_same_pages_in_vietnamese_then_english_and_back_never_mix_languages(
    client, make_user, make_course, three_items
):
    course = make_course(three_items, slug="hai-thu-tieng")
    steps = list(course.steps.order_by("sort_order"))
    _enrol(client, make_user(), course)
    client.post(_url_progress(course, steps[0]), {"event": "confirm"})
    pages = [course.course_page.url, _url(course, steps[0]), _url(course, steps[1])]
    vietnamese = {
        "Nội dung khóa học",
        "Đăng xuất",
    }
    english = {"Course outline", "Sign out"}
    for round_ in range(2):
        _assert_only_in(client, pages, "vi", vietnamese, english, round_)
        assert DONE_VI in client.get(pages[1]).content.decode()
        _to_english(client)
        _assert_only_in(client, pages, "en", english, vietnamese, round_)
        assert DONE_EN in client.get(pages[1]).content.decode()
        _to_vietnamese(client)


def _assert_only_in(client, pages, language, expected, other, round_):
    """Every page in ``language``: its texts all there, none of the other language's."""
    for url in pages:
        body = client.get(url).content.decode()
        assert f'lang="{language}"' in body
        assert all(text in body for text in expected), (round_, url)
        assert not any(text in body for text in other), (round_, url)


def _url_progress(course, step):
    return reverse("courses:progress", args=[course.slug, step.pk])


def test_an_edit_published_to_the_item_or_the_course_page_shows_on_the_next_request(
    client, make_user, make_course, three_items
):
    course = make_course(three_items, slug="sua-trang")
    steps = list(course.steps.order_by("sort_order"))
    _enrol(client, make_user(), course)
    step_url = _url(course, steps[1])
    course_url = course.course_page.url
    assert "Video lừa đảo" in client.get(step_url).content.decode()
    client.get(course_url)

    item = steps[1].page.specific
    item.title = "Video lừa đảo qua điện thoại (bản mới)"
    item.save_revision().publish()
    assert "bản mới" in client.get(step_url).content.decode()
    assert "bản mới" in client.get(course_url).content.decode()

    page = course.course_page.specific
    page.intro = "<p>Giới thiệu đã sửa hôm nay.</p>"
    page.title = "Khóa học đã đổi tên"
    page.save_revision().publish()
    body = client.get(course_url).content.decode()
    assert "Giới thiệu đã sửa hôm nay." in body and "Khóa học đã đổi tên" in body


def test_a_step_marked_done_shows_done_for_that_learner_only(
    client, make_user, make_course, three_items
):
    course = make_course(three_items, slug="xong-cua-ai")
    steps = list(course.steps.order_by("sort_order"))
    step_url = _url(course, steps[0])
    doer, other = make_user(), make_user()
    _enrol(client, other, course)
    client.get(step_url)
    client.get(course.course_page.url)
    _enrol(client, doer, course)
    client.post(_url_progress(course, steps[0]), {"event": "confirm"})
    mine = client.get(step_url).content.decode()
    my_course = client.get(course.course_page.url).content.decode()
    assert DONE_VI in mine and "33% đã xong" in my_course

    client.force_login(other)
    theirs = client.get(step_url).content.decode()
    their_course = client.get(course.course_page.url).content.decode()
    assert DONE_VI not in theirs and 'name="event" value="confirm"' in theirs
    assert "0% đã xong" in their_course and "33% đã xong" not in their_course
    client.force_login(doer)
    assert DONE_VI in client.get(step_url).content.decode()


def test_every_visitor_gets_their_own_csrf_token_and_path_in_the_kept_page(
    client, make_user, make_course, three_items
):
    course = make_course(three_items, slug="ma-rieng")
    steps = list(course.steps.order_by("sort_order"))
    tokens = []
    for _ in range(2):
        client.cookies.clear()
        _enrol(client, make_user(), course)
        body = client.get(_url(course, steps[0])).content.decode()
        found = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        # Sign out, text size, language, "I have finished": each the visitor's own.
        assert len(found) == 4
        secret = client.cookies["csrftoken"].value
        assert {_unmask_cipher_token(token) for token in found} == {secret}
        tokens.append(set(found))
        # The text-size and language switches send the visitor back to this very page.
        assert _next_paths(body) == [_url(course, steps[0])] * 2
        other = client.get(_url(course, steps[1])).content.decode()
        assert _next_paths(other) == [_url(course, steps[1])] * 2
    assert not tokens[0] & tokens[1]


def _next_paths(body: str) -> list[str]:
    return re.findall(r'<input[^>]*name="next"[^>]*value="([^"]*)"', body)


def _bar(body: str) -> str:
    start = body.index('<nav class="course-bar"')
    return body[start : body.index("</nav>", start)]


def test_the_course_bar_shows_each_learners_own_done_mark_and_a_renamed_course_at_once(
    client, make_user, make_course, three_items
):
    course = make_course(three_items, slug="thanh-buoc", title="Khóa cũ")
    steps = list(course.steps.order_by("sort_order"))
    doer, other = make_user(), make_user()
    _enrol(client, doer, course)
    client.post(_url_progress(course, steps[1]), {"event": "confirm"})
    seen = {}
    for who, user in [("doer", doer), ("other", other), ("doer again", doer)]:
        _enrol(client, user, course)
        seen[who] = _bar(client.get(_url(course, steps[1])).content.decode())
    assert "Bước 2 / 3 · ✓ Đã xong" in seen["doer"] and seen["doer again"] == seen["doer"]
    assert "Bước 2 / 3" in seen["other"] and "Đã xong" not in seen["other"]
    _to_english(client)
    assert "Step 2 of 3 · ✓ Done" in _bar(client.get(_url(course, steps[1])).content.decode())
    _to_vietnamese(client)

    course.title = "Khóa mới"
    course.save()
    renamed = _bar(client.get(_url(course, steps[1])).content.decode())
    assert "Khóa mới" in renamed and "Khóa cũ" not in renamed


def _progress(body: str) -> str:
    start = body.index('<section class="course-outline"')
    return body[start : body.index('<h2 id="outline-heading">', start)]


def test_the_part_above_the_outline_is_each_visitors_own(
    client, make_user, make_course, three_items
):
    course = make_course(three_items, slug="phan-tren")
    page_url = course.course_page.url
    newcomer, learner = make_user(), make_user()
    _enrol(client, learner, course)
    seen = {}
    for who, user in [("newcomer", newcomer), ("learner", learner), ("newcomer again", newcomer)]:
        client.force_login(user)
        body = client.get(page_url).content.decode()
        seen[who] = _progress(body)
        if who.startswith("newcomer"):
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', seen[who])[1]
            secret = client.cookies["csrftoken"].value
            assert _unmask_cipher_token(token) == secret
    enrol_url = reverse("courses:enrol", args=[course.slug])
    assert f'action="{enrol_url}"' in seen["newcomer"] and "Bắt đầu" not in seen["newcomer"]
    assert "Bắt đầu bước đầu tiên" in seen["learner"] and enrol_url not in seen["learner"]
    assert "0% đã xong" in seen["learner"]
    assert f'action="{enrol_url}"' in seen["newcomer again"]
    client.logout()
    anonymous = _progress(client.get(page_url).content.decode())
    assert f"/accounts/login/?next={page_url}" in anonymous and enrol_url not in anonymous


def test_a_renamed_ancestor_shows_in_the_course_pages_breadcrumb_on_the_next_request(
    client, make_user, make_course, three_items, course_index
):
    course = make_course(three_items, slug="duong-dan")
    _enrol(client, make_user(), course)
    page_url = course.course_page.url
    assert f">{course_index.title}</a>" in client.get(page_url).content.decode()
    course_index.title = "Các khóa học của xã"
    course_index.save_revision().publish()
    body = client.get(page_url).content.decode()
    assert '<a href="/' in body[body.index('class="breadcrumb"') :]
    assert ">Các khóa học của xã</a>" in body
