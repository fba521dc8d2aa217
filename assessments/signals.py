"""What the assessments core announces to the layers above it.

The core never names its subscribers (DESIGN.md: a lower app never imports a
higher one): certificates subscribe to ``attempt_graded`` to issue, and courses
or the movement's indicators may later do the same.

``attempt_graded`` (kwargs: ``attempt``, the ``Attempt`` as just scored) is sent
after an attempt is submitted, graded by hand or re-scored, once the grading
transaction has committed: a subscriber sees the result durable in the database
(a Celery worker it hands work to reads the same rows), and a grading that rolls
back announces nothing. Outside a transaction it is sent at once."""

from __future__ import annotations

import logging

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

attempt_graded = Signal()


def announce_attempt_graded(attempt) -> None:
    """Send ``attempt_graded`` for ``attempt`` when the current transaction commits."""
    transaction.on_commit(lambda: _send(attempt))


def _send(attempt) -> None:
    # A subscriber's failure must not undo or fail the learner's submission,
    # which is committed already: log it, and let the subscriber retry its own work.
    for receiver, outcome in attempt_graded.send_robust(sender=type(attempt), attempt=attempt):
        if isinstance(outcome, Exception):
            logger.error(
                "attempt_graded subscriber %r failed for attempt %s",
                receiver,
                attempt.pk,
                exc_info=outcome,
            )
