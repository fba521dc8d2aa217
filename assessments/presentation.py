"""View models for question pages and reviews: plain dicts for templates and
the API. ``open_question`` is everything an open attempt may show; ``review``
adds what the quiz's review options allow after submission."""

from __future__ import annotations

from typing import Any

from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from assessments.option_tokens import slot_codec
from assessments.responses import (
    OptionCodec,
    display_options,
    form_state,
    matching_prompts,
    public_response,
)
from assessments.scoring import correct_response
from assessments.scoring.spec import QuestionSpec
from assessments.scoring.textmatch import compile_pattern, fold, matches_pattern


def open_question(slot, *, total: int | None = None, codec: OptionCodec | None = None) -> dict:
    """What a learner sees of one slot of an open attempt: no key, no feedback,
    no option id (only the slot's tokens)."""
    version = slot.question_version
    spec = version.question_spec
    codec = codec or slot_codec(slot)
    order = slot.option_order
    if spec.qtype == "ordering" and isinstance(slot.response, list):
        order = slot.response  # the learner's saved order, so the form shows it
    return {
        "position": slot.position,
        "total": total,
        "qtype": spec.qtype,
        "stem": mark_safe(version.stem),  # noqa: S308 - sanitised when the version was saved
        "image_url": version.image.url if version.image else "",
        "image_alt": version.image_alt,
        "options": display_options(spec, order, codec),
        "prompts": matching_prompts(spec) if spec.qtype == "matching" else [],
        "state": form_state(spec, slot.option_order, slot.response, codec),
        "answered": slot.is_answered,
        "points": spec.points,
        "response": public_response(spec, slot.response, codec),
    }


def _choice_texts(spec: QuestionSpec) -> dict[str, str]:
    if spec.qtype == "truefalse":
        return {"true": _("True"), "false": _("False")}
    if spec.qtype == "ordering":
        return {item.id: item.text for item in spec.items}
    return {choice.id: choice.text for choice in spec.choices}


def response_text(spec: QuestionSpec, response: Any, texts: dict[str, str] | None = None) -> str:
    """A learner's (or the key's) response as readable text (``texts``: the
    spec's ``_choice_texts``, when the caller has them)."""
    if response is None or response in ("", [], {}):
        return ""
    texts = _choice_texts(spec) if texts is None else texts
    if spec.qtype in ("single", "truefalse"):
        return texts.get(response, str(response))
    if spec.qtype in ("multiple", "ordering"):
        ordered = list(response)
        if spec.qtype == "multiple":
            ordered = [c.id for c in spec.choices if c.id in set(response)]
        separator = "; " if spec.qtype == "multiple" else " → "
        return separator.join(texts.get(item, str(item)) for item in ordered)
    if spec.qtype == "matching":
        lefts = {pair.left_id: pair.left_text for pair in spec.pairs}
        return "; ".join(f"{lefts.get(k, k)} → {v}" for k, v in dict(response).items())
    if isinstance(response, float):
        return f"{response:g}"
    return str(response)


def answer_feedback(spec: QuestionSpec, response: Any) -> list[str]:
    """Feedback attached to what the learner answered (choices, accepted answers)."""
    if response is None:
        return []
    if spec.qtype in ("single", "truefalse", "multiple"):
        picked = {response} if isinstance(response, str) else set(response or [])
        return [c.feedback for c in spec.choices if c.id in picked and c.feedback]
    if spec.qtype == "shortanswer" and isinstance(response, str):
        flags = {"case_sensitive": spec.case_sensitive, "ignore_diacritics": spec.ignore_diacritics}
        folded = fold(response, **flags)
        for answer in spec.accepted_answers:
            if matches_pattern(folded, compile_pattern(answer.text, **flags)):
                return [answer.feedback] if answer.feedback else []
    return []


def correctness(fraction: float | None) -> str:
    if fraction is None:
        return "pending"
    if fraction >= 1:
        return "correct"
    if fraction <= 0:
        return "incorrect"
    return "partial"


def _review_parts(version, language: str) -> dict[str, Any]:
    """What every learner's review shows of one question version, whatever they
    answered (but its image URL): kept on the version object, by language
    (true/false read in it). Versions are frozen and held per process
    (assessments.frozen_versions), so a class's Submits build these once, not
    once per learner and question."""
    # An unsaved version (a preview) may still change: nothing kept for it.
    kept = version.__dict__.setdefault("_review_parts", {}) if version.id else {}
    parts = kept.get(language)
    if parts is None:
        spec = version.question_spec
        key = correct_response(spec)
        parts = kept[language] = {
            "spec": spec,
            "texts": _choice_texts(spec),
            "stem": mark_safe(version.stem),  # noqa: S308 - sanitised when saved
            "right_answer": None
            if key is None
            else response_text(spec, list(key) if isinstance(key, frozenset) else key),
        }
    return parts


def review(slot, options: set[str], language: str | None = None) -> dict[str, Any]:
    """One submitted slot for the result page, limited to the review ``options``
    (``language``: the active one, when the caller reviews many slots)."""
    version = slot.question_version
    parts = _review_parts(version, language or get_language())
    spec = parts["spec"]
    fraction = slot.manual_fraction if slot.manual_fraction is not None else slot.fraction
    item = {
        "position": slot.position,
        "qtype": spec.qtype,
        "stem": parts["stem"],
        # Asked each time: object storage may sign the URL for a limited time.
        "image_url": version.image.url if version.image else "",
        "image_alt": version.image_alt,
    }
    if "responses" in options:
        item["response"] = response_text(spec, slot.response, parts["texts"])
    if "correctness" in options and spec.qtype != "description":
        item["correctness"] = correctness(fraction)
    if "score" in options and spec.qtype != "description":
        item["points"] = round((fraction or 0) * spec.points, 2)
        item["max_points"] = spec.points
    if "feedback" in options:
        item["feedback"] = answer_feedback(spec, slot.response)
        if slot.manual_comment:
            item["feedback"].append(slot.manual_comment)
    if "general_feedback" in options and spec.general_feedback:
        item["general_feedback"] = spec.general_feedback
    if "right_answer" in options and parts["right_answer"] is not None:
        item["right_answer"] = parts["right_answer"]
    return item
