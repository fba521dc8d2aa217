"""Who may look up a live session: limits on guessing PINs and rejoin codes.

A PIN is six digits (900,000 values) and a few sessions run at once, so a
guesser aims at the whole PIN space, not at one session. What stops them:

- per address, wrong PINs and wrong rejoin codes (LIVE_PIN_FAILURE_LIMIT per
  LIVE_PIN_FAILURE_WINDOW_SECONDS, default 600 per 10 minutes). Right PINs never
  count. A hall of 300 phones behind one address where every phone mistypes twice
  stays under it; a guesser gets 600 tries, 0.07 % of the PIN space, per window.
  Past the limit the address waits for any typed PIN, right or wrong, because a
  different answer for the right one would tell a guesser which PIN is live;
- the projector's QR code carries the session's join key (an HMAC of the session
  with SECRET_KEY): whoever scans it proves they see the screen and is never
  refused, even from an address that others used up;
- per session, wrong rejoin codes from every address together
  (LIVE_REJOIN_FAILURE_LIMIT per window): a rejoin code takes over a
  participant, and it is the one secret aimed at one session. Past the limit
  the session stops taking rejoin codes for a while; joining it is unaffected.

Counters are django-ratelimit's (lms/ratelimits.py), in the cache."""

from __future__ import annotations

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from lms import ratelimits

from . import errors


def join_key(session) -> str:
    return salted_hmac("assessments.live.join", f"{session.pk}:{session.pin}").hexdigest()[:20]


def key_opens(session, key: str) -> bool:
    return bool(key) and constant_time_compare(join_key(session), key.strip())


def _address_rate() -> str:
    return ratelimits.rate(settings.LIVE_PIN_FAILURE_LIMIT, settings.LIVE_PIN_FAILURE_WINDOW)


def _session_rate() -> str:
    return ratelimits.rate(settings.LIVE_REJOIN_FAILURE_LIMIT, settings.LIVE_PIN_FAILURE_WINDOW)


def _minutes(seconds: int) -> int:
    return max(1, -(-seconds // 60))


def check_address(ip: str) -> None:
    wait = ratelimits.reached("live-pin-address", ip, _address_rate())
    if wait:
        raise errors.TooManyGuesses(
            _(
                "Too many wrong PINs from this network. Scan the QR code on the screen to "
                "join now, or type the PIN again in %(minutes)s minutes."
            )
            % {"minutes": _minutes(wait)}
        )


def note_wrong_pin(ip: str) -> None:
    ratelimits.count("live-pin-address", ip, _address_rate())


def check_rejoin(session) -> None:
    wait = ratelimits.reached("live-rejoin-session", str(session.pk), _session_rate())
    if wait:
        raise errors.TooManyGuesses(
            _(
                "Too many wrong rejoin codes for this quiz. Try again in %(minutes)s minutes, "
                "or join with a new name."
            )
            % {"minutes": _minutes(wait)},
            code="rejoin_locked",
        )


def note_wrong_rejoin(session, ip: str) -> None:
    note_wrong_pin(ip)
    ratelimits.count("live-rejoin-session", str(session.pk), _session_rate())
