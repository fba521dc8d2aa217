"""Responses as learners give them: option orders, reading form posts and JSON,
and what an open question shows. Pure functions on QuestionSpec; nothing here
may expose fractions, feedback or accepted answers (see ``display_options``).

Choice and ordering-item ids never reach a learner: authors (and importers)
number ordering items in their correct order and often write the right choice
first, so an id would give the key away. With an ``OptionCodec`` every such
value is an opaque per-slot token instead (``display_options``, ``form_state``,
``public_response``), turned back into ids when an answer comes in."""

from __future__ import annotations

import hashlib
import hmac
import random
from collections.abc import Callable, Mapping
from typing import Any

from assessments.scoring.spec import QuestionSpec

MAX_TEXT_LENGTH = 20_000
# Question types whose option values are ids that the codec hides.
TOKENISED = ("single", "multiple", "ordering")


class ResponseError(ValueError):
    """A response that does not fit the question (unknown option, wrong shape)."""


class OptionCodec:
    """Opaque option values for one slot: an HMAC of the option id under a
    per-slot key, so tokens say nothing of ids or order and differ between
    slots and attempts. ``OptionCodec(None)`` leaves values as ids (staff and
    live code that shows no key-bearing ids)."""

    def __init__(self, key: bytes | None):
        self._key = key
        self._ids: dict[str, str] = {}

    def token(self, option_id: str) -> str:
        if self._key is None:
            return option_id
        token = hmac.new(self._key, str(option_id).encode(), hashlib.sha256).hexdigest()[:12]
        self._ids[token] = option_id
        return token

    def option_id(self, token: Any, order: list) -> str:
        """The id behind ``token`` among the slot's ``order``; ResponseError if none."""
        if self._key is None:
            if token in order:
                return token
            raise ResponseError("unknown choice")
        if not self._ids:
            for option_id in order:
                self.token(option_id)
        if isinstance(token, str) and token in self._ids and self._ids[token] in order:
            return self._ids[token]
        raise ResponseError("unknown choice")


PLAIN = OptionCodec(None)


def shuffle_material(spec: QuestionSpec) -> tuple[str, tuple]:
    """What ``option_order`` needs of a question (small enough to cache per version)."""
    if spec.qtype in ("single", "multiple"):
        return ("choices", tuple(choice.id for choice in spec.choices))
    if spec.qtype == "ordering":
        return ("items", tuple(item.id for item in spec.items))
    if spec.qtype == "matching":
        rights = dict.fromkeys([pair.right_text for pair in spec.pairs] + list(spec.extra_rights))
        return ("rights", tuple(rights))
    return ("none", ())


def order_from_material(material: tuple[str, tuple], shuffle: bool, rng: random.Random) -> list:
    kind, values = material
    ids = list(values)
    if kind == "choices":
        if shuffle:
            rng.shuffle(ids)
        return ids
    if kind == "items":
        correct = list(ids)
        rng.shuffle(ids)
        if len(ids) > 1 and ids == correct:
            ids = ids[1:] + ids[:1]
        return ids
    if kind == "rights":
        rng.shuffle(ids)
        return ids
    return []


def option_order(spec: QuestionSpec, shuffle: bool, rng: random.Random) -> list:
    """The order options are shown in for one attempt slot.

    Ordering items and matching answers are always shuffled: shown in their
    stored order they would give the key away. An ordering question never starts
    in its correct order when it has two or more items."""
    return order_from_material(shuffle_material(spec), shuffle, rng)


def display_options(
    spec: QuestionSpec, order: list, codec: OptionCodec = PLAIN
) -> list[dict[str, str]]:
    """``[{"value", "text"}]`` for choices, items or matching answers, in slot order.

    Only values and texts: the single place the learner pages and API read options."""
    if spec.qtype in ("single", "multiple"):
        texts = {choice.id: choice.text for choice in spec.choices}
        return [{"value": codec.token(cid), "text": texts[cid]} for cid in order if cid in texts]
    if spec.qtype == "truefalse":
        return [{"value": "true", "text": "true"}, {"value": "false", "text": "false"}]
    if spec.qtype == "ordering":
        texts = {item.id: item.text for item in spec.items}
        return [{"value": codec.token(iid), "text": texts[iid]} for iid in order if iid in texts]
    if spec.qtype == "matching":
        return [{"value": str(index), "text": text} for index, text in enumerate(order)]
    return []


def matching_prompts(spec: QuestionSpec) -> list[dict[str, str]]:
    return [{"value": pair.left_id, "text": pair.left_text} for pair in spec.pairs]


def _text(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ResponseError("expected text")
    if len(value) > MAX_TEXT_LENGTH:
        raise ResponseError("text too long")
    return value


def decode_response(spec: QuestionSpec, order: list, value: Any, codec: OptionCodec) -> Any:
    """A response given in option tokens, with ids instead (other types as given)."""
    if value is None or value == "" or spec.qtype not in TOKENISED:
        return value
    if spec.qtype == "single":
        return codec.option_id(value, order)
    if isinstance(value, str) and spec.qtype == "multiple":
        value = [value]
    if not isinstance(value, list | tuple):
        raise ResponseError("expected a list")
    return [codec.option_id(token, order) for token in value]


def public_response(spec: QuestionSpec, response: Any, codec: OptionCodec) -> Any:
    """A stored response as the learner's client knows it (tokens for ids)."""
    if response is None or spec.qtype not in TOKENISED:
        return response
    if spec.qtype == "single":
        return codec.token(response) if isinstance(response, str) else response
    if isinstance(response, list):
        return [codec.token(option_id) for option_id in response]
    return response


def clean_response(spec: QuestionSpec, order: list, value: Any, codec: OptionCodec = PLAIN) -> Any:
    """A JSON-ready response checked against the question and slot, or None for
    "no answer". Raises ResponseError for anything that could not come from the
    question's own form. With a ``codec``, option values are its tokens."""
    if value is None or value == "":
        return None
    value = decode_response(spec, order, value, codec)
    qtype = spec.qtype
    if qtype == "single":
        if value not in order:
            raise ResponseError("unknown choice")
        return value
    if qtype == "truefalse":
        if isinstance(value, bool):
            value = "true" if value else "false"
        if value not in ("true", "false"):
            raise ResponseError("expected true or false")
        return value
    if qtype == "multiple":
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not all(v in order for v in value):
            raise ResponseError("unknown choice")
        picked = set(value)
        return [cid for cid in order if cid in picked] or None
    if qtype == "ordering":
        if not isinstance(value, list | tuple) or sorted(value) != sorted(order):
            raise ResponseError("the order must list every item once")
        return list(value)
    if qtype == "matching":
        if not isinstance(value, Mapping):
            raise ResponseError("expected an object")
        lefts = {pair.left_id for pair in spec.pairs}
        cleaned = {}
        for left, right in value.items():
            if left not in lefts or (right is not None and right not in order):
                raise ResponseError("unknown prompt or answer")
            if right is not None:
                cleaned[left] = right
        return cleaned or None
    if qtype in ("shortanswer", "numerical", "essay"):
        text = _text(value)
        return text if text.strip() else None
    raise ResponseError("this question takes no answer")


def response_from_form(
    spec: QuestionSpec, order: list, get: Callable, getlist: Callable, codec: OptionCodec = PLAIN
) -> Any:
    """Read a plain HTML form post (``request.POST.get``/``getlist``) into the
    same shape ``clean_response`` accepts, then clean it."""
    qtype = spec.qtype
    if qtype == "multiple":
        return clean_response(spec, order, getlist("answer"), codec)
    if qtype == "ordering":
        positions = []
        for index, item_id in enumerate(order):
            token = codec.token(item_id)
            try:
                rank = int(get(f"position-{token}") or index + 1)
            except ValueError:
                raise ResponseError("positions must be numbers") from None
            positions.append((rank, index, token))
        return clean_response(spec, order, [token for *_, token in sorted(positions)], codec)
    if qtype == "matching":
        answer = {}
        for pair in spec.pairs:
            raw = get(f"match-{pair.left_id}") or ""
            if raw == "":
                continue
            try:
                answer[pair.left_id] = order[int(raw)]
            except (ValueError, IndexError):
                raise ResponseError("unknown answer") from None
        return clean_response(spec, order, answer)
    if qtype == "description":
        return None
    return clean_response(spec, order, get("answer"), codec)


def form_state(
    spec: QuestionSpec, order: list, response: Any, codec: OptionCodec = PLAIN
) -> dict[str, Any]:
    """What the form should show as already chosen, from the saved response."""
    if spec.qtype == "ordering":
        current = response if isinstance(response, list) else order
        return {"ordered": [codec.token(item_id) for item_id in current]}
    if spec.qtype == "matching":
        chosen = {}
        if isinstance(response, dict):
            for left, right in response.items():
                if right in order:
                    chosen[left] = str(order.index(right))
        return {"matched": chosen}
    if spec.qtype == "multiple":
        return {"picked": {codec.token(choice_id) for choice_id in response or []}}
    if spec.qtype == "single" and isinstance(response, str):
        return {"value": codec.token(response)}
    return {"value": response if isinstance(response, str) else ""}
