"""Every learner page at 360 px (no horizontal overflow, touch targets ≥ 44 px)
and every learner and main staff page through axe-core (WCAG 2.2 AA), on the
demo site, in headless Chromium."""

import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command

from .pages import (
    axe_source,
    axe_violations,
    horizontal_overflow,
    page_weight_kb,
    phone_details,
    small_targets,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 780}
LAPTOP = {"width": 1280, "height": 800}


def learner_pages():
    from assessments.certificates.models import Certificate
    from assessments.models import Quiz
    from cms.models import LibraryItemPage
    from courses.models import Course

    pages = ["/", "/search/?q=dich+vu+cong", "/quizzes/", "/live/", "/accounts/login/"]
    pages += ["/accounts/signup/", "/offline/", "/certificates/verify/", "/privacy/notice/"]
    for kind in ("guidepage", "videopage", "infographicpage", "lessonpage", "documentpage"):
        item = LibraryItemPage.objects.live().filter(content_type__model=kind).first()
        if item:
            pages.append(item.url)
            pages.append(item.get_parent().url)
    quiz = Quiz.objects.filter(is_published=True).first()
    if quiz:
        pages.append(f"/quizzes/{quiz.slug}/")
    certificate = Certificate.objects.first()
    if certificate:
        pages.append(f"/certificates/verify/{certificate.code}/")
    course = Course.objects.filter(live=True).order_by("pk").first()
    if course:
        pages.append(f"/courses/{course.slug}/")
    return list(dict.fromkeys(pages))


SIGNED_IN_LEARNER = ["/accounts/me/", "/accounts/me/audience/", "/privacy/"]


def staff_pages() -> dict[str, list[str]]:
    """The main staff pages of the demo: the instructor's bank, quiz builder,
    results, grading, classes and live start; the manager's people, units,
    movement dashboard, certificate export and audit trail."""
    from assessments.models import Question, Quiz
    from courses.models import CommunityClass
    from movement.demo import DEMO_UNIT_CODE

    quiz = Quiz.objects.filter(created_by__username="giangvien").order_by("pk").first()
    quiz = quiz or Quiz.objects.order_by("pk").first()
    question = Question.objects.order_by("pk").first()
    taught = CommunityClass.objects.filter(instructors__username="giangvien").order_by("pk")
    community_class = taught.first() or CommunityClass.objects.order_by("pk").first()
    session = community_class.sessions.order_by("pk").first()
    classes = f"/classes/{community_class.pk}"
    ward = f"/phong-trao/{DEMO_UNIT_CODE}"
    return {
        "giangvien": [
            "/accounts/me/",
            "/quizzes/manage/questions/",
            "/quizzes/manage/questions/new/",
            f"/quizzes/manage/questions/{question.pk}/edit/",
            f"/quizzes/manage/questions/{question.pk}/preview/",
            "/quizzes/manage/questions/import/",
            "/quizzes/manage/quizzes/",
            "/quizzes/manage/quizzes/new/",
            f"/quizzes/manage/quizzes/{quiz.pk}/edit/",
            f"/quizzes/manage/quizzes/{quiz.pk}/results/",
            "/quizzes/manage/grading/",
            "/live/new/",
            "/classes/",
            "/classes/new/",
            f"{classes}/",
            f"{classes}/cards/",
            f"{classes}/sessions/{session.pk}/attendance/",
            f"{classes}/report/",
        ],
        "kiemduyet": ["/quizzes/manage/questions/review/"],
        "quanly": [
            "/accounts/me/",
            "/accounts/manage/people/",
            "/units/",
            f"/units/{DEMO_UNIT_CODE}/",
            "/phong-trao/",
            f"{ward}/",
            f"{ward}/so-lieu/",
            f"{ward}/bao-cao/",
            f"{ward}/bao-phu/",
            f"{ward}/xep-hang/",
            "/certificates/export/",
            "/certificates/print/",
            "/audit/",
        ],
    }


QUESTION_PAGES = 6


def _demo_unit():
    """The demo accounts' ward, without loading all 3,355 units."""
    from lms.units.models import Unit, UnitKind

    hanoi = Unit.objects.create(code="01", name="Thành phố Hà Nội", kind=UnitKind.CITY, path="01/")
    Unit.objects.create(
        code="00070", name="Phường Hoàn Kiếm", kind=UnitKind.WARD, parent=hanoi, path="01/00070/"
    )


def _resident_quiz_url():
    from assessments.models import Quiz

    quiz = Quiz.objects.filter(is_published=True, audience="resident").order_by("pk").first()
    return f"/quizzes/{quiz.slug}/"


def _sign_in(context, live_server, login):
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", login)
    page.fill("input[name=password]", settings.DEMO_PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_load_state()
    if "/privacy/consent/" in page.url:  # the demo accounts meet the notice first
        page.check("input[name=agree]")
        page.locator("form:has(input[name=agree]) button[type=submit]").click()
        page.wait_for_load_state()
    return page


def test_every_page_fits_a_phone_and_passes_axe(live_server, browser):
    _demo_unit()
    call_command("seed_demo", "--skip-units", stdout=io.StringIO())
    source = axe_source()
    problems, weights = {}, {}

    def check(page, url, phone):
        response = page.goto(live_server.url + url)
        found = {}
        if response.status != 200:
            found["status"] = response.status
        if phone:
            weights[url] = page_weight_kb(page)
            details = phone_details(page)
            if details:
                found["details"] = details[:5]
            overflow = horizontal_overflow(page)
            if overflow:
                found["overflow_px"] = overflow
            small = small_targets(page)
            if small:
                found["small_targets"] = small[:5]
        violations = axe_violations(page, source)
        if violations:
            found["axe"] = violations
        if found:
            problems[f"{url} @{'360' if phone else '1280'}"] = found

    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    for url in learner_pages():
        check(page, url, phone=True)
    learner = _sign_in(
        browser.new_context(viewport=PHONE, bypass_csp=True), live_server, "0912345678"
    )
    from assessments.models import Attempt

    done = Attempt.objects.filter(user__username="hocvien", submitted_at__isnull=False)
    results = [f"/quizzes/attempt/{a.pk}/result/" for a in done.order_by("pk")[:1]]
    for url in SIGNED_IN_LEARNER + results:
        check(learner, url, phone=True)
    # A quiz as the learner takes it: one question per page, every question type.
    learner.goto(live_server.url + _resident_quiz_url())
    learner.locator("form[action$='/start/'] button[type=submit]").click()
    learner.wait_for_url("**/q/1/")
    attempt_base = learner.url.rsplit("/q/", 1)[0].replace(live_server.url, "")
    for position in range(1, QUESTION_PAGES + 1):
        check(learner, f"{attempt_base}/q/{position}/", phone=True)
    for login, urls in staff_pages().items():
        staff = _sign_in(browser.new_context(viewport=LAPTOP, bypass_csp=True), live_server, login)
        for url in urls:
            check(staff, url, phone=False)
    print("page weights (KB):", json.dumps(weights, ensure_ascii=False))
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)
