"""Errors raised by actions: a stable ``code``, an HTTP-like ``status`` and a
translated message. Views and the API turn them into 4xx responses."""

from django.utils.translation import gettext_lazy as _

from lms.errors import ActionError


class AssessmentError(ActionError):
    pass


class AttemptNotFound(AssessmentError):
    # Someone else's attempt is "not found", never "forbidden": no ids leak.
    status = 404
    code = "attempt_not_found"
    default_message = _("This attempt does not exist or is not yours.")


class AttemptClosed(AssessmentError):
    status = 409
    code = "attempt_closed"
    default_message = _("This attempt has been submitted; answers can no longer be changed.")


class AttemptExpired(AttemptClosed):
    code = "attempt_expired"
    default_message = _("Time is up: the attempt was submitted automatically.")


class SlotNotInAttempt(AssessmentError):
    code = "question_not_in_attempt"
    default_message = _("This question is not part of the attempt.")


class InvalidAnswer(AssessmentError):
    code = "invalid_answer"
    default_message = _("The answer is not valid for this question.")


class QuizUnavailable(AssessmentError):
    status = 403
    code = "quiz_unavailable"
    default_message = _("This quiz is not open.")


class NoAttemptsLeft(AssessmentError):
    status = 403
    code = "no_attempts_left"
    default_message = _("You have used all the attempts allowed for this quiz.")


class NotGradable(AssessmentError):
    code = "not_gradable"
    default_message = _("This answer cannot be graded by hand.")


class RetakeNotYet(AssessmentError):
    # params["available_at"]: ISO time the learner may start again.
    status = 403
    code = "retake_wait"
    default_message = _("You cannot start this quiz again yet.")


class ReviewNotAllowed(AssessmentError):
    status = 403
    code = "permission_denied"
    default_message = _("Only reviewers can approve or send back certification questions.")


class OwnQuestionReview(AssessmentError):
    # The two-person rule, as in the library's moderation.
    status = 403
    code = "own_question"
    default_message = _(
        "You wrote this question or its current version: another reviewer must review it."
    )


class NotReviewable(AssessmentError):
    status = 409
    code = "not_reviewable"
    default_message = _(
        "Only published certification questions waiting for review can be approved or sent back."
    )


class ReturnNeedsComment(AssessmentError):
    code = "comment_required"
    default_message = _("Say what should change when sending a question back.")


class PoolUndersized(AssessmentError):
    """A published completion quiz whose reviewed pool shrank (questions retired or
    edited since it was published): no certificate attempt starts until it is
    refilled, or answers would be memorised within a few retakes."""

    status = 409
    code = "pool_undersized"
    default_message = _(
        "This certification quiz cannot be started at the moment: its pool of reviewed "
        "questions has become too small. Please contact the organisers or try again later."
    )


class PoolTooSmall(AssessmentError):
    status = 409
    code = "pool_too_small"
    default_message = _("The reviewed question pool is too small to publish this quiz.")
