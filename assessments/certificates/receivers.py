"""How certificates follow from the rest of the platform, wired in
``CertificatesConfig.ready``:

* ``assessments.signals.attempt_graded`` (after the grading commits): issue the
  certificate when the attempt may earn one; if issuing fails, the Celery task
  ``certificates.issue_certificate`` retries it in the worker.
* ``signals.certificate_issued`` (after the certificate commits): render its PDF
  and e-mail the holder, through Celery (eager in the embedded setup).

This module imports ``tasks`` and the actions; neither imports it, so the
dependency runs one way: receivers → tasks → actions."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model

from assessments.models import AttemptState
from assessments.signals import attempt_graded
from lms.framework.models import FrameworkVersion

from . import tasks
from .issuing import IssueResult, do_issue_if_eligible
from .signals import certificate_issued

logger = logging.getLogger(__name__)


def enqueue(task, *args) -> None:
    try:
        task.delay(*args)
    except Exception:
        # The certificate is stored; the PDF renders on demand and e-mail is a courtesy.
        logger.exception("could not run %s%r", task.name, args)


def may_earn_certificate(attempt) -> bool:
    return bool(
        attempt.user_id
        and attempt.state == AttemptState.SUBMITTED
        and attempt.passed
        and attempt.quiz.counts_for_certificate
    )


def issue_or_retry(user_id: int, audience: str, framework_id: int) -> IssueResult | None:
    """Issue now; when that fails (the database restarting…), hand it to the worker."""
    try:
        user = get_user_model().objects.select_related("home_unit").get(pk=user_id)
        framework = FrameworkVersion.objects.get(pk=framework_id)
        return do_issue_if_eligible(user, audience, framework)
    except Exception:
        logger.exception("issuing a certificate failed; retrying in the worker")
        enqueue(tasks.issue_certificate, user_id, audience, framework_id)
        return None


def issue_when_graded(sender, attempt, **kwargs) -> None:
    if may_earn_certificate(attempt):
        quiz = attempt.quiz
        issue_or_retry(attempt.user_id, quiz.audience, quiz.framework_id)


def render_and_tell(sender, certificate, **kwargs) -> None:
    enqueue(tasks.render_certificate_pdf, certificate.pk)
    if certificate.user is not None and certificate.user.email:
        enqueue(tasks.send_certificate_email, certificate.pk)


def connect() -> None:
    attempt_graded.connect(issue_when_graded, dispatch_uid="certificates.issue_when_graded")
    certificate_issued.connect(render_and_tell, dispatch_uid="certificates.render_and_tell")
