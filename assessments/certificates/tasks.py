"""Celery tasks: thin wrappers around actions. Tests call the actions, or
``task.apply()``, never rely on ``.delay()`` running (in CI a worker would).

Tasks import the actions; the actions never import tasks (what runs after an
action is wired by ``receivers`` to the signals the actions send).

Failures that pass by themselves (the database restarting, storage or the mail
server briefly unreachable) are retried with exponential back-off; anything else
is a bug and fails at once. Every task is safe to run twice: issuing is idempotent,
the PDF is stored again under a new name, and a mail is only retried when sending
it raised."""

from smtplib import SMTPException

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import InterfaceError, OperationalError

from lms.framework.models import FrameworkVersion

from .documents import do_store_pdf
from .integrity_scan import do_check_certificate_integrity
from .issuing import do_issue_if_eligible
from .notifications import send_certificate_email as send_email_now

# OSError covers storage and network errors (and SMTPException since Python 3.4).
TRANSIENT_ERRORS = (OperationalError, InterfaceError, OSError, SMTPException)
RETRY_OPTIONS = {
    "autoretry_for": TRANSIENT_ERRORS,
    "max_retries": 5,
    "retry_backoff": 10,  # 10 s, 20 s, 40 s … with jitter
    "retry_backoff_max": 600,
    "retry_jitter": True,
}


@shared_task(name="certificates.render_certificate_pdf", acks_late=True, **RETRY_OPTIONS)
def render_certificate_pdf(certificate_id: int) -> str | None:
    return do_store_pdf(certificate_id)


@shared_task(name="certificates.issue_certificate", acks_late=True, **RETRY_OPTIONS)
def issue_certificate(user_id: int, audience: str, framework_id: int) -> str | None:
    user = get_user_model().objects.select_related("home_unit").get(pk=user_id)
    framework = FrameworkVersion.objects.get(pk=framework_id)
    result = do_issue_if_eligible(user, audience, framework)
    return result.certificate.code if result.certificate else None


@shared_task(name="certificates.send_certificate_email", **RETRY_OPTIONS)
def send_certificate_email(certificate_id: int) -> bool:
    return send_email_now(certificate_id)


@shared_task(name="certificates.check_integrity", acks_late=True)
def check_certificate_integrity(batch_size: int | None = None) -> dict:
    """Daily (CELERY_BEAT_SCHEDULE): recompute every certificate's content hash,
    record and mail the altered ones. Not retried: tomorrow's run is the retry."""
    return do_check_certificate_integrity(batch_size).as_dict()
