"""The rules of a course, as plain functions (no ORM, no request): when a step
is done, which steps are open, what comes next and when the course is complete.
Views, actions and the certificate rule all call these."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

VIDEO_DONE_PERCENT = 80


class StepKind:
    READING = "reading"  # guide, infographic, document: reached the end
    VIDEO = "video"  # watched to VIDEO_DONE_PERCENT
    LESSON = "lesson"  # every check question answered
    QUIZ = "quiz"  # a passed attempt


@dataclass(frozen=True)
class StepState:
    """What the learner did on one step (from StepProgress)."""

    confirmed: bool = False
    reached_end: bool = False
    watched_percent: int = 0
    answered: frozenset[str] = field(default_factory=frozenset)
    quiz_passed: bool = False


def step_done(kind: str, state: StepState, check_ids: Collection[str] = ()) -> bool:
    """A quiz is done only when passed; the other kinds also by the learner's
    own "Tôi đã học xong" (for a phone that cannot report scrolling or playback)."""
    if kind == StepKind.QUIZ:
        return state.quiz_passed
    if state.confirmed:
        return True
    if kind == StepKind.VIDEO:
        return state.watched_percent >= VIDEO_DONE_PERCENT
    if kind == StepKind.LESSON:
        if check_ids:
            return set(check_ids) <= set(state.answered)
        return state.reached_end
    return state.reached_end


@dataclass(frozen=True)
class StepRef:
    id: int
    required: bool = True


def blocker(steps: Sequence[StepRef], done: Collection[int], step_id: int, sequential: bool):
    """The first required step before ``step_id`` still to do (None: the step is open)."""
    if not sequential:
        return None
    for step in steps:
        if step.id == step_id:
            return None
        if step.required and step.id not in done:
            return step
    return None


def open_steps(steps: Sequence[StepRef], done: Collection[int], sequential: bool) -> set[int]:
    if not sequential:
        return {step.id for step in steps}
    opened = set()
    for step in steps:
        opened.add(step.id)
        if step.required and step.id not in done:
            break
    return opened


def next_step(
    steps: Sequence[StepRef], done: Collection[int], sequential: bool, barred: Collection[int] = ()
):
    """The first open step not done yet, required ones first; None when nothing
    is left. ``barred`` steps (the learner may not view them) are never next."""
    opened = open_steps(steps, done, sequential)
    todo = [
        step
        for step in steps
        if step.id in opened and step.id not in done and step.id not in barred
    ]
    required = [step for step in todo if step.required]
    return (required or todo or [None])[0]


def is_complete(steps: Sequence[StepRef], done: Collection[int]) -> bool:
    """Every required step done, whoever may view its item: a required step a
    learner cannot open (a group's item, one not published) keeps their course
    incomplete and they are told so (courses.visibility); completion can be a
    certificate rule, so it is never earned by being kept out of a step."""
    required = [step for step in steps if step.required]
    return bool(required) and all(step.id in done for step in required)


def percent_done(steps: Sequence[StepRef], done: Collection[int]) -> int:
    required = [step for step in steps if step.required]
    if not required:
        return 0
    return (100 * sum(step.id in done for step in required)) // len(required)


@dataclass(frozen=True)
class StepTarget:
    """A step and what it points at (exactly one of a quiz or a library page)."""

    id: int
    quiz_id: int | None = None
    page_id: int | None = None


def credited_steps(
    steps: Sequence[StepTarget],
    passed_quizzes: Collection[int],
    finished_pages: Collection[int],
    done: Collection[int] = (),
) -> set[int]:
    """The steps a learner's existing records already complete: a quiz step whose
    quiz they passed before enrolling, a library step whose item they finished in
    another course (a page read is read). Steps already done are not credited again."""
    return {
        step.id
        for step in steps
        if step.id not in done
        and (
            (step.quiz_id is not None and step.quiz_id in passed_quizzes)
            or (step.page_id is not None and step.page_id in finished_pages)
        )
    }


def modules(titles: Sequence[str], untitled: str) -> list[tuple[str, list[int]]]:
    """Group step positions into modules: a non-empty title starts a module."""
    grouped: list[tuple[str, list[int]]] = []
    for position, title in enumerate(titles):
        if title or not grouped:
            grouped.append((title or untitled, []))
        grouped[-1][1].append(position)
    return grouped
