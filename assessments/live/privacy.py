"""Personal data held by live classroom quizzes (see lms/privacy/registry.py)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lms.privacy.registry import Holding, register
from lms.privacy.retention import cutoff, register_purge

ANONYMOUS_PLAYER = "—"

register(
    Holding(
        model="live.Participant",
        person="user",
        fields=("display_name", "name_key", "rejoin_code"),
        category=_("Names and scores in classroom quizzes"),
        purpose=_("Running the classroom quiz and its report"),
        seen_by=_("The instructor of the session; the hall's screen during the game"),
        kept_for=_("Guests' names: PRIVACY_GUEST_RETENTION_DAYS (default 30 days)"),
        # Unique per session: each anonymised row keeps a distinct key.
        blank={
            "display_name": ANONYMOUS_PLAYER,
            "name_key": lambda row: f"~{row.pk}",
            "rejoin_code": lambda row: f"~{row.pk}"[:8],
        },
        exported=("session", "score", "correct_count", "answer_count", "joined_at"),
    ),
    Holding(
        model="live.LiveAnswer",
        person="participant__user",
        fields=(),
        category=_("Answers in classroom quizzes"),
        purpose=_("Scoring the classroom quiz"),
        seen_by=_("The instructor of the session"),
        kept_for=_("Kept with the session"),
        exported=("session", "question", "response", "points", "answered_at"),
    ),
    Holding(
        model="live.CompetencyOutcome",
        person="user",
        fields=(),
        category=_("Competency results of classroom quizzes"),
        purpose=_("The learner's progress per competency"),
        seen_by=_("The learner; the instructor"),
        kept_for=_("Kept; after an erasure they count as an anonymous person"),
        exported=("session", "competency_code", "questions", "credit"),
    ),
    Holding(
        model="live.LiveSession",
        person="instructor",
        fields=(),
        category=_("Who on the staff did it, kept with what they did"),
        purpose=_("The instructor who ran a session"),
        seen_by=_("Instructors; administrators"),
        kept_for=_("Kept with the session"),
        on_erase="detach",
        exported=("title", "created_at"),
    ),
)


def anonymise_unclaimed_guests(now) -> int:
    """Guests who joined by PIN and never tied the result to an account."""
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat, Left

    from .models import Participant

    # name_key and rejoin_code are unique per session: each row keeps a distinct one.
    marker = Concat(Value("~"), Cast("pk", CharField()))
    return (
        Participant.objects.filter(
            user__isnull=True,
            claimed_at__isnull=True,
            joined_at__lt=cutoff(now, settings.PRIVACY_GUEST_RETENTION_DAYS),
        )
        .exclude(display_name=ANONYMOUS_PLAYER)
        .update(display_name=ANONYMOUS_PLAYER, name_key=marker, rejoin_code=Left(marker, 8))
    )


register_purge("live.unclaimed_guests", anonymise_unclaimed_guests)
