"""The attendance batch a phone sends: its shape and its learners, judged before
anything is written. Pure: no ORM, no request."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from .errors import ClassError, WrongClassMark

MAX_MARKS = 500
STATUSES = ("present", "absent")


def parse_marks(payload, *, session_id: int, roster: Iterable[int]) -> dict[int, str]:
    """``{"session": id, "marks": [{"learner": id, "status": "present"}, …]}`` →
    ``{learner id: status}`` (the last mark of a learner wins: a phone that
    queued "present" then "absent" offline means absent). A session or a learner
    of another class refuses the whole batch."""
    if not isinstance(payload, dict) or not isinstance(payload.get("marks"), list):
        raise ClassError(_("The attendance list could not be read."))
    if payload.get("session") != session_id:
        raise WrongClassMark()
    marks = payload["marks"]
    if len(marks) > MAX_MARKS:
        raise ClassError(_("Too many marks in one request."))
    roster = set(roster)
    wanted: dict[int, str] = {}
    for mark in marks:
        if not isinstance(mark, dict):
            raise ClassError(_("The attendance list could not be read."))
        learner, status = mark.get("learner"), mark.get("status", "present")
        if status not in STATUSES or not isinstance(learner, int) or isinstance(learner, bool):
            raise ClassError(_("The attendance list could not be read."))
        if learner not in roster:
            raise WrongClassMark()
        wanted[learner] = status
    return wanted


def changed_marks(wanted: dict[int, str], existing: dict[int, str]) -> dict[int, str]:
    """Only what differs from the stored marks: sending a batch twice is a no-op."""
    return {
        learner: status for learner, status in wanted.items() if existing.get(learner) != status
    }
