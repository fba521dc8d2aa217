"""Who may take which quiz: a pure rule over plain values.

A learner takes the quizzes of their own audience; a quiz "open to other
audiences for practice" may be taken by anyone signed in, and staff who build
quizzes may try any published quiz. Only an attempt in one's own audience
counts for that audience's certificate (see certificates.eligibility), so the
practice and preview kinds never issue one."""

from __future__ import annotations

from enum import StrEnum


class QuizAccess(StrEnum):
    OWN = "own"  # the learner's own audience: may count for the certificate
    PRACTICE = "practice"  # another audience's quiz opened for practice
    PREVIEW = "preview"  # staff trying a quiz they may edit


def quiz_access(
    *,
    quiz_audience: str,
    open_for_practice: bool,
    learner_audience: str,
    manages_quizzes: bool = False,
) -> QuizAccess | None:
    """How the learner may take the quiz, or None when they may not see it."""
    if learner_audience and learner_audience == quiz_audience:
        return QuizAccess.OWN
    if open_for_practice:
        return QuizAccess.PRACTICE
    if manages_quizzes:
        return QuizAccess.PREVIEW
    return None
