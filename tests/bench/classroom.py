"""A classroom pressing "Start" together, then answering: the moment Moodle
sites report as painful. Runs against the bench server while it is up.

- 200 learners start the same quiz at the same moment, then answer one question
  each: p95 and errors of both steps;
- save-answer requests/s at 50 concurrent learners, beside a minimal
  token-authenticated view doing one INSERT on the same stack (the ratio).
"""

import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from tests.bench.load import WRK_REPORT, parse_wrk

ROOT = Path(__file__).resolve().parents[2]
LEARNERS = 200
CONCURRENT_SAVERS = 50

PREPARE = """
import json, django
django.setup()
from rest_framework.authtoken.models import Token
from assessments.models import Attempt, Quiz
from lms.accounts.models import User
quiz = Quiz.objects.filter(is_published=True, audience="resident").order_by("pk").first()
Attempt.objects.filter(user__username__startswith="bench-learner-").delete()
users = []
for i in range({learners}):
    user, _ = User.objects.get_or_create(
        username=f"bench-learner-{{i}}", defaults={{"audience": "resident", "full_name": "Học viên thử"}}
    )
    users.append(user)
tokens = [Token.objects.get_or_create(user=user)[0].key for user in users]
print(json.dumps({{"quiz": quiz.slug, "tokens": tokens}}))
"""


def prepare(env) -> dict:
    output = subprocess.run(
        [sys.executable, "-c", PREPARE.format(learners=LEARNERS)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


class Connection:
    """One keep-alive HTTP/1.1 connection speaking just enough for JSON APIs."""

    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        self.host, self.port, self.netloc = parts.hostname, parts.port, parts.netloc
        self.reader = self.writer = None

    async def request(self, method: str, path: str, token: str, body=None):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        payload = json.dumps(body).encode() if body is not None else b""
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: {self.netloc}\r\n"
            f"Authorization: Token {token}\r\nAccept: application/json\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
        )
        started = time.perf_counter()
        self.writer.write(head.encode() + payload)
        status_line = await self.reader.readline()
        length, close = 0, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and "close" in value.lower():
                close = True
        data = await self.reader.readexactly(length)
        elapsed = time.perf_counter() - started
        if close:
            self.writer.close()
            self.reader = self.writer = None
        status = int(status_line.split()[1]) if status_line else 0
        return status, elapsed, data


def p95(latencies) -> float:
    ordered = sorted(latencies)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000 if ordered else 0.0


def response_for(question: dict):
    """A well-formed answer to an open question, whatever its type."""
    options = [option["value"] for option in question.get("options") or []]
    qtype = question["qtype"]
    if qtype in ("single", "truefalse"):
        return options[0]
    if qtype == "multiple":
        return options[:1]
    if qtype == "ordering":
        return options
    if qtype == "matching":
        texts = [option["text"] for option in question.get("options") or []]
        return {prompt["value"]: texts[0] for prompt in question.get("prompts") or []}
    if qtype == "numerical":
        return "3"
    return "Câu trả lời thử"


async def classroom(base_url: str, quiz: str, tokens: list[str]):
    connections = [Connection(base_url) for _ in tokens]
    # Everyone presses "Start" together.
    started = await asyncio.gather(
        *(
            c.request("POST", f"/api/v1/quizzes/{quiz}/start/", t)
            for c, t in zip(connections, tokens, strict=True)
        ),
        return_exceptions=True,
    )
    attempts, start_latency, start_errors = [], [], 0
    for outcome in started:
        if isinstance(outcome, Exception) or outcome[0] != 201:
            start_errors += 1
            attempts.append(None)
            continue
        start_latency.append(outcome[1])
        attempts.append(json.loads(outcome[2]))
    answered = await asyncio.gather(
        *(
            c.request(
                "PUT",
                f"/api/v1/attempts/{a['id']}/answers/1/",
                t,
                {"response": response_for(a["questions"][0])},
            )
            for c, t, a in zip(connections, tokens, attempts, strict=True)
            if a
        ),
        return_exceptions=True,
    )
    answer_latency = [o[1] for o in answered if not isinstance(o, Exception) and o[0] == 200]
    answer_errors = len(answered) - len(answer_latency)

    for connection in connections:
        if connection.writer is not None:
            connection.writer.close()
    lines = [
        f"{LEARNERS} learners press Start together: p95 {p95(start_latency):.0f} ms, "
        f"{start_errors} errors; then one answer each: p95 {p95(answer_latency):.0f} ms, "
        f"{answer_errors} errors",
    ]
    return lines, [(t, a) for t, a in zip(tokens, attempts, strict=True) if a]


WRK_SCRIPT = """
local plans = {plans}
local counter = 0
setup = function(thread)
  counter = counter + 1
  thread:set("plan", counter)
end
init = function(args)
  plan = plans[tonumber(plan)]
  step = 0
end
request = function()
  step = step + 1
  local call = plan.calls[(step - 1) % #plan.calls + 1]
  return wrk.format("PUT", call.path, {{
    ["Authorization"] = "Token " .. plan.token,
    ["Content-Type"] = "application/json",
  }}, call.body)
end
"""


def lua_string(text: str) -> str:
    return "[==[" + text + "]==]"


def wrk_plans(savers, *, insert_only: bool) -> str:
    plans = []
    for token, attempt in savers:
        if insert_only:
            calls = [("/_bench/minimal-insert", "{}")]
        else:
            calls = [
                (
                    f"/api/v1/attempts/{attempt['id']}/answers/{q['position']}/",
                    json.dumps({"response": response_for(q)}, ensure_ascii=False),
                )
                for q in attempt["questions"]
            ]
        rendered = ", ".join(
            f"{{path = {lua_string(path)}, body = {lua_string(body)}}}" for path, body in calls
        )
        plans.append(f"{{token = {lua_string(token)}, calls = {{{rendered}}}}}")
    return "{" + ", ".join(plans) + "}"


def sustained(base_url: str, savers, seconds: float, *, insert_only: bool) -> dict:
    """wrk with one thread and one connection per learner, each its own token."""
    script = WRK_SCRIPT.format(plans=wrk_plans(savers, insert_only=insert_only))
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script + WRK_REPORT)
    try:
        output = subprocess.run(
            [
                "wrk",
                "-t",
                str(len(savers)),
                "-c",
                str(len(savers)),
                "-d",
                f"{seconds:g}s",
                "-s",
                handle.name,
                base_url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        Path(handle.name).unlink()
    return parse_wrk(output)


def run(base_url: str, env: dict, seconds: float) -> list[str]:
    setup = prepare(env)
    if not setup.get("quiz"):
        return ["classroom: no published quiz (run seed_demo)"]
    lines, savers = asyncio.run(classroom(base_url, setup["quiz"], setup["tokens"]))
    if not shutil.which("wrk"):
        return [*lines, "save-answer throughput needs wrk (apt-get install wrk)"]
    savers = savers[:CONCURRENT_SAVERS]
    save = sustained(base_url, savers, seconds, insert_only=False)
    floor = sustained(base_url, savers, seconds, insert_only=True)
    return [
        *lines,
        f"save answer, {len(savers)} concurrent learners: {save['rps']:.0f} req/s, "
        f"p95 {save['p95_ms']:.0f} ms, {save['errors']} errors; minimal token-auth INSERT "
        f"view: {floor['rps']:.0f} req/s, p95 {floor['p95_ms']:.0f} ms, {floor['errors']} errors; "
        f"ratio {save['rps'] / (floor['rps'] or 1):.2f}",
    ]
