"""The certificate tasks retry transient failures (issue 11 §2): a storage or mail
server hiccup is retried by Celery and the work is done in the end. The failures
are injected at Django's own boundaries (file storage, e-mail backend), never by
replacing our code."""

from pathlib import Path
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.files.storage import FileSystemStorage
from django.core.mail.backends.locmem import EmailBackend

from assessments.certificates import tasks
from assessments.certificates.models import Certificate

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("worker_semantics")]


@pytest.fixture
def worker_semantics():
    """Run tasks as a worker does: an error ends in the task's result instead of
    being raised to the caller. (With CELERY_TASK_EAGER_PROPAGATES, the embedded
    default, Celery raises ``Retry`` to the caller instead of running the retry.)"""
    conf = tasks.render_certificate_pdf._get_app().conf
    before = conf.task_eager_propagates
    conf.task_eager_propagates = False
    yield
    conf.task_eager_propagates = before


def failing_first(monkeypatch, owner, name, error, times=1):
    """Make ``owner.name`` raise ``error`` on its first ``times`` calls; returns the
    list of calls made."""
    original = getattr(owner, name)
    calls = []

    def flaky(self, *args, **kwargs):
        calls.append(args)
        if len(calls) <= times:
            raise error
        return original(self, *args, **kwargs)

    monkeypatch.setattr(owner, name, flaky)
    return calls


def test_a_storage_hiccup_is_retried_and_the_pdf_is_stored(certificate, monkeypatch):
    calls = failing_first(monkeypatch, FileSystemStorage, "_save", OSError("disk busy"))

    result = tasks.render_certificate_pdf.apply(args=[certificate.pk])

    assert result.successful()
    assert len(calls) == 2
    stored = Certificate.objects.get(pk=certificate.pk)
    assert stored.pdf.name == result.get()
    assert Path(stored.pdf.path).read_bytes().startswith(b"%PDF")


def test_a_lasting_failure_gives_up_after_the_retries(certificate, monkeypatch):
    calls = failing_first(monkeypatch, FileSystemStorage, "_save", OSError("disk full"), times=99)

    result = tasks.render_certificate_pdf.apply(args=[certificate.pk])

    assert result.failed()
    assert isinstance(result.result, OSError)
    assert len(calls) == tasks.render_certificate_pdf.max_retries + 1
    assert not Certificate.objects.get(pk=certificate.pk).pdf


def test_a_mail_server_hiccup_is_retried_and_the_mail_sent(certificate, monkeypatch):
    calls = failing_first(monkeypatch, EmailBackend, "send_messages", SMTPServerDisconnected("bye"))

    result = tasks.send_certificate_email.apply(args=[certificate.pk])

    assert result.successful() and result.get() is True
    assert len(calls) == 2
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nhung@example.vn"]
