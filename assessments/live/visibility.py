"""What a phone may see of its own results at each phase: pure functions.

The database holds every answer's grade and the participant's running score,
streak and correct count the moment the answer arrives (the instructor's
screens and the reports need them). A phone must not learn any of it early:
one probe join would otherwise tell the whole hall the key. So everything a
phone receives about its standing goes through ``project``:

- instructor-paced: results of the questions already revealed, never of the
  question still open (its answer is shown only as "received");
- learner-paced: nothing scored until the session ends (the deadline, or the
  instructor ending it).

No request, ORM or clock in here (hypothesis tests drive it with random
sessions)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .scoring import is_correct

INSTRUCTOR = "instructor"
LEARNER = "learner"


@dataclass(frozen=True)
class AnswerFact:
    """One stored answer as far as standings are concerned."""

    position: int
    fraction: float
    points: int
    streak_points: int = 0

    @property
    def total(self) -> int:
        return self.points + self.streak_points

    @property
    def correct(self) -> bool:
        return is_correct(self.fraction)


@dataclass(frozen=True)
class Standing:
    """Score, correct answers and current streak: stored, or as a phone sees them."""

    score: int = 0
    correct: int = 0
    streak: int = 0


def revealed_count(mode: str, status: str, current_index: int, total: int) -> int | None:
    """How many leading questions (positions 0 … n−1) have their results out.

    ``None`` means a phone may see nothing scored at all (learner-paced before
    the end)."""
    if status == "ended":
        return total
    if mode == LEARNER:
        return None
    if status == "question":
        return max(0, current_index)
    if status == "reveal":
        return max(0, current_index + 1)
    return 0 if current_index < 0 else current_index + 1  # lobby, or anything else


def is_revealed(position: int, revealed: int | None) -> bool:
    return revealed is not None and position < revealed


def trailing_streak(answers: Iterable[AnswerFact], revealed: int) -> int:
    """Correct answers in a row ending at the last revealed question; a
    question left unanswered breaks the run, as closing it does on the server."""
    correct = {a.position for a in answers if a.correct and a.position < revealed}
    streak = 0
    position = revealed - 1
    while position in correct:
        streak += 1
        position -= 1
    return streak


def project(
    stored: Standing, answers: Sequence[AnswerFact], revealed: int | None
) -> Standing | None:
    """The stored standing as a phone may see it: as if the answers to
    unrevealed questions had not arrived yet. ``None`` when nothing scored may
    show."""
    if revealed is None:
        return None
    hidden = [a for a in answers if not is_revealed(a.position, revealed)]
    if not hidden:
        return stored
    return Standing(
        score=stored.score - sum(a.total for a in hidden),
        correct=stored.correct - sum(1 for a in hidden if a.correct),
        streak=trailing_streak(answers, revealed),
    )


def rank(score: int, others: Iterable[int]) -> int:
    """1 + how many others have more points (ties share a place)."""
    return 1 + sum(1 for other in others if other > score)


def answer_view(answer: AnswerFact, response, revealed: int | None) -> dict:
    """One answer for a phone: which option it chose, and its grade only once
    its question is revealed."""
    data = {"q": answer.position, "response": response}
    if is_revealed(answer.position, revealed):
        data |= {
            "correct": answer.correct,
            "fraction": answer.fraction,
            "points": answer.points,
            "streak_points": answer.streak_points,
        }
    return data


def standing_view(standing: Standing | None, place: int | None) -> dict:
    """The ``me`` fields of a standing (none at all when nothing may show)."""
    if standing is None:
        return {}
    return {
        "score": standing.score,
        "correct": standing.correct,
        "streak": standing.streak,
        "rank": place,
    }
