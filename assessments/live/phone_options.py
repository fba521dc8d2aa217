"""How a phone sees and answers a question's options: pure functions.

A phone never gets option ids: they can spell the key (ordering items are
numbered in their correct order, imported choices often put the right one
first). It gets its options as places on its own screen, "0", "1", …, and
answers with those; the server maps them back to ids.

The order of those places:
- instructor-paced: the projector's order. Phones show the same colour, shape
  and place as the tile on the big screen, so "tap the red triangle" keeps
  working for everybody in the hall; a per-phone order would make the spoken
  colour/shape point at different answers on different phones and help no one
  (the hall hears "red triangle" whatever order a phone uses). The projector's
  order is itself the session's shuffle.
- learner-paced: no projector; every phone shows the text in its own stable
  order (seeded by the participant and the question), so "the second one"
  passed between neighbours means nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import random
from collections.abc import Sequence
from typing import Any

SHOWN_AS_PLACES = ("single", "multiple", "ordering")


class PhoneAnswerError(ValueError):
    """A place that is not on the phone's screen, or the wrong shape."""


def permutation(count: int, seed: bytes, *, avoid: Sequence[int] | None = None) -> list[int]:
    """A stable shuffle of ``range(count)`` for one phone and one question:
    place ``i`` on the phone shows canonical option ``result[i]``. ``avoid``
    is an order that must not come out (an ordering question's key) when
    there is any other."""
    order = list(range(count))
    random.Random(seed).shuffle(order)  # noqa: S311 - a display order, not a secret
    if avoid is not None and count > 1 and order == list(avoid):
        order = order[1:] + order[:1]
    return order


def seed_for(secret: str, participant_id: int, session_id: int, position: int) -> bytes:
    """Keyed, so a phone cannot work out a neighbour's order from their id."""
    message = f"live-options:{session_id}:{participant_id}:{position}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).digest()


def to_phone(options: Sequence[dict], order: Sequence[int]) -> list[dict]:
    """The options a phone shows, in its order, valued by place."""
    return [
        {"value": str(place), "text": options[index]["text"]} for place, index in enumerate(order)
    ]


def _place(value: Any, count: int) -> int:
    if isinstance(value, bool):
        raise PhoneAnswerError("not a place")
    if isinstance(value, int):
        place = value
    elif isinstance(value, str) and value.isascii() and value.isdigit():
        place = int(value)
    else:
        raise PhoneAnswerError("not a place")
    if not 0 <= place < count:
        raise PhoneAnswerError("no such place")
    return place


def from_phone(qtype: str, ids: Sequence[str], order: Sequence[int], response: Any) -> Any:
    """A phone's answer (places) as option ids, ready for ``clean_response``.
    Types without places (true/false, numbers) pass through unchanged."""
    if qtype not in SHOWN_AS_PLACES or response is None or response == "":
        return response
    count = len(order)
    if qtype == "single":
        return ids[order[_place(response, count)]]
    if isinstance(response, str | int) and not isinstance(response, bool) and qtype == "multiple":
        response = [response]
    if not isinstance(response, list | tuple) or len(response) > count:
        raise PhoneAnswerError("expected a list of places")
    return [ids[order[_place(value, count)]] for value in response]


def response_to_phone(qtype: str, ids: Sequence[str], order: Sequence[int], response: Any) -> Any:
    """A stored answer (ids) as the phone's places: what it chose, in its terms."""
    if qtype not in SHOWN_AS_PLACES or response is None:
        return response
    place_of = {ids[index]: str(place) for place, index in enumerate(order)}
    if isinstance(response, list):
        return [place_of.get(value) for value in response]
    return place_of.get(response)
