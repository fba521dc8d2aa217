"""Responses as learners give them: option orders, reading form posts and JSON,
and what an open question shows. Pure functions on QuestionSpec; nothing here
may expose fractions, feedback or accepted answers (see ``display_options``)."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from typing import Any

from assessments.scoring.spec import QuestionSpec

MAX_TEXT_LENGTH = 20_000


class ResponseError(ValueError):
    """A response that does not fit the question (unknown option, wrong shape)."""


def option_order(spec: QuestionSpec, shuffle: bool, rng: random.Random) -> list:
    """The order options are shown in for one attempt slot.

    Ordering items and matching answers are always shuffled: shown in their
    stored order they would give the key away. An ordering question never starts
    in its correct order when it has two or more items."""
    if spec.qtype in ("single", "multiple"):
        ids = [choice.id for choice in spec.choices]
        if shuffle:
            rng.shuffle(ids)
        return ids
    if spec.qtype == "ordering":
        ids = [item.id for item in spec.items]
        correct = list(ids)
        rng.shuffle(ids)
        if len(ids) > 1 and ids == correct:
            ids = ids[1:] + ids[:1]
        return ids
    if spec.qtype == "matching":
        rights = list(
            dict.fromkeys([pair.right_text for pair in spec.pairs] + list(spec.extra_rights))
        )
        rng.shuffle(rights)
        return rights
    return []


def display_options(spec: QuestionSpec, order: list) -> list[dict[str, str]]:
    """``[{"value", "text"}]`` for choices, items or matching answers, in slot order.

    Only ids and texts: the single place the learner pages and API read options."""
    if spec.qtype in ("single", "multiple"):
        texts = {choice.id: choice.text for choice in spec.choices}
        return [{"value": cid, "text": texts[cid]} for cid in order if cid in texts]
    if spec.qtype == "truefalse":
        return [{"value": "true", "text": "true"}, {"value": "false", "text": "false"}]
    if spec.qtype == "ordering":
        texts = {item.id: item.text for item in spec.items}
        return [{"value": iid, "text": texts[iid]} for iid in order if iid in texts]
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


def clean_response(spec: QuestionSpec, order: list, value: Any) -> Any:
    """A JSON-ready response checked against the question and slot, or None for
    "no answer". Raises ResponseError for anything that could not come from the
    question's own form."""
    if value is None or value == "":
        return None
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


def response_from_form(spec: QuestionSpec, order: list, get: Callable, getlist: Callable) -> Any:
    """Read a plain HTML form post (``request.POST.get``/``getlist``) into the
    same shape ``clean_response`` accepts, then clean it."""
    qtype = spec.qtype
    if qtype == "multiple":
        return clean_response(spec, order, getlist("answer"))
    if qtype == "ordering":
        positions = []
        for index, item_id in enumerate(order):
            try:
                rank = int(get(f"position-{item_id}") or index + 1)
            except ValueError:
                raise ResponseError("positions must be numbers") from None
            positions.append((rank, index, item_id))
        return clean_response(spec, order, [item_id for *_, item_id in sorted(positions)])
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
    return clean_response(spec, order, get("answer"))


def form_state(spec: QuestionSpec, order: list, response: Any) -> dict[str, Any]:
    """What the form should show as already chosen, from the saved response."""
    if spec.qtype == "ordering":
        current = response if isinstance(response, list) else order
        return {"ordered": current}
    if spec.qtype == "matching":
        chosen = {}
        if isinstance(response, dict):
            for left, right in response.items():
                if right in order:
                    chosen[left] = str(order.index(right))
        return {"matched": chosen}
    if spec.qtype == "multiple":
        return {"picked": set(response or [])}
    return {"value": response if isinstance(response, str) else ""}
