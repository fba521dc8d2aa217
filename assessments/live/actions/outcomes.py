"""What a session leaves behind: per-competency outcomes of signed-in
participants, a guest's result claimed by an account, and the learner's
live-quiz competency profile."""

from __future__ import annotations

from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.audit.record import record_event

from .. import errors
from ..models import CompetencyOutcome, LiveAnswer, LiveSession, Participant, Status
from ..signals import announce_took_part


def do_record_outcomes(session: LiveSession, participants=None) -> int:
    """Per-competency outcomes of signed-in participants (replaced, so running
    it twice changes nothing). Unanswered questions count as 0 credit."""
    questions = list(session.questions.select_related("question_version"))
    codes_of = {q.pk: q.question_version.question_spec.competency_codes for q in questions}
    people = participants if participants is not None else session.participants.all()
    people = [p for p in people if p.user_id and not p.removed]
    if not people:
        return 0
    fractions = defaultdict(dict)
    for pid, qid, fraction in LiveAnswer.objects.filter(
        session=session, participant__in=people
    ).values_list("participant_id", "question_id", "fraction"):
        fractions[pid][qid] = fraction
    rows = []
    for person in people:
        tally: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
        for question in questions:
            for code in codes_of[question.pk]:
                tally[code][0] += 1
                tally[code][1] += fractions[person.pk].get(question.pk, 0.0)
        for code, (count, credit) in tally.items():
            rows.append(
                CompetencyOutcome(
                    user_id=person.user_id,
                    session=session,
                    competency_code=code,
                    questions=count,
                    credit=credit,
                )
            )
    with transaction.atomic():
        CompetencyOutcome.objects.filter(
            session=session, user_id__in=[p.user_id for p in people]
        ).delete()
        CompetencyOutcome.objects.bulk_create(rows)
    return len(rows)


def do_claim_guest_result(participant: Participant, user) -> Participant:
    """A guest signs in afterwards and keeps their result."""
    if not user.is_authenticated:
        raise errors.NotParticipant()
    if participant.user_id == user.pk:
        return participant
    if participant.user_id is not None or participant.removed:
        raise errors.LiveError(_("This result already belongs to an account."), code="claimed")
    try:
        with transaction.atomic():
            updated = Participant.objects.filter(pk=participant.pk, user__isnull=True).update(
                user=user, claimed_at=timezone.now()
            )
            if updated:
                record_event(
                    actor=user,
                    verb="live.result_claimed",
                    target=participant,
                    extra={"session": participant.session_id},
                )
    except IntegrityError:
        raise errors.LiveError(
            _("Your account already has a result in this quiz."), code="claimed", status=409
        ) from None
    if not updated:
        raise errors.LiveError(_("This result already belongs to an account."), code="claimed")
    participant.refresh_from_db()
    session = participant.session
    if session.status == Status.ENDED:
        do_record_outcomes(session, [participant])
        announce_took_part(session, [user.pk])
    return participant


def competency_profile(user) -> dict[str, dict]:
    """Live-quiz evidence per competency code: questions seen, credit earned,
    percent. What the learner profile and reports add to attempt results."""
    rows = (
        CompetencyOutcome.objects.filter(user=user)
        .values("competency_code")
        .annotate(questions=Sum("questions"), credit=Sum("credit"))
        .order_by("competency_code")
    )
    return {
        row["competency_code"]: {
            "questions": row["questions"],
            "credit": round(row["credit"], 3),
            "percent": round(100 * row["credit"] / row["questions"], 1) if row["questions"] else 0,
        }
        for row in rows
    }


def do_record_report_export(user, session: LiveSession, fmt: str) -> None:
    """The report names every player and their answers: who took it, and which
    session's, is recorded when the file is handed over."""
    record_event(
        actor=user,
        verb="live.report_exported",
        target=session,
        extra={"format": fmt, "participants": session.participants.count()},
    )
