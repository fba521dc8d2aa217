"""Errors of live actions: a stable code (for scripts and tests), an HTTP-like
status and a translated message. The WebSocket sends them as
``{"type": "error", "code", "message"}`` and keeps the connection; views turn
them into 4xx responses."""

from django.utils.translation import gettext_lazy as _

from lms.errors import ActionError, Conflict


class LiveError(ActionError):
    """The one error shape (lms.errors: code, status, message), plus per-instance
    code/status overrides and the WebSocket error frame."""

    def __init__(self, message=None, *, code=None, status=None):
        super().__init__(message)
        if code:
            self.code = code
        if status:
            self.status = status

    def as_dict(self) -> dict:
        return error_frame(self)


def error_frame(error: ActionError) -> dict:
    """The WebSocket's error frame; the JSON fallback answers the same body."""
    return {"type": "error", "code": error.code, "message": str(error.message)}


class SessionNotFound(LiveError):
    status = 404
    code = "wrong_pin"
    default_message = _(
        "No quiz is running with this PIN. Check the six digits on the projector, or ask "
        "the instructor: the quiz may have ended."
    )


class TooManyGuesses(LiveError):
    status = 429
    code = "rate_limited"
    default_message = _("Too many wrong PINs from this network. Wait a few minutes and try again.")


class LobbyLocked(LiveError):
    status = 403
    code = "locked"
    default_message = _("The instructor has closed this quiz to new participants.")


class SessionEnded(LiveError, Conflict):
    code = "ended"
    default_message = _("This quiz has ended.")


class NameTaken(LiveError, Conflict):
    code = "name_taken"
    default_message = _("Someone in this quiz already uses that name. Add a letter or a number.")


class BadName(LiveError):
    code = "bad_name"


class NotParticipant(LiveError):
    status = 403
    code = "not_participant"
    default_message = _("You are not in this quiz (or the instructor removed you). Join again.")


class OnlyParticipants(LiveError):
    status = 403
    code = "forbidden"
    default_message = _("Only participants can answer, from their own phone.")


class NotInstructor(LiveError):
    status = 403
    code = "forbidden"
    default_message = _("Only the instructor of this quiz can do that.")


class NotAccepting(LiveError, Conflict):
    code = "not_accepting"
    default_message = _("Answers are not being taken now.")


class TimeUp(LiveError, Conflict):
    code = "time_up"
    default_message = _("Time is up for this question: the answer was not recorded.")


class WrongQuestion(LiveError, Conflict):
    code = "wrong_question"
    default_message = _("This is not the current question: the answer was not recorded.")


class BadAnswer(LiveError):
    code = "bad_answer"
    default_message = _("This answer does not fit the question: it was not recorded.")


class BadRequest(LiveError):
    code = "malformed"
    default_message = _("The message could not be read.")


class NoQuestions(LiveError):
    code = "no_questions"
    default_message = _("Choose a quiz or at least one question that can be answered live.")
