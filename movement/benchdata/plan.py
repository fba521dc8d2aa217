"""The dataset's size and shape, the seeded random source every builder draws
from, and the batched insert they all use."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from lms.audiences import Audience

PREFIX = "bench-"
PROVINCE_CODE = "BENCH"
BATCH = 5_000

# Shares of learners per audience (residents are most of a province).
AUDIENCE_SHARES = [
    (Audience.RESIDENT, 0.70),
    (Audience.STUDENT, 0.15),
    (Audience.OFFICIAL, 0.08),
    (Audience.WORKER, 0.07),
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Hữu", "Ngọc", "Đức", "Thanh", "Quang", "Kim"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hạnh", "Hùng", "Lan", "Long", "Mai", "Nam"]
GIVEN += ["Nga", "Oanh", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến"]


@dataclass
class Sizes:
    learners: int = 100_000
    communes: int = 100
    villages_per_commune: int = 15
    classes: int = 2_000
    courses: int = 500
    steps_per_course: int = 8
    certified_share: float = 0.5
    enrolled_share: float = 0.6
    class_size: int = 30
    sessions_per_class: int = 4
    learners_per_ambassador: int = 5
    ambassador_share: float = 0.02
    quarters: int = 8  # two years of reported indicators
    seed: int = 2025


@dataclass
class Built:
    """What each builder hands the next (ids, never whole rows for learners)."""

    sizes: Sizes
    rng: random.Random
    now: datetime = field(default_factory=timezone.now)
    province: object = None
    communes: list = field(default_factory=list)
    villages: list = field(default_factory=list)
    # (id, audience, village index) per learner, in creation order.
    learners: list[tuple[int, str, int]] = field(default_factory=list)
    instructors: list[int] = field(default_factory=list)
    managers: dict[str, int] = field(default_factory=dict)
    courses: list = field(default_factory=list)
    classes: list = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def days_ago(self, days: float) -> datetime:
        return self.now - timedelta(days=days)


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def pick_audience(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for audience, share in AUDIENCE_SHARES:
        total += share
        if roll < total:
            return audience
    return AUDIENCE_SHARES[0][0]


def insert(model, rows, *, batch: int = BATCH) -> list:
    """bulk_create in batches from any iterable; returns the created objects
    (with primary keys on PostgreSQL)."""
    created, chunk = [], []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= batch:
            created.extend(model.objects.bulk_create(chunk))
            chunk = []
    if chunk:
        created.extend(model.objects.bulk_create(chunk))
    return created


def insert_only(model, rows, *, batch: int = BATCH) -> int:
    """As insert(), for rows nobody needs back (keeps memory flat at 300,000)."""
    count, chunk = 0, []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= batch:
            model.objects.bulk_create(chunk)
            count += len(chunk)
            chunk = []
    if chunk:
        model.objects.bulk_create(chunk)
        count += len(chunk)
    return count


class Stopwatch:
    def __init__(self, built: Built, name: str, stdout=None):
        self.built, self.name, self.stdout = built, name, stdout

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        elapsed = time.perf_counter() - self.start
        self.built.timings[self.name] = elapsed
        if self.stdout is not None and exc[0] is None:
            self.stdout.write(f"  {self.name}: {elapsed:.1f} s")
