"""Issue 9, point 3: who sees whose results. Instructors see their own quizzes'
results and their unit's learners, managers their scope, superusers all, nobody
else; every page, API endpoint, export and the grading queue obeys one rule."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from assessments.access import attempts_visible_to
from assessments.actions import save_answer, start_or_resume_attempt, submit_attempt
from lms.accounts.roles import Role

pytestmark = pytest.mark.django_db

VILLAGE = "Học Viên Tổ Một"
SON_MAI = "Học Viên Sơn Mai"
NO_UNIT = "Học Viên Tự Do"
EVERYONE = {VILLAGE, SON_MAI, NO_UNIT}


@pytest.fixture
def people(make_user, unit_tree):
    return {
        "village": make_user(full_name=VILLAGE, home_unit=unit_tree["village"]),
        "son_mai": make_user(full_name=SON_MAI, home_unit=unit_tree["son_mai"]),
        "no_unit": make_user(full_name=NO_UNIT),
        "lone_instructor": make_user(Role.INSTRUCTOR, full_name="GV Không Đơn Vị", audience=""),
        "ward_instructor": make_user(
            Role.INSTRUCTOR, full_name="GV Hoàn Kiếm", home_unit=unit_tree["hoan_kiem"]
        ),
        "province_manager": make_user(
            Role.UNIT_MANAGER, full_name="QL Quảng Ngãi", home_unit=unit_tree["quang_ngai"]
        ),
        "unitless_manager": make_user(Role.UNIT_MANAGER, full_name="QL Không Đơn Vị"),
        "editor": make_user(Role.EDITOR, full_name="Biên Tập"),
        "administrator": make_user(Role.ADMINISTRATOR, full_name="Quản Trị"),
    }


@pytest.fixture
def quizzes(people, bank, make_quiz):
    """``own``: created by the instructor without a unit; ``shared``: by nobody.
    The three learners submit both (with an essay answer waiting to be graded)."""
    own = make_quiz(bank, created_by=people["lone_instructor"], title="Bài của GV")
    shared = make_quiz(bank, title="Bài chung")
    for quiz in (own, shared):
        for key in ("village", "son_mai", "no_unit"):
            attempt = start_or_resume_attempt(quiz, people[key])
            save_answer(people[key], attempt.pk, 8, f"Bài luận của {people[key].full_name}")
            submit_attempt(attempt)
    return {"own": own, "shared": shared}


def names_on_results_page(client, user, quiz):
    client.force_login(user)
    response = client.get(reverse("assessments:quiz_results", args=[quiz.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    return {name for name in EVERYONE if name in html}


def names_in_csv(client, user, quiz):
    client.force_login(user)
    response = client.get(reverse("assessments:quiz_results_export", args=[quiz.pk, "csv"]))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return {row[0] for row in list(csv.reader(io.StringIO(text)))[1:]}


def names_in_xlsx(client, user, quiz):
    client.force_login(user)
    response = client.get(reverse("assessments:quiz_results_export", args=[quiz.pk, "xlsx"]))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    return {row[0] for row in rows[1:]}


def names_in_api(user, quiz):
    from lms.accounts.models import User

    api = APIClient()
    api.force_authenticate(user)
    response = api.get(f"/api/v1/quiz-results/{quiz.slug}/")
    assert response.status_code == 200
    body = response.json()
    usernames = [row["user"] for row in body["attempts"]]
    counted = {row["attempts"] for row in body["questions"]}
    assert counted <= {len(usernames)}  # statistics over the visible attempts only
    return set(User.objects.filter(username__in=usernames).values_list("full_name", flat=True))


def everywhere(client, user, quiz):
    """What ``user`` sees of ``quiz`` on the page, both exports and the API:
    all four must agree."""
    seen = [
        names_on_results_page(client, user, quiz),
        names_in_csv(client, user, quiz),
        names_in_xlsx(client, user, quiz),
        names_in_api(user, quiz),
    ]
    assert all(s == seen[0] for s in seen), seen
    return seen[0]


def test_an_instructor_without_a_unit_sees_only_their_own_quiz(client, people, quizzes):
    instructor = people["lone_instructor"]
    assert everywhere(client, instructor, quizzes["shared"]) == set()
    assert everywhere(client, instructor, quizzes["own"]) == EVERYONE


def test_an_instructor_with_a_unit_sees_the_learners_of_their_unit(client, people, quizzes):
    instructor = people["ward_instructor"]
    assert everywhere(client, instructor, quizzes["shared"]) == {VILLAGE}
    assert everywhere(client, instructor, quizzes["own"]) == {VILLAGE}


def test_a_manager_sees_their_scope_only(client, people, quizzes):
    assert everywhere(client, people["province_manager"], quizzes["shared"]) == {SON_MAI}
    assert everywhere(client, people["unitless_manager"], quizzes["shared"]) == set()


def test_administrators_see_everything(client, people, quizzes):
    assert everywhere(client, people["administrator"], quizzes["shared"]) == EVERYONE


@pytest.mark.parametrize("who", ["village", "editor"])
def test_learners_and_editors_are_refused(client, people, quizzes, who):
    user = people[who]
    client.force_login(user)
    quiz = quizzes["own"]
    for url in (
        reverse("assessments:quiz_results", args=[quiz.pk]),
        reverse("assessments:quiz_results_export", args=[quiz.pk, "csv"]),
        reverse("assessments:quiz_results_export", args=[quiz.pk, "xlsx"]),
    ):
        assert client.get(url).status_code == 403
    api = APIClient()
    api.force_authenticate(user)
    assert api.get(f"/api/v1/quiz-results/{quiz.slug}/").status_code == 403
    assert not attempts_visible_to(user).exists()


def test_the_grading_queue_follows_the_same_rule(client, people, quizzes):
    from assessments.models import AttemptSlot

    instructor = people["ward_instructor"]
    client.force_login(instructor)
    html = client.get(reverse("assessments:grading")).content.decode()
    visible = AttemptSlot.objects.filter(position=8, attempt__user=people["village"])
    hidden = AttemptSlot.objects.filter(position=8, attempt__user=people["son_mai"])
    for slot in visible:
        assert reverse("assessments:grade", args=[slot.pk]) in html
    for slot in hidden:
        assert reverse("assessments:grade", args=[slot.pk]) not in html
        url = reverse("assessments:grade", args=[slot.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"percent": "100"}).status_code == 404
        slot.refresh_from_db()
        assert slot.manual_fraction is None


def test_the_grading_action_refuses_attempts_out_of_sight(people, quizzes):
    from assessments.actions import grade_essay
    from assessments.actions.errors import AttemptNotFound
    from assessments.models import AttemptSlot

    slot = AttemptSlot.objects.get(
        position=8, attempt__user=people["son_mai"], attempt__quiz=quizzes["shared"]
    )
    with pytest.raises(AttemptNotFound):
        grade_essay(slot.pk, 1.0, people["ward_instructor"])
    slot.refresh_from_db()
    assert slot.manual_fraction is None


def test_the_rule_per_role(people, quizzes):
    def seen(user):
        return set(attempts_visible_to(user).values_list("user__full_name", "quiz__title"))

    everyone_both = {(n, t) for n in EVERYONE for t in ("Bài của GV", "Bài chung")}
    assert seen(people["administrator"]) == everyone_both
    assert seen(people["lone_instructor"]) == {(n, "Bài của GV") for n in EVERYONE}
    assert seen(people["ward_instructor"]) == {(VILLAGE, "Bài của GV"), (VILLAGE, "Bài chung")}
    assert seen(people["province_manager"]) == {(SON_MAI, "Bài của GV"), (SON_MAI, "Bài chung")}
    for nobody in ("unitless_manager", "editor", "village"):
        assert seen(people[nobody]) == set()
