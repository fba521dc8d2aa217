"""Issue 11 §1: the assessments core announces "attempt graded" after the grading
commits, and certificates subscribe. Submitting or hand-grading an attempt issues
the certificate (real rows: certificate, message, audit event); a grading that
rolls back issues nothing."""

import pytest
from django.db import transaction

from assessments.actions import grade_essay
from assessments.certificates import receivers
from assessments.certificates.issuing import ISSUED_VERB
from assessments.certificates.models import Certificate, Notification
from assessments.models import AttemptSlot, QuestionVersion
from assessments.signals import attempt_graded
from lms.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_submitting_a_passing_attempt_issues_the_certificate_after_commit(
    learner, completion_quiz, take_quiz, issuer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        attempt = take_quiz(learner, completion_quiz)
        assert not Certificate.objects.exists()  # nothing before the commit
    assert attempt.passed
    for callback in callbacks:  # what the commit runs
        with django_capture_on_commit_callbacks(execute=True):
            callback()

    certificate = Certificate.objects.get(user=learner)
    assert certificate.attempt_id == attempt.pk
    assert Notification.objects.filter(user=learner, certificate=certificate).exists()
    event = AuditEvent.objects.get(verb=ISSUED_VERB, target_id=str(certificate.pk))
    assert event.target_type == "certificates.certificate"
    assert event.unit_id == certificate.unit_id
    assert event.extra["attempt"] == attempt.pk


def test_a_failed_attempt_issues_nothing(
    learner, completion_quiz, take_quiz, resident_areas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        take_quiz(learner, completion_quiz, wrong_areas={resident_areas[0].code})
    assert not Certificate.objects.exists()
    assert not AuditEvent.objects.filter(verb=ISSUED_VERB).exists()


def _essay_slot(attempt, quiz, make_user):
    """Turn one slot of a submitted attempt into an essay waiting for a grader."""
    slot = attempt.slots.order_by("position").first()
    version = slot.question_version
    question = version.question
    question.qtype = "essay"
    question.save(update_fields=["qtype"])
    spec = dict(version.spec, qtype="essay", choices=[])
    QuestionVersion.objects.filter(pk=version.pk).update(spec=spec)
    return AttemptSlot.objects.get(pk=slot.pk)


def test_hand_grading_announces_after_commit_and_a_rollback_announces_nothing(
    learner, completion_quiz, take_quiz, make_user, django_capture_on_commit_callbacks
):
    seen = []

    def listener(sender, attempt, **kwargs):
        seen.append((attempt.pk, attempt.passed))

    attempt_graded.connect(listener, dispatch_uid="test-listener")
    try:
        with django_capture_on_commit_callbacks(execute=False):
            attempt = take_quiz(learner, completion_quiz)  # not committed: not run
        slot = _essay_slot(attempt, completion_quiz, make_user)

        class Abort(Exception):
            pass

        with (
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(Abort),
            transaction.atomic(),
        ):
            grade_essay(slot.pk, 0.0, None)
            raise Abort  # the grading transaction rolls back
        assert seen == []
        assert not Certificate.objects.exists()

        with django_capture_on_commit_callbacks(execute=True):
            grade_essay(slot.pk, 1.0, None)
        assert seen == [(attempt.pk, True)]
        assert Certificate.objects.filter(user=learner).count() == 1
    finally:
        attempt_graded.disconnect(dispatch_uid="test-listener")


@pytest.fixture
def eager_tasks():
    """Run Celery tasks in process, as the embedded setup does (with REDIS_URL set
    they would wait for a worker: tests/certificates/test_worker.py covers that)."""
    conf = receivers.tasks.issue_certificate._get_app().conf
    before = conf.task_always_eager
    conf.task_always_eager = True
    yield
    conf.task_always_eager = before


def test_issuing_failure_is_handed_to_the_worker(
    learner,
    completion_quiz,
    take_quiz,
    django_capture_on_commit_callbacks,
    monkeypatch,
    eager_tasks,
):
    """If issuing fails right after the commit, the issue task runs it again (eagerly
    here, in the worker in production) and the certificate is issued."""
    from assessments.certificates import issuing

    real = issuing.do_issue_if_eligible
    calls = []

    def fails_once(*args):
        calls.append(args)
        if len(calls) == 1:
            raise ConnectionError("database restarting")
        return real(*args)

    monkeypatch.setattr(receivers, "do_issue_if_eligible", fails_once)
    monkeypatch.setattr(receivers.tasks, "do_issue_if_eligible", fails_once)
    with django_capture_on_commit_callbacks(execute=True):
        take_quiz(learner, completion_quiz)
    assert len(calls) == 2
    assert Certificate.objects.filter(user=learner).count() == 1
