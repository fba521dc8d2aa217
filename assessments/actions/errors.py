"""The refusals of the assessments actions. Each subclasses lms.errors (the one
base: a stable ``code``, an HTTP status and a translated message), so views and
the API answer them without an app-level base of their own."""

from django.utils.translation import gettext_lazy as _

from lms.errors import ActionError, Conflict, NotFound, PermissionDenied


class AttemptNotFound(NotFound):
    # Someone else's attempt is "not found", never "forbidden": no ids leak.
    code = "attempt_not_found"
    default_message = _("This attempt does not exist or is not yours.")


class AttemptClosed(Conflict):
    code = "attempt_closed"
    default_message = _("This attempt has been submitted; answers can no longer be changed.")


class AttemptExpired(AttemptClosed):
    code = "attempt_expired"
    default_message = _("Time is up: the attempt was submitted automatically.")


class SlotNotInAttempt(ActionError):
    code = "question_not_in_attempt"
    default_message = _("This question is not part of the attempt.")


class InvalidAnswer(ActionError):
    code = "invalid_answer"
    default_message = _("The answer is not valid for this question.")


class QuizUnavailable(PermissionDenied):
    code = "quiz_unavailable"
    default_message = _("This quiz is not open.")


class NoAttemptsLeft(PermissionDenied):
    code = "no_attempts_left"
    default_message = _("You have used all the attempts allowed for this quiz.")


class NotGradable(ActionError):
    code = "not_gradable"
    default_message = _("This answer cannot be graded by hand.")


class RetakeNotYet(PermissionDenied):
    # params["available_at"]: ISO time the learner may start again.
    code = "retake_wait"
    default_message = _("You cannot start this quiz again yet.")


class ReviewNotAllowed(PermissionDenied):
    default_message = _("Only reviewers can approve or send back certification questions.")


class OwnQuestionReview(PermissionDenied):
    # The two-person rule, as in the library's moderation.
    code = "own_question"
    default_message = _(
        "You wrote this question or its current version: another reviewer must review it."
    )


class NotReviewable(Conflict):
    code = "not_reviewable"
    default_message = _(
        "Only published certification questions waiting for review can be approved or sent back."
    )


class ReturnNeedsComment(ActionError):
    code = "comment_required"
    default_message = _("Say what should change when sending a question back.")


class PoolUndersized(Conflict):
    """A published completion quiz whose reviewed pool shrank (questions retired or
    edited since it was published): no certificate attempt starts until it is
    refilled, or answers would be memorised within a few retakes."""

    code = "pool_undersized"
    default_message = _(
        "This certification quiz cannot be started at the moment: its pool of reviewed "
        "questions has become too small. Please contact the organisers or try again later."
    )


class PoolTooSmall(Conflict):
    code = "pool_too_small"
    default_message = _("The reviewed question pool is too small to publish this quiz.")
