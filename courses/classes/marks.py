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


# Who made a mark. The instructor's tap is an explicit decision; a learner's own
# QR check-in and a live quiz's "took part" are automatic. As in Moodle's
# attendance (a student cannot self-mark over the teacher's mark), an automatic
# mark only fills a blank or replaces another automatic mark; a tap always wins.
MANUAL_SOURCES = frozenset({"tap"})


def changed_marks(
    wanted: dict[int, str], existing: dict[int, tuple[str, str]], via: str = "tap"
) -> dict[int, str]:
    """The marks to write: only what differs from the stored ``{learner: (status,
    via)}`` (sending a batch twice is a no-op), and never an automatic mark over
    an instructor's."""
    return {
        learner: status
        for learner, status in wanted.items()
        if learner not in existing
        or (existing[learner][0] != status and may_replace(via, existing[learner][1]))
    }


def kept_marks(
    wanted: dict[int, str], existing: dict[int, tuple[str, str]], via: str = "tap"
) -> dict[int, str]:
    """The instructor's marks an automatic batch wanted to change and left alone:
    ``{learner: the status kept}`` (for the audit trail and the learner's message)."""
    return {
        learner: existing[learner][0]
        for learner, status in wanted.items()
        if learner in existing
        and existing[learner][0] != status
        and not may_replace(via, existing[learner][1])
    }


def may_replace(via: str, existing_via: str) -> bool:
    return via in MANUAL_SOURCES or existing_via not in MANUAL_SOURCES
