"""Issue 11 §1 with a real Celery worker (CI: PostgreSQL and Redis): once the
grading transaction has committed, the worker issues the certificate from the
committed attempt and renders its PDF. Runs only where REDIS_URL is set, as the
other service tests."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from assessments.certificates import tasks
from assessments.certificates.models import Certificate

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.services,
    pytest.mark.skipif(
        not os.environ.get("REDIS_URL"),
        reason="needs REDIS_URL (the CI run starts Redis and a worker)",
    ),
    # Serialized like the other transactional certificate test, so neither leaves
    # the role groups in a state the other cannot restore.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
# Where the worker (lms.settings.test) keeps private files: production shares one
# storage between web and worker; here the test reads the worker's folder.
WORKER_PRIVATE_ROOT = ROOT / "private" / "test"


def database_url() -> str:
    """The test database this process uses, for the worker to use too."""
    settings = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("the worker shares the test database: PostgreSQL only")
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    host = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    return f"postgres://{auth}@{host}/{settings['NAME']}"


@pytest.fixture
def worker():
    # This process's queue (its key prefix, lms/settings/test.py) may hold tasks that
    # earlier tests queued without a worker: they are not this test's to run.
    from lms.celery import app

    app.control.purge()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="lms.settings.test", DATABASE_URL=database_url())
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "lms",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "-Q",
            "celery",
            "-n",
            f"certs-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_the_worker_issues_and_renders_after_the_commit(
    worker, learner, completion_quiz, take_quiz, issuer
):
    take_quiz(learner, completion_quiz)  # committed (transactional test)
    issued_here = Certificate.objects.filter(user=learner).first()
    if issued_here is not None:  # the after-commit receiver issued it already
        issued_here.delete()
    code = tasks.issue_certificate.delay(learner.pk, "resident", completion_quiz.framework_id).get(
        timeout=120
    )
    certificate = Certificate.objects.get(user=learner)
    assert certificate.code == code
    name = tasks.render_certificate_pdf.delay(certificate.pk).get(timeout=120)
    certificate.refresh_from_db()
    assert certificate.pdf.name == name
    stored = WORKER_PRIVATE_ROOT / name
    try:
        assert stored.read_bytes().startswith(b"%PDF")
    finally:
        stored.unlink(missing_ok=True)
