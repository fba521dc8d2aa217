"""What a class's Submits share is built once per process (issue 14): the
framework's areas held for a second beside the cache, and each question
version's review parts (by language). Results stay those of a fresh read."""

import pytest
from django.core.cache import cache
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from assessments.caches import _areas_key
from assessments.models import AttemptAreaScore, AttemptSlot
from assessments.presentation import review
from assessments.scoring.spec import Choice, QuestionSpec
from lms.framework.models import Competency, CompetencyArea

pytestmark = pytest.mark.django_db


def _learner_api(make_user):
    api = APIClient()
    token = Token.objects.create(user=make_user())
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api


def _single(make_question, code: str):
    return make_question(
        QuestionSpec(
            id="", qtype="single", choices=(Choice("a", "Đúng", 1.0), Choice("b", "Sai", 0.0))
        ),
        codes=(code,),
    )


def _submitted(make_user, quiz) -> dict:
    api = _learner_api(make_user)
    started = api.post(f"/api/v1/quizzes/{quiz.slug}/start/").json()
    result = api.post(f"/api/v1/attempts/{started['id']}/submit/")
    assert result.status_code == 200, result.content[:300]
    return result.json()


def test_a_second_submit_scores_with_the_areas_the_process_holds(
    make_question, make_quiz, make_user, framework
):
    quiz = make_quiz([_single(make_question, "ND.4.2"), _single(make_question, "ND.5.2")])
    _submitted(make_user, quiz)
    cache.delete(_areas_key(framework.pk))
    result = _submitted(make_user, quiz)
    # Held: neither read from the cache nor rebuilt and stored again.
    assert cache.get(_areas_key(framework.pk)) is None
    assert AttemptAreaScore.objects.filter(attempt=result["id"]).count() == 2


def test_a_competency_moved_in_this_process_scores_in_its_new_area_at_once(
    make_question, make_quiz, make_user, framework
):
    quiz = make_quiz([_single(make_question, "ND.4.2"), _single(make_question, "ND.5.2")])
    first = _submitted(make_user, quiz)
    assert set(first["per_area"]) == {"ND.4", "ND.5"}
    moved = Competency.objects.get(framework=framework, code="ND.5.2")
    moved.area = CompetencyArea.objects.get(framework=framework, code="ND.4")
    moved.save()
    second = _submitted(make_user, quiz)
    assert set(second["per_area"]) == {"ND.4"}
    assert AttemptAreaScore.objects.filter(attempt=second["id"]).count() == 1


def test_a_version_s_review_parts_follow_the_language(make_question, make_quiz, make_user):
    question = make_question(
        QuestionSpec(
            id="",
            qtype="truefalse",
            choices=(Choice("true", "Đúng", 1.0), Choice("false", "Sai", 0.0)),
        )
    )
    quiz = make_quiz([question])
    api = _learner_api(make_user)
    started = api.post(f"/api/v1/quizzes/{quiz.slug}/start/").json()
    slot = AttemptSlot.objects.select_related("question_version").get(attempt=started["id"])
    slot.response = "false"
    options = {"responses", "right_answer"}
    with translation.override("vi"):
        vietnamese = review(slot, options)
    with translation.override("en"):
        english = review(slot, options)
        assert review(slot, options, "en") == english
    assert (vietnamese["response"], vietnamese["right_answer"]) == ("Sai", "Đúng")
    assert (english["response"], english["right_answer"]) == ("False", "True")


def test_a_first_submission_reads_what_scoring_needs_and_the_rest_on_access(
    bank, make_quiz, make_user
):
    """The slots kept after a Submit hold what scoring and the review read;
    the columns left deferred (option order, answer time, grader) still read
    what is stored."""
    from assessments.actions import start_or_resume_attempt, submit_attempt
    from assessments.models import Attempt

    user = make_user()
    quiz = make_quiz(bank, shuffle_options=True)
    attempt = start_or_resume_attempt(quiz, user)
    AttemptSlot.objects.filter(attempt=attempt, position=1).update(
        response="x", answered_at="2026-01-02T03:04:05Z"
    )
    attempt = Attempt.objects.select_related("quiz__framework").get(pk=attempt.pk)
    submitted = submit_attempt(attempt).attempt
    kept = submitted.kept_slots()
    stored = list(AttemptSlot.objects.filter(attempt=attempt).order_by("position"))
    assert [slot.pk for slot in kept] == [slot.pk for slot in stored]
    assert {"option_order", "answered_at", "graded_by_id"} <= kept[0].get_deferred_fields()
    for fast, slow in zip(kept, stored, strict=True):
        assert (fast.attempt_id, fast.position, fast.response, fast.fraction) == (
            slow.attempt_id,
            slow.position,
            slow.response,
            slow.fraction,
        )
        assert (fast.option_order, fast.answered_at, fast.graded_by_id) == (
            slow.option_order,
            slow.answered_at,
            slow.graded_by_id,
        )


def test_a_review_asks_the_storage_for_the_image_url_each_time(make_question, make_quiz, make_user):
    """Object storage with signed URLs (S3_QUERYSTRING_AUTH) gives a URL that
    expires: a version's held review parts must not keep it past the request."""
    from itertools import count
    from unittest import mock

    from django.core.files.base import ContentFile

    question = _single(make_question, "1.1")
    version = question.versions.latest("created_at")
    version.image.save("q.png", ContentFile(b"\x89PNG"), save=True)
    quiz = make_quiz([question])
    api = _learner_api(make_user)
    started = api.post(f"/api/v1/quizzes/{quiz.slug}/start/").json()
    slot = AttemptSlot.objects.select_related("question_version").get(attempt=started["id"])
    signatures = count(1)
    storage = version.image.storage._wrapped  # the default storage, already set up
    with mock.patch.object(storage, "url", lambda name: f"/m/{name}?sig={next(signatures)}"):
        first = review(slot, set(), "vi")["image_url"]
        second = review(slot, set(), "vi")["image_url"]
    assert first.endswith("?sig=1") and second.endswith("?sig=2")
