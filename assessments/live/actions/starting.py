"""Starting a session: its options, its questions drawn once, a free PIN."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from assessments.actions.selection import draw_versions
from assessments.models import Question, QuestionVersion, Quiz
from assessments.responses import option_order
from lms.audit.record import record_event

from .. import errors
from ..models import LiveQuestion, LiveSession, Mode
from .access import START_PERMISSION

LIVE_QTYPES = ("single", "multiple", "truefalse", "ordering", "numerical")


@dataclass
class SessionOptions:
    title: str = ""
    mode: str = Mode.INSTRUCTOR
    seconds_per_question: int = 30
    auto_advance: bool = False
    speed_bonus: bool = True
    streak_bonus: bool = True
    stem_on_phones: bool = True
    confirm_taps: bool = False  # a single-choice tap waits for "Send" (shaky hands)
    deadline: object = None  # learner-paced only


def _new_pin() -> str:
    return f"{secrets.randbelow(900_000) + 100_000}"


def live_versions(versions) -> list[QuestionVersion]:
    return [v for v in versions if v.question_spec.qtype in LIVE_QTYPES]


def left_out_versions(versions) -> list[QuestionVersion]:
    """The versions a live session cannot ask (short answer, matching, essay…):
    the start page names them before the instructor starts."""
    return [v for v in versions if v.question_spec.qtype not in LIVE_QTYPES]


def do_start_session(
    instructor,
    *,
    quiz: Quiz | None = None,
    questions: list[Question] | None = None,
    options: SessionOptions | None = None,
    rng: random.Random | None = None,
) -> LiveSession:
    """A new session in the lobby, with its questions drawn and a free PIN."""
    if not instructor.has_perm(START_PERMISSION):
        raise errors.NotInstructor()
    options = options or SessionOptions()
    rng = rng or random.Random()  # noqa: S311 - shuffling options, not secrets
    if quiz is not None:
        versions = draw_versions(quiz, rng)
        shuffle = quiz.shuffle_options
    else:
        chosen = [q for q in (questions or []) if q.current_version_id]
        versions = [q.current_version for q in chosen]
        shuffle = True
    left_out = left_out_versions(versions)
    versions = live_versions(versions)[: settings.LIVE_MAX_QUESTIONS]
    if not versions:
        raise errors.NoQuestions()
    if options.mode == Mode.LEARNER and not options.deadline:
        raise errors.LiveError(_("A learner-paced quiz needs a deadline."), code="no_deadline")
    title = (options.title or (quiz.title if quiz else "") or _("Classroom quiz")).strip()[:255]
    for _attempt in range(50):
        try:
            with transaction.atomic():
                session = LiveSession.objects.create(
                    pin=_new_pin(),
                    title=title,
                    instructor=instructor,
                    quiz=quiz,
                    mode=options.mode,
                    seconds_per_question=max(5, min(int(options.seconds_per_question), 600)),
                    auto_advance=options.auto_advance,
                    speed_bonus=options.speed_bonus and options.mode == Mode.INSTRUCTOR,
                    streak_bonus=options.streak_bonus,
                    stem_on_phones=options.stem_on_phones,
                    confirm_taps=options.confirm_taps,
                    left_out=[
                        {"name": v.question.name, "qtype": v.question_spec.qtype} for v in left_out
                    ],
                    deadline=options.deadline if options.mode == Mode.LEARNER else None,
                )
                break
        except IntegrityError:  # PIN already used by an active session: draw another
            continue
    else:  # pragma: no cover - 50 collisions among 900,000 PINs
        raise errors.LiveError(_("No free PIN right now; try again."), code="no_pin")
    LiveQuestion.objects.bulk_create(
        LiveQuestion(
            session=session,
            position=position,
            question_version=version,
            option_order=option_order(version.question_spec, shuffle, rng),
        )
        for position, version in enumerate(versions)
    )
    record_event(
        actor=instructor,
        verb="live.session_started",
        target=session,
        extra={"questions": len(versions), "left_out": [v.question_id for v in left_out]},
    )
    return session
