"""The pool-size rule of completion quizzes, pure: a random rule drawing ``n``
questions needs ``multiple × n`` reviewed questions to draw from, or its
answers are memorised within a few retakes."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class RulePool:
    position: int  # 1-based, as the quiz builder shows the rules
    label: str
    draws: int
    available: int


@dataclass(frozen=True)
class Shortfall:
    rule: RulePool
    needed: int

    @property
    def missing(self) -> int:
        return self.needed - self.rule.available


def needed_pool(draws: int, multiple: float) -> int:
    return math.ceil(draws * multiple)


def pool_shortfalls(rules: list[RulePool], multiple: float) -> list[Shortfall]:
    """The rules whose pool is smaller than ``multiple`` times what they draw."""
    shortfalls = []
    for rule in rules:
        needed = needed_pool(rule.draws, multiple)
        if rule.available < needed:
            shortfalls.append(Shortfall(rule=rule, needed=needed))
    return shortfalls
