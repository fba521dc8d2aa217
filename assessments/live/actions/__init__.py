"""Every read with a permission and every write of a live session, as named
functions (``access_…`` fetch and check, ``check_…`` validate, ``do_…``
change): views, the WebSocket consumer, the load tool and tests call these.

By concern: ``access`` (who may touch what), ``starting``, ``joining``,
``answers`` (the hot path), ``transitions`` (phases and timers),
``commands`` (the instructor's dispatcher, removal, extra time),
``outcomes`` (competency outcomes, claiming a guest result)."""

from .access import (
    START_PERMISSION,
    access_participant,
    access_presented_session,
    access_session_as_instructor,
    access_session_by_pin,
    access_session_results,
    cookie_name,
    sessions_of,
)
from .answers import AnswerResult, do_answer, do_answer_with_token
from .commands import (
    INSTRUCTOR_COMMANDS,
    check_message_allowed,
    do_command,
    do_give_extra_time,
    do_remove_participant,
)
from .joining import check_name, do_join, do_rejoin
from .outcomes import (
    competency_profile,
    do_claim_guest_result,
    do_record_outcomes,
    do_record_report_export,
)
from .starting import LIVE_QTYPES, SessionOptions, do_start_session, left_out_versions
from .transitions import close_question, do_advance, do_end, do_lock, do_reveal, do_tick

__all__ = [
    "INSTRUCTOR_COMMANDS",
    "LIVE_QTYPES",
    "START_PERMISSION",
    "AnswerResult",
    "SessionOptions",
    "access_participant",
    "access_presented_session",
    "access_session_as_instructor",
    "access_session_by_pin",
    "access_session_results",
    "check_message_allowed",
    "check_name",
    "close_question",
    "competency_profile",
    "cookie_name",
    "do_advance",
    "do_answer",
    "do_answer_with_token",
    "do_claim_guest_result",
    "do_command",
    "do_end",
    "do_give_extra_time",
    "do_join",
    "do_lock",
    "do_record_outcomes",
    "do_record_report_export",
    "do_rejoin",
    "do_remove_participant",
    "do_reveal",
    "do_start_session",
    "do_tick",
    "left_out_versions",
    "sessions_of",
]
