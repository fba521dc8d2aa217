"""The instructor of a load run: an account and a bank of questions made in
the database, then everything else as the instructor does it, through the site:
the login form, the /live/new/ form, the control page (for the PIN) and the
screen's WebSocket that sends "next" and hears the answer counts."""

from __future__ import annotations

import asyncio
import json
import random
import re
import time

import websockets

from .browser import Browser, in_thread

PASSWORD = "Tai-thu-rat-manh-2026"
PIN = re.compile(r"PIN <strong>(\d{6})</strong>")


def make_instructor_and_bank(questions: int) -> tuple[str, list[int]]:
    """An instructor who agreed to the privacy notice, and ``questions``
    published single-choice questions. Runs inside Django (setup only)."""
    from django.conf import settings

    from assessments.actions import QuestionData, category_for_path, do_create_question
    from assessments.scoring.spec import Choice, QuestionSpec
    from lms.accounts.models import User
    from lms.accounts.roles import Role, grant_role
    from lms.privacy.models import ConsentRecord

    suffix = f"{int(time.time())}{random.randint(0, 999)}"
    teacher = User(username=f"tai.thu.{suffix}", full_name="Giảng viên tải thử")
    teacher.set_password(PASSWORD)
    teacher.save()
    grant_role(teacher, Role.INSTRUCTOR)
    ConsentRecord.objects.create(
        user=teacher, notice_version=settings.PRIVACY_NOTICE_VERSION, method="office"
    )
    category = category_for_path(f"Tải thử/{suffix}")
    bank = []
    for n in range(questions):
        spec = QuestionSpec(
            id="",
            qtype="single",
            choices=tuple(
                Choice(str(i), f"Lựa chọn {i}", 1.0 if i == 1 else 0.0) for i in range(1, 5)
            ),
        )
        data = QuestionData(
            name=f"Câu {n}",
            stem=f"<p>Câu hỏi số {n + 1}?</p>",
            spec=spec,
            category=category,
            status="published",
            competencies=[],
            audiences=[],
        )
        bank.append(do_create_question(data).pk)
    return teacher.username, bank


class Instructor:
    def __init__(self, base_url: str, username: str):
        self.base_url, self.username = base_url, username
        self.browser = Browser(base_url)
        self.session_id = 0
        self.pin = ""
        self.ws = None
        self.rev = 0
        self.status = ""
        self.counts: dict[int, int] = {}  # highest answer count the screen heard, per question
        self.reader: asyncio.Task | None = None
        self.screen_drops = 0

    def open_session(self, question_ids: list[int]) -> None:
        """Login form, then the /live/new/ form; the control page gives the PIN."""
        login = self.browser.get("/accounts/login/", "login page", next="/live/new/")
        start = self.browser.submit(
            "/accounts/login/?next=/live/new/",
            login,
            {"username": self.username, "password": PASSWORD},
            "login",
        )
        control = self.browser.submit(
            "/live/new/",
            start,
            {
                "questions": [str(pk) for pk in question_ids],
                "title": "Tải thử",
                "mode": "instructor",
                "seconds_per_question": "30",
                "speed_bonus": "on",
                "streak_bonus": "on",
                "stem_on_phones": "on",
            },
            "new session",
        )
        self.session_id = int(control.url.rstrip("/").split("/")[-2])
        self.pin = PIN.search(control.text).group(1)

    async def connect_screen(self) -> None:
        self.ws = await websockets.connect(
            f"{self.base_url.replace('http://', 'ws://')}/ws/live/{self.session_id}/screen/",
            additional_headers={"Cookie": self.browser.cookie_header(), "Origin": self.base_url},
            open_timeout=60,
            ping_interval=None,
            max_queue=None,
        )
        self.reader = asyncio.create_task(self.read())
        self.status = ""
        while not self.status:
            await asyncio.sleep(0.05)

    async def read(self) -> None:
        try:
            async for raw in self.ws:
                message = json.loads(raw)
                if message.get("type") == "state":
                    self.rev, self.status = message["rev"], message["status"]
                elif message.get("type") == "count" and message.get("q") is not None:
                    q = message["q"]
                    self.counts[q] = max(self.counts.get(q, 0), message["count"])
        except websockets.WebSocketException:
            pass

    async def command(self, kind: str) -> float:
        """Sends a command for the revision on screen; returns when it was sent.
        A screen the server dropped reconnects first, as the control page does."""
        if self.ws.state is not websockets.State.OPEN:
            self.screen_drops += 1
            await self.connect_screen()
        sent = time.perf_counter()
        await self.ws.send(json.dumps({"type": kind, "rev": self.rev}))
        return sent

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        await in_thread(self.browser.close)
