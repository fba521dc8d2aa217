"""Login card actions: issue (and reissue) a class's cards, revoke one, and
sign in with one on a shared phone."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.models import LoginCard
from lms.accounts.models import User
from lms.accounts.roles import learners_only
from lms.audit.record import record_event
from lms.errors import RateLimited
from lms.ratelimits import by_address, count, reached

from . import card_codes
from .errors import CardRefused, CardRevoked, ClassNotFound

_MAX_TRIES = 20


@dataclass(frozen=True)
class IssuedCard:
    learner: object
    code: str  # shown on this one sheet, never stored

    @property
    def printed_code(self) -> str:
        return card_codes.printed(self.code)


def _create_card(community_class, learner, actor) -> IssuedCard:
    for _attempt in range(_MAX_TRIES):
        code = card_codes.new_code()
        lookup, secret = card_codes.split(code)
        try:
            with transaction.atomic():
                LoginCard.objects.create(
                    learner=learner,
                    community_class=community_class,
                    lookup=lookup,
                    secret_hash=card_codes.hash_secret(secret),
                    issued_by=actor,
                )
        except IntegrityError:
            continue  # the lookup is taken: draw again
        return IssuedCard(learner, code)
    raise RuntimeError("no free login card lookup")  # pragma: no cover


def do_issue_cards(*, actor, community_class, learners) -> list[IssuedCard]:
    """New cards for ``learners`` (all on the class's roster); their earlier
    cards of this class stop working. Only plain learner accounts get cards: a
    card is a weaker key than a password, never one to a staff account."""
    learners = list(learners)
    roster = set(community_class.members.values_list("learner_id", flat=True))
    if any(learner.pk not in roster for learner in learners):
        raise ClassNotFound()
    plain = set(
        learners_only(User.objects.filter(pk__in=[u.pk for u in learners])).values_list(
            "pk", flat=True
        )
    )
    learners = [learner for learner in learners if learner.pk in plain]
    with transaction.atomic():
        LoginCard.objects.filter(
            community_class=community_class, learner__in=learners, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
        issued = [_create_card(community_class, learner, actor) for learner in learners]
        record_event(
            actor=actor,
            verb="courses.login_cards_issued",
            target=community_class,
            unit=community_class.unit,
            extra={"learners": [learner.pk for learner in learners]},
        )
    return issued


def do_revoke_cards(*, actor, community_class, learner) -> int:
    with transaction.atomic():
        revoked = LoginCard.objects.filter(
            community_class=community_class, learner=learner, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
        record_event(
            actor=actor,
            verb="courses.login_card_revoked",
            target=community_class,
            unit=community_class.unit,
            extra={"learner": learner.pk, "cards": revoked},
        )
    return revoked


def check_card(request, code: str):
    """The learner a card signs in, or CardRefused / CardRevoked / RateLimited.
    Failures count per card (so one hall's address never locks a class out)
    and, for codes that name no card, per address with a generous budget."""
    parts = card_codes.split(code)
    address = by_address(request)
    if parts is None:
        raise CardRefused()
    lookup, secret = parts
    card = LoginCard.objects.select_related("learner").filter(lookup=lookup).first()
    ident, rate = (
        (f"card:{lookup}", settings.LOGIN_CARD_FAILURES_PER_CARD)
        if card
        else (f"addr:{address}", settings.LOGIN_CARD_FAILURES_PER_ADDRESS)
    )
    wait = reached("login-card", ident, rate)
    if wait:
        raise RateLimited()
    if card is None or not card_codes.secret_matches(secret, card.secret_hash):
        count("login-card", ident, rate)
        raise CardRefused()
    if card.revoked_at is not None:
        raise CardRevoked()
    if not card.learner.is_active or not learners_only(User.objects.filter(pk=card.learner_id)):
        raise CardRefused()  # given a role since the card was printed: it signs nobody in
    return card


def do_sign_in_with_card(request, code: str):
    """Sign the card's learner in for this browser session only: the session
    ends when the browser closes, so the next person on a shared phone starts fresh."""
    from django.contrib.auth import login

    from lms.privacy.middleware import mark_consent_due_if_needed

    card = check_card(request, code)
    login(request, card.learner, backend="lms.accounts.backends.PhoneOrUsernameBackend")
    request.session.set_expiry(0)
    # First use of a card: the privacy notice comes before anything else.
    mark_consent_due_if_needed(request, card.learner)
    LoginCard.objects.filter(pk=card.pk).update(last_used_at=timezone.now())
    record_event(
        actor=card.learner,
        verb="courses.login_card_used",
        target=card.community_class,
        unit=card.community_class.unit,
        extra={"card": card.pk},
    )
    return card.learner
