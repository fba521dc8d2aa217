"""Classical item statistics for quiz results (pure functions).

- facility: the mean fraction learners earned on a question (share correct);
- discrimination: Pearson correlation between the question's fraction and the
  learners' score on the rest of the quiz (corrected item-total correlation,
  as Moodle's "discriminative efficiency" family); None with fewer than 3
  attempts or no variance."""

from __future__ import annotations

import math
from collections.abc import Sequence

MIN_ATTEMPTS = 3


def facility(fractions: Sequence[float]) -> float | None:
    return math.fsum(fractions) / len(fractions) if fractions else None


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    n = len(xs)
    if n != len(ys) or n < MIN_ATTEMPTS:
        return None
    mean_x, mean_y = math.fsum(xs) / n, math.fsum(ys) / n
    cov = math.fsum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    var_x = math.fsum((x - mean_x) ** 2 for x in xs)
    var_y = math.fsum((y - mean_y) ** 2 for y in ys)
    if var_x <= 1e-12 or var_y <= 1e-12:
        return None
    return max(-1.0, min(1.0, cov / math.sqrt(var_x * var_y)))


def discrimination(
    item: Sequence[float], totals: Sequence[float], item_points: Sequence[float]
) -> float | None:
    """Correlation of the item with the rest of the test (total minus the item's own points)."""
    rest = [total - own for total, own in zip(totals, item_points, strict=True)]
    return pearson(item, rest)
