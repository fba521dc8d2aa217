"""What screens see, as JSON-ready dicts, built from the database only.

``public_state`` is the same for every phone of a session (no keys before the
reveal, no personal data) and language-neutral, so it is built once per
revision, cached, and carried by the channel-layer message. ``screen_extras``
adds the live counts and the roster for the projector and the instructor;
``personal`` adds each participant's score, rank and answer as
``visibility`` allows at the phase, and ``for_phone``/``phone_question`` turn
options into places on the phone's screen (``phone_options``)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count

from assessments.presentation import response_text
from assessments.responses import display_options
from assessments.scoring import correct_response

from . import livecache, phone_options
from .models import LiveAnswer, LiveQuestion, LiveSession, Mode, Participant, Status
from .scoring import is_correct

CACHE_SECONDS = 3600
TOP = 5
ROSTER_SHOWN = 300  # names a screen lists (the newest first); the count is exact


def ms(value) -> int | None:
    return None if value is None else int(value.timestamp() * 1000)


def now_ms() -> int:
    return int(time.time() * 1000)


def question_payload(question: LiveQuestion, total: int, *, with_stem: bool = True) -> dict:
    version = question.question_version
    spec = version.question_spec
    if spec.qtype == "truefalse":
        options = [{"value": "true", "text": ""}, {"value": "false", "text": ""}]
    else:
        options = display_options(spec, question.option_order)
    payload: dict[str, Any] = {
        "position": question.position,
        "number": question.position + 1,
        "total": total,
        "qtype": spec.qtype,
        "options": options,
    }
    if with_stem:
        payload["stem"] = version.stem  # sanitised HTML, saved by the question bank
        payload["image"] = version.image.url if version.image else ""
        payload["image_alt"] = version.image_alt
    return payload


def _key_values(spec) -> list:
    key = correct_response(spec)
    if spec.qtype in ("single", "truefalse"):
        return [key]
    if spec.qtype in ("multiple", "ordering"):
        return list(key) if spec.qtype == "ordering" else sorted(key)
    return [key]


def reveal_payload(question: LiveQuestion) -> dict:
    """The key, the distribution of answers and who leads, after a question."""
    spec = question.question_version.question_spec
    answers = list(question.answers.values_list("response", "fraction"))
    distribution = []
    if spec.qtype in ("single", "multiple", "truefalse"):
        counts: dict[str, int] = {}
        for response, _fraction in answers:
            picked = response if isinstance(response, list) else [response]
            for value in picked:
                counts[value] = counts.get(value, 0) + 1
        keys = set(_key_values(spec)) if spec.qtype != "multiple" else set(correct_response(spec))
        options = (
            [{"value": "true", "text": ""}, {"value": "false", "text": ""}]
            if spec.qtype == "truefalse"
            else display_options(spec, question.option_order)
        )
        for option in options:
            distribution.append(
                {
                    "value": option["value"],
                    "text": option["text"],
                    "count": counts.get(option["value"], 0),
                    "correct": option["value"] in keys,
                }
            )
    else:
        right = sum(1 for _response, fraction in answers if is_correct(fraction))
        partial = sum(
            1 for _response, fraction in answers if 0 < fraction < 1 and not is_correct(fraction)
        )
        distribution = [
            {"value": "right", "text": "", "count": right, "correct": True},
            {"value": "partial", "text": "", "count": partial, "correct": False},
            {
                "value": "wrong",
                "text": "",
                "count": len(answers) - right - partial,
                "correct": False,
            },
        ]
    key = correct_response(spec)
    key_text = response_text(spec, key if not isinstance(key, frozenset) else sorted(key))
    return {
        "position": question.position,
        "key_text": key_text,
        "key_values": [str(v) for v in _key_values(spec)],
        "distribution": distribution,
        "answered": len(answers),
    }


def leaders(session_id: int, limit: int = TOP) -> list[dict]:
    rows = (
        Participant.objects.filter(session_id=session_id, removed=False)
        .order_by("-score", "joined_at", "pk")
        .values("id", "display_name", "score", "correct_count")[:limit]
    )
    return [
        {
            "id": r["id"],
            "name": r["display_name"],
            "score": r["score"],
            "correct": r["correct_count"],
        }
        for r in rows
    ]


def _build(session: LiveSession) -> dict:
    questions = livecache.questions_of(session)
    total = len(questions)
    state: dict[str, Any] = {
        "type": "state",
        "session": session.pk,
        "rev": session.revision,
        "title": session.title,
        "status": session.status,
        "mode": session.mode,
        "locked": session.locked,
        "total": total,
        "seconds": session.seconds_per_question,
        "speed_bonus": session.speed_bonus,
        "streak_bonus": session.streak_bonus,
        "stem_on_phones": session.stem_on_phones,
        "confirm_taps": session.confirm_taps,
        "deadline": None,
        "started_at": None,
        "question": None,
        "reveal": None,
        "top": [],
    }
    if session.mode == Mode.LEARNER:
        state["deadline"] = ms(session.deadline)
    elif session.status in (Status.QUESTION, Status.REVEAL) and 0 <= session.current_index < total:
        current = questions[session.current_index]
        state["question"] = question_payload(current, total)
        state["deadline"] = ms(session.question_deadline)
        state["started_at"] = ms(session.question_started_at)
        if session.status == Status.REVEAL:
            state["reveal"] = reveal_payload(current)
            state["reveal_until"] = ms(session.reveal_until)
    if session.status in (Status.REVEAL, Status.ENDED):
        state["top"] = leaders(session.pk)
    return state


def public_state(session_or_id) -> dict:
    session = (
        session_or_id
        if isinstance(session_or_id, LiveSession)
        else LiveSession.objects.get(pk=session_or_id)
    )
    # Keyed by the session's creation instant too (livecache): a recreated
    # database reusing this id never meets these entries.
    key = livecache.key(session, "state", session.revision)
    state = cache.get(key)
    if state is None:
        state = _build(session)
        cache.set(key, state, CACHE_SECONDS)
    return state


def for_phone(state: dict) -> dict:
    """The shared state as phones get it: options as places on the screen in
    the projector's order (no ids, see ``phone_options``), and the question
    text only when the instructor wants it there."""
    question = state.get("question")
    if not question:
        return state
    question = dict(question)
    if question["qtype"] in phone_options.SHOWN_AS_PLACES:
        options = question["options"]
        question["options"] = phone_options.to_phone(options, range(len(options)))
    if not state.get("stem_on_phones", True):
        question = {k: v for k, v in question.items() if k not in ("stem", "image")}
    return {**state, "question": question}


def screen_extras(session: LiveSession) -> dict:
    participants = Participant.objects.filter(session=session, removed=False)
    extras: dict[str, Any] = {
        "participants": participants.count(),
        "recent": [
            {"id": pk, "name": name}
            for pk, name in participants.order_by("-joined_at", "-pk").values_list(
                "pk", "display_name"
            )[:ROSTER_SHOWN]
        ],
        "answered": 0,
    }
    if session.mode == Mode.INSTRUCTOR and session.current_index >= 0:
        extras["answered"] = livecache.answered(session, session.current_index)
    else:
        extras["answered"] = livecache.answered(session, None)
        extras["finished"] = (
            participants.annotate(n=Count("answers"))
            .filter(n__gte=len(livecache.questions_of(session)))
            .count()
        )
    return extras


def phone_order(session: LiveSession, participant_id: int, question: LiveQuestion):
    """The option ids of ``question`` and the order one phone shows them in
    (see ``phone_options``): the projector's order when instructor-paced, a
    stable order of its own when learner-paced."""
    spec = question.question_version.question_spec
    ids = [o["value"] for o in display_options(spec, question.option_order)]
    if session.mode != Mode.LEARNER or spec.qtype not in phone_options.SHOWN_AS_PLACES:
        return ids, list(range(len(ids)))
    avoid = None
    if spec.qtype == "ordering":  # never start in the correct order
        avoid = [ids.index(item.id) for item in spec.items if item.id in ids]
    seed = phone_options.seed_for(
        settings.SECRET_KEY, participant_id, session.pk, question.position
    )
    return ids, phone_options.permutation(len(ids), seed, avoid=avoid)


def phone_response(session: LiveSession, participant_id: int, question: LiveQuestion, response):
    """A stored response in the phone's own terms (places on its screen)."""
    spec = question.question_version.question_spec
    ids, order = phone_order(session, participant_id, question)
    return phone_options.response_to_phone(spec.qtype, ids, order, response)


def phone_question(session: LiveSession, participant_id: int, question: LiveQuestion, total: int):
    payload = question_payload(question, total, with_stem=True)
    if payload["qtype"] in phone_options.SHOWN_AS_PLACES:
        _ids, order = phone_order(session, participant_id, question)
        payload["options"] = phone_options.to_phone(payload["options"], order)
    return payload


def ack(answer: LiveAnswer, *, created: bool, client_id, session: LiveSession) -> dict:
    """What a phone hears back about its answer: received, and which option it
    chose, whatever the answer is worth (that waits for the reveal)."""
    question = answer.question
    return {
        "type": "ack",
        "id": client_id,
        "q": question.position,
        "duplicate": not created,
        "answer": {
            "q": question.position,
            "response": phone_response(session, answer.participant_id, question, answer.response),
        },
    }
