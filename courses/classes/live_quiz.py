"""A live classroom quiz started from a class session, and the attendance it
gives: when the quiz ends, every signed-in player on the roster is marked
present for that session.

Why at the end rather than as players join: the instructor may still remove
someone who joined from home with a PIN passed on by chat (a removed player is
not counted), a guest who signs in to keep their result at the end is counted
then (live's ``took_part`` is sent again for the claim), and joining, where a
whole hall taps at once, stays free of extra writes. The marks go through the
ordinary attendance action: one batch, idempotent, audited.

The link lives here (``ClassLiveQuiz``), so the live app never knows about
classes: it only announces who took part (assessments.live.signals)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments.live.actions import START_PERMISSION, SessionOptions, do_start_session
from assessments.models import Quiz
from courses.models import ClassLiveQuiz
from lms.audit.record import record_event

from .attendance import do_mark_attendance, roster_ids
from .errors import ClassError


class NotClassInstructor(ClassError):
    status = 403
    code = "class_quiz_not_instructor"
    default_message = gettext_lazy("Only the instructors of this class can start a quiz for it.")


def runnable_quizzes(user):
    """Quizzes an instructor may put on the projector: published ones that do
    not count for the certificate (a hall must not see the reviewed
    certification pool), and their own."""
    return Quiz.objects.filter(
        Q(is_published=True, counts_for_certificate=False) | Q(created_by=user)
    ).order_by("title")


def may_start_class_quiz(user, community_class) -> bool:
    return (
        user.is_authenticated
        and user.has_perm(START_PERMISSION)
        and community_class.instructors.filter(pk=user.pk).exists()
    )


def check_start_class_quiz(user, session, quiz) -> None:
    if not may_start_class_quiz(user, session.community_class):
        raise NotClassInstructor()
    if timezone.localtime(session.starts_at).date() != timezone.localdate():
        raise ClassError(_("A quiz can only be started for today's session."))
    if quiz is None or not runnable_quizzes(user).filter(pk=quiz.pk).exists():
        raise ClassError(_("Choose a quiz you may run."))


def do_start_class_quiz(*, actor, session, quiz):
    """A live session in the lobby for ``session``'s class; returns it."""
    check_start_class_quiz(actor, session, quiz)
    community_class = session.community_class
    with transaction.atomic():
        live = do_start_session(
            actor,
            quiz=quiz,
            options=SessionOptions(title=f"{quiz.title} · {community_class.name}"[:255]),
        )
        ClassLiveQuiz.objects.create(session=session, live_session=live, started_by=actor)
        record_event(
            actor=actor,
            verb="courses.class_quiz_started",
            target=community_class,
            unit=community_class.unit,
            extra={"session": session.pk, "live_session": live.pk, "quiz": quiz.pk},
        )
    return live


def session_quizzes(session):
    return list(
        ClassLiveQuiz.objects.filter(session=session)
        .select_related("live_session")
        .order_by("-started_at", "-pk")
    )


def mark_players_present(*, live_session_id: int, user_ids) -> dict[str, int] | None:
    """Mark the roster's players present for the class session the quiz was
    started from; nothing when it was started elsewhere or nobody is on the roster."""
    link = (
        ClassLiveQuiz.objects.select_related("session__community_class__unit", "started_by")
        .filter(live_session_id=live_session_id)
        .first()
    )
    if link is None:
        return None
    session = link.session
    roster = set(roster_ids(session.community_class))
    present = [pk for pk in user_ids if pk in roster]
    if not present:
        return None
    return do_mark_attendance(
        actor=link.started_by,
        session=session,
        payload={
            "session": session.pk,
            "marks": [{"learner": pk, "status": "present"} for pk in present],
        },
        via="live",
        extra={"live_session": live_session_id},
    )
