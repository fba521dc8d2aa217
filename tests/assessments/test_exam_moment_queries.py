"""Issue 14 §1 / 11 §4: the exam moment's hot paths run a fixed number of
queries, whatever the number of questions (figures in `make bench`)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from assessments.actions import category_for_path
from assessments.actions.questions import do_set_status
from assessments.caches import forget_held_areas
from assessments.models import (
    AttemptAreaScore,
    AttemptSlot,
    Question,
    Quiz,
    QuizRule,
    RuleKind,
)
from assessments.scoring.spec import Choice, QuestionSpec

pytestmark = pytest.mark.django_db

# Counted inside the test's transaction, so each atomic block adds a SAVEPOINT
# and its RELEASE. Start: token, quiz (no permission queries for a learner of
# the quiz's audience), history, two INSERTs (one statement on PostgreSQL); the
# first question's version comes from the versions this process keeps
# (assessments.frozen_versions), and the slots just written are not read back.
# Save: token, attempt, the slot read with its attempt locked, UPDATE. Submit:
# token, attempt, UPDATE, slots with their versions (scored and reviewed from
# memory), the result, the fractions, the area rows (one statement on PostgreSQL).
MOST = {"start": 7, "save": 6, "submit": 9}
MOST_ON_POSTGRESQL = {"start": 6, "save": 6, "submit": 7}


@pytest.fixture
def make_exam(make_question, make_quiz):
    def make(count: int) -> Quiz:
        category = f"Thi/{count}"
        for index in range(count):
            make_question(
                QuestionSpec(
                    id="",
                    qtype="single",
                    choices=(Choice("a", f"Đúng {index}", 1.0), Choice("b", "Sai", 0.0)),
                ),
                codes=("ND.5.2",) if index % 2 else ("ND.4.2",),
                category=category,
            )
        quiz = make_quiz()
        QuizRule.objects.create(
            quiz=quiz,
            position=0,
            kind=RuleKind.RANDOM,
            count=count,
            category=category_for_path(category),
        )
        return quiz

    return make


def _learner_api(make_user):
    api = APIClient()
    token = Token.objects.create(user=make_user())
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api


def _counted(call):
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code in (200, 201), response.content[:300]
    return response.json(), len(queries)


def exam_moment_queries(api, quiz) -> dict[str, int]:
    started, start = _counted(lambda: api.post(f"/api/v1/quizzes/{quiz.slug}/start/"))
    first = started["questions"][0]
    value = first["options"][0]["value"]
    _saved, save = _counted(
        lambda: api.put(
            f"/api/v1/attempts/{started['id']}/answers/{first['position']}/",
            {"response": value},
            format="json",
        )
    )
    result, submit = _counted(lambda: api.post(f"/api/v1/attempts/{started['id']}/submit/"))
    assert result["state"] == "submitted"
    assert AttemptAreaScore.objects.filter(attempt=started["id"]).count() == 2
    return {"start": start, "save": save, "submit": submit}


def test_start_save_and_submit_cost_the_same_for_5_and_30_questions(make_exam, make_user):
    figures = {}
    for count in (5, 30):
        quiz = make_exam(count)
        exam_moment_queries(_learner_api(make_user), quiz)  # fills the caches
        figures[count] = exam_moment_queries(_learner_api(make_user), quiz)
    assert figures[5] == figures[30], figures
    most_queries = MOST_ON_POSTGRESQL if connection.vendor == "postgresql" else MOST
    for step, most in most_queries.items():
        assert figures[30][step] <= most, (step, figures[30])


def test_a_cold_pool_cache_costs_a_fixed_number_of_queries_too(make_exam, make_user):
    figures = {}
    for count in (5, 30):
        quiz = make_exam(count)
        api = _learner_api(make_user)
        cache.clear()
        forget_held_areas()  # what a process holds beside the cache is cold too
        figures[count] = exam_moment_queries(api, quiz)
    assert figures[5] == figures[30], figures


def test_a_changed_question_reaches_the_next_start(make_exam, make_user):
    quiz = make_exam(5)
    _learner_api(make_user).post(f"/api/v1/quizzes/{quiz.slug}/start/")  # cached pool
    retired = list(Question.objects.filter(category__path="Thi/5")[:2])
    do_set_status(retired, "retired")
    api = _learner_api(make_user)
    started = api.post(f"/api/v1/quizzes/{quiz.slug}/start/").json()
    assert started["total"] == 3


def test_a_process_reads_a_quiz_s_plan_once_per_generation(make_exam, make_user):
    """The plan of eligible questions is held by the process at the generation
    it was read at (assessments.caches): a Start reads only the generation, so
    even with the stored plan gone from the cache it reads no rule or question."""
    quiz = make_exam(5)
    start = f"/api/v1/quizzes/{quiz.slug}/start/"
    _learner_api(make_user).post(start)  # builds, stores and holds it
    cache.delete(f"assessments:rule-pools:v2:{quiz.pk}:{int(quiz.draws_from_reviewed_pool)}")
    api = _learner_api(make_user)
    started, statements = _statements(lambda: api.post(start))
    assert not [sql for sql in statements if "assessments_quizrule" in sql], statements
    assert AttemptSlot.objects.filter(attempt_id=started["id"]).count() == 5


def _statements(call) -> tuple[dict, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code in (200, 201), response.content[:300]
    return response.json(), [query["sql"] for query in queries.captured_queries]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="one statement on PostgreSQL only")
def test_on_postgresql_start_and_submit_write_each_kind_of_row_in_one_statement(
    make_exam, make_user
):
    """A new attempt and its 30 slots are one INSERT (no transaction around
    two); the submit's 30 fractions are one UPDATE, not one run per slot."""
    quiz = make_exam(30)
    exam_moment_queries(_learner_api(make_user), quiz)  # fills the caches
    api = _learner_api(make_user)
    started, start = _statements(lambda: api.post(f"/api/v1/quizzes/{quiz.slug}/start/"))
    inserts = [sql for sql in start if "INSERT INTO" in sql]
    assert len(inserts) == 1, inserts
    # token, quiz, history, the INSERT in its savepoint (the test's transaction)
    assert len(start) <= 6, start
    assert AttemptSlot.objects.filter(attempt_id=started["id"]).count() == 30
    _result, submit = _statements(lambda: api.post(f"/api/v1/attempts/{started['id']}/submit/"))
    assert not [sql for sql in submit if " times: " in sql], submit
    assert not AttemptSlot.objects.filter(attempt_id=started["id"], fraction__isnull=True).exists()
    # The result, the 30 fractions and the area rows: one statement after the
    # state's UPDATE, in the submission's transaction (its SAVEPOINT here).
    writes = [sql for sql in submit if sql.lstrip().startswith(("UPDATE", "INSERT", "WITH"))]
    assert len(writes) == 2, writes
    assert "assessments_attemptareascore" in writes[1] and '"fraction"' in writes[1], writes
    assert AttemptAreaScore.objects.filter(attempt=started["id"]).count() == 2
    assert len(submit) <= 7, submit


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared on PostgreSQL only")
def test_on_postgresql_a_class_s_repeated_statements_are_prepared_on_the_connection(
    make_exam, make_user
):
    """PostgreSQL parses and plans the token read, the attempt read, the locked
    slot read and the answer's UPDATE once per connection (lms/core/server_bound.py),
    and the answers are stored as before."""
    quiz = make_exam(5)
    api = _learner_api(make_user)
    started = api.post(f"/api/v1/quizzes/{quiz.slug}/start/").json()
    first = started["questions"][0]
    values = [option["value"] for option in first["options"]]
    for answer in range(6):  # psycopg prepares a statement on its 5th run
        saved = api.put(
            f"/api/v1/attempts/{started['id']}/answers/{first['position']}/",
            {"response": values[answer % 2]},
            format="json",
        )
        assert saved.status_code == 200, saved.content[:300]
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('FROM "authtoken_token"' in sql for sql in prepared), prepared
    assert any('FROM "assessments_attempt"' in sql for sql in prepared), prepared
    assert any('FOR UPDATE OF "assessments_attempt"' in sql for sql in prepared), prepared
    assert any(
        sql.startswith('UPDATE "assessments_attemptslot" SET "response"') for sql in prepared
    )
    slot = AttemptSlot.objects.get(attempt_id=started["id"], position=first["position"])
    assert slot.response is not None and slot.answered_at is not None


@pytest.mark.parametrize("attempt_id", ["abc", "99999999999999999999", "-1", "2147483648"])
def test_an_attempt_id_that_is_no_attempt_is_404(make_exam, make_user, attempt_id):
    quiz = make_exam(5)
    api = _learner_api(make_user)
    assert api.post(f"/api/v1/quizzes/{quiz.slug}/start/").status_code == 201
    assert api.post(f"/api/v1/attempts/{attempt_id}/submit/").status_code == 404
    assert api.put(
        f"/api/v1/attempts/{attempt_id}/answers/1/", {"response": "x"}, format="json"
    ).status_code in (404, 400)


def test_another_learners_attempt_and_a_position_beyond_the_column_are_refused(
    make_exam, make_user
):
    quiz = make_exam(5)
    owner = _learner_api(make_user)
    started = owner.post(f"/api/v1/quizzes/{quiz.slug}/start/").json()
    other = _learner_api(make_user)
    assert other.post(f"/api/v1/attempts/{started['id']}/submit/").status_code == 404
    answer = owner.put(
        f"/api/v1/attempts/{started['id']}/answers/99999/", {"response": "x"}, format="json"
    )
    assert answer.status_code == 400, answer.content
    assert answer.json()["code"] == "question_not_in_attempt"


def test_each_new_slot_stores_its_own_questions_option_order(bank, make_quiz, make_user):
    """The slots' option orders are written together (one JSON document on
    PostgreSQL): each slot gets the order of its own question's options."""
    from assessments.responses import shuffle_material

    quiz = make_quiz(bank, shuffle_options=True)
    started = _learner_api(make_user).post(f"/api/v1/quizzes/{quiz.slug}/start/").json()
    slots = AttemptSlot.objects.filter(attempt_id=started["id"]).select_related("question_version")
    assert slots.count() == len(bank)
    for slot in slots:
        _kind, ids = shuffle_material(slot.question_version.question_spec)
        assert sorted(slot.option_order) == sorted(ids), (slot.position, slot.option_order, ids)
    assert started["total"] == len(bank) and started["answered"] == []
    assert started["questions"][0]["position"] == 1


def test_attempts_started_one_after_another_store_their_own_values(make_exam, make_user):
    """The INSERT's text is built once per process; each Start's values are its own."""
    from assessments.models import Attempt

    quiz = make_exam(5)
    timed = make_exam(5)
    Quiz.objects.filter(pk=timed.pk).update(time_limit_minutes=15)
    ids = []
    for each in (quiz, timed, quiz):
        api = _learner_api(make_user)
        ids.append(api.post(f"/api/v1/quizzes/{each.slug}/start/").json()["id"])
    first, second, third = (Attempt.objects.get(pk=pk) for pk in ids)
    assert (first.quiz_id, second.quiz_id, third.quiz_id) == (quiz.pk, timed.pk, quiz.pk)
    assert first.deadline is None and third.deadline is None
    assert round((second.deadline - second.started_at).total_seconds()) == 15 * 60
    assert len({first.user_id, second.user_id, third.user_id}) == 3
    assert (first.number, first.state, first.learner_audience) == (1, "open", "resident")


def test_a_submission_scores_each_slot_with_its_own_version(bank, make_quiz, make_user):
    """Versions are kept per process (assessments.frozen_versions): a second
    learner's submission, served from them, scores and reviews exactly as the
    first's, read from the database."""
    from assessments.models import Attempt

    quiz = make_quiz(bank, shuffle_options=True)
    results = []
    for _learner in range(2):
        api = _learner_api(make_user)
        started = api.post(f"/api/v1/quizzes/{quiz.slug}/start/").json()
        question = started["questions"][0]
        api.put(
            f"/api/v1/attempts/{started['id']}/answers/1/",
            {"response": question["options"][0]["value"] if question["options"] else "x"},
            format="json",
        )
        result = api.post(f"/api/v1/attempts/{started['id']}/submit/").json()
        attempt = Attempt.objects.get(pk=started["id"])
        stems = [
            slot.question_version.stem
            for slot in attempt.slots.select_related("question_version").order_by("position")
        ]
        assert [str(item["stem"]) for item in result.get("review", [])] in ([], stems)
        results.append((result["max_points"], attempt.max_points, attempt.result["per_area"]))
    assert results[0][0] == results[1][0] == results[0][1] == len(bank)


@pytest.mark.parametrize("shuffle", [False, True])
def test_the_first_payload_from_memory_equals_the_resumed_one_from_the_database(
    bank, make_quiz, make_user, shuffle
):
    quiz = make_quiz(bank, shuffle_options=shuffle, shuffle_questions=shuffle)
    api = _learner_api(make_user)
    started = api.post(f"/api/v1/quizzes/{quiz.slug}/start/")
    resumed = api.post(f"/api/v1/quizzes/{quiz.slug}/start/")
    assert started.json()["id"] == resumed.json()["id"]
    assert started.content == resumed.content
