"""What live sessions announce to the layers above them (DESIGN.md: the live
app never names its subscribers).

``took_part`` (kwargs: ``session``, the ended ``LiveSession``; ``user_ids``,
the accounts that took part) is sent once a session has ended, for every
signed-in participant the instructor did not remove, and again for one account
when a guest claims their result after the end. Sent after the transaction
commits, so a subscriber reads durable rows; courses marks class attendance
from it."""

from __future__ import annotations

import logging

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

took_part = Signal()


def announce_took_part(session, user_ids) -> None:
    user_ids = sorted(set(user_ids))
    if user_ids:
        transaction.on_commit(lambda: _send(session, user_ids))


def _send(session, user_ids) -> None:
    # The session has ended and is committed: a subscriber's failure is logged,
    # never turned into an error for the instructor pressing "End".
    for receiver, outcome in took_part.send_robust(
        sender=type(session), session=session, user_ids=user_ids
    ):
        if isinstance(outcome, Exception):
            logger.error(
                "took_part subscriber %r failed for live session %s",
                receiver,
                session.pk,
                exc_info=outcome,
            )
