"""Issue 10 point 4: nothing that depends on the correctness of an answer
reaches a phone before the reveal (instructor-paced) or the end
(learner-paced). Every message a phone receives over the WebSocket and every
poll and answer response over HTTP is collected and scanned."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.live import actions
from assessments.live.actions import cookie_name

from .conftest import phone, right_answer, screen, wrong_answer

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.timeout(180, func_only=True),
]

# Keys that can only be filled in from the key or the grade of an answer.
FORBIDDEN = {
    "correct",
    "fraction",
    "points",
    "streak_points",
    "feedback",
    "general_feedback",
    "key",
    "key_text",
    "key_values",
    "distribution",
}
STANDING = ("score", "correct", "streak", "rank")
SHOWN_AS_POSITIONS = ("single", "multiple", "ordering")


def on_phone(options, session, position, response):
    """The response the phone sends for ``response`` (option ids), found by
    the option texts the phone shows."""
    spec = session.questions.get(position=position).question_version.question_spec
    if spec.qtype not in SHOWN_AS_POSITIONS:
        return response
    text_of = {c.id: c.text for c in spec.choices} | {i.id: i.text for i in spec.items}
    value_of = {o["text"]: o["value"] for o in options}
    if isinstance(response, list):
        return [value_of[text_of[r]] for r in response]
    return value_of[text_of[response]]


def leaks(payload, baseline) -> list[str]:
    """What in ``payload`` a phone must not see yet. ``baseline`` is the
    phone's standing after the last reveal (None: nothing scored may show)."""
    found = []

    def walk(value, path):
        if isinstance(value, dict):
            for key, inner in value.items():
                here = (*path, key)
                allowed_standing = here == ("me", "correct") and baseline is not None
                if key in FORBIDDEN and not allowed_standing:
                    found.append("/".join(here))
                walk(inner, here)
        elif isinstance(value, list):
            for inner in value:
                walk(inner, path)

    walk(payload, ())
    if payload.get("reveal"):
        found.append("reveal")
    if payload.get("top"):
        found.append("top")
    me = payload.get("me") or {}
    for key in STANDING:
        if baseline is None and me.get(key) is not None:
            found.append(f"me/{key}={me[key]}")
        elif baseline is not None and key in me and me[key] != baseline[key]:
            found.append(f"me/{key}={me[key]}≠{baseline[key]}")
    for question in (payload.get("question"), me.get("question")):
        if question and question["qtype"] in SHOWN_AS_POSITIONS:
            # Option ids can spell the key (ordering items are numbered in
            # their correct order): a phone gets only places on its screen.
            values = [o["value"] for o in question["options"]]
            if values != [str(i) for i in range(len(values))]:
                found.append(f"option values {values}")
    return found


def screen_leaks(payload) -> list[str]:
    """The projector is seen by the whole hall: live counts yes, the key and
    the answers per option only at the reveal."""
    found = []

    def walk(value, path):
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in FORBIDDEN:
                    found.append("/".join((*path, key)))
                walk(inner, (*path, key))
        elif isinstance(value, list):
            for inner in value:
                walk(inner, path)

    walk(payload, ())
    if payload.get("reveal") or payload.get("top"):
        found.append("reveal/top")
    return found


class Collector:
    """A WebSocket whose every message is kept in ``seen``."""

    def __init__(self, ws, first):
        self.ws = ws
        self.seen = [first]

    def until(self, kind, **match):
        for _ in range(50):
            message = self.ws.receive()
            self.seen.append(message)
            if message.get("type") == kind and all(message.get(k) == v for k, v in match.items()):
                return message
        raise AssertionError(f"no {kind} message")


class Phone(Collector):
    """One participant's two ways in: the WebSocket and the HTTP fallback,
    with every JSON payload either brings kept in ``seen``."""

    def __init__(self, sockets, participant):
        super().__init__(*phone(sockets, participant))
        self.participant = participant
        self.http = Client()
        self.http.cookies[cookie_name(participant.session_id)] = participant.token
        self.session_id = participant.session_id

    def answer_ws(self, position, response):
        self.ws.send({"type": "answer", "q": position, "response": response, "id": "w"})
        return self.until("ack")

    def answer_http(self, position, response):
        url = reverse("live:answer", args=[self.session_id])
        reply = self.http.post(
            url, {"q": position, "response": response}, content_type="application/json"
        )
        assert reply.status_code == 200, reply.content
        self.seen.append(reply.json())
        return reply.json()

    def poll(self):
        reply = self.http.get(reverse("live:state", args=[self.session_id]))
        assert reply.status_code == 200
        self.seen.append(reply.json())
        return reply.json()

    def sync(self):
        self.ws.send({"type": "sync"})
        return self.until("state")

    def check(self, baseline):
        found = [(p.get("type"), leaks(p, baseline)) for p in self.seen if leaks(p, baseline)]
        assert not found, found
        self.seen = []


def test_instructor_paced_phones_see_nothing_new_before_the_reveal(
    session, instructor, sockets, client
):
    people = {name: actions.do_join(session, name=name) for name in ("An", "Bảo", "Chi")}
    phones = {name: Phone(sockets, p) for name, p in people.items()}
    teacher = Collector(*screen(sockets, session, instructor, client))
    baseline = {name: {"score": 0, "correct": 0, "streak": 0, "rank": 1} for name in people}
    # Per question: who answers, rightly or not, and through which door. One
    # of three always waits, so the question stays open until the reveal.
    plan = [
        {"An": ("right", "ws"), "Bảo": ("wrong", "http")},
        {"An": ("wrong", "http"), "Bảo": ("right", "ws")},
        {"An": ("right", "ws"), "Chi": ("right", "http")},
        {"Bảo": ("right", "ws"), "Chi": ("wrong", "ws")},
    ]
    for position, answers in enumerate(plan):
        teacher.ws.send({"type": "next"})  # open the question
        questions = {name: p.until("state", status="question") for name, p in phones.items()}
        for name, (how, door) in answers.items():
            ids = (right_answer if how == "right" else wrong_answer)(session, position)
            value = on_phone(questions[name]["question"]["options"], session, position, ids)
            p = phones[name]
            (p.answer_ws if door == "ws" else p.answer_http)(position, value)
            # A second tap is acknowledged with the first answer and nothing more.
            p.answer_ws(position, value)
        for p in phones.values():
            p.sync()
            p.poll()
        for name, p in phones.items():
            p.check(baseline[name])
        teacher.until("count", count=len(answers))  # the live count is there
        teacher.ws.send({"type": "sync"})
        teacher.until("state")
        assert not [screen_leaks(m) for m in teacher.seen if screen_leaks(m)]

        teacher.ws.send({"type": "next"})  # the reveal
        shown = teacher.until("state", status="reveal")
        assert sum(d["count"] for d in shown["reveal"]["distribution"]) >= len(answers)
        teacher.seen = []
        for name, p in phones.items():
            revealed = p.until("state", status="reveal")
            me = revealed["me"]
            baseline[name] = {key: me[key] for key in STANDING}
            if name in answers:  # the reveal itself does tell
                assert me["answer"]["correct"] is (answers[name][0] == "right")
            p.seen = []
    assert baseline["An"]["correct"] == 2 and baseline["Bảo"]["correct"] == 2
    assert baseline["Chi"]["correct"] == 1 and baseline["Chi"]["streak"] == 0


def test_learner_paced_phones_see_nothing_scored_before_the_end(
    make_session, instructor, sockets, client
):
    session = make_session(mode="learner", deadline=timezone.now() + timezone.timedelta(hours=1))
    people = {name: actions.do_join(session, name=name) for name in ("An", "Bảo", "Chi")}
    phones = {name: Phone(sockets, p) for name, p in people.items()}
    teacher, _ = screen(sockets, session, instructor, client)
    teacher.send({"type": "next"})  # running
    for p in phones.values():
        p.until("state", status="running")
    plan = {
        "An": [("right", "ws"), ("right", "http"), ("wrong", "ws")],
        "Bảo": [("wrong", "http"), ("right", "ws"), ("right", "http")],
        "Chi": [("right", "ws"), ("wrong", "ws"), ("right", "ws")],
    }
    for name, steps in plan.items():
        p = phones[name]
        for position, (how, door) in enumerate(steps):
            current = p.poll()["me"]["question"]
            assert current["position"] == position
            ids = (right_answer if how == "right" else wrong_answer)(session, position)
            value = on_phone(current["options"], session, position, ids)
            (p.answer_ws if door == "ws" else p.answer_http)(position, value)
            p.answer_ws(position, value)
            p.sync()
    for p in phones.values():
        p.poll()
        p.check(None)

    teacher.send({"type": "end"})
    ended = {name: p.until("state", status="ended")["me"] for name, p in phones.items()}
    assert ended["An"]["correct"] == 2 and ended["An"]["score"] > 0
    assert ended["Bảo"]["correct"] == 2 and ended["Chi"]["correct"] == 2
