"""The stored result of a graded attempt: one frozen, versioned type.

``Attempt.result`` holds ``AttemptResult.to_json()``; every reader goes through
``AttemptResult.from_json`` (``Attempt.graded_result``), never the raw JSON.

Versions: 1 is the shape stored before the type existed (no ``version`` key);
2 adds the key. Both read the same; writing always writes the current version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .attempts import AttemptScore, PassDecision, Reason

RESULT_VERSION = 2


def _frozen(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _optional_number(value: Any) -> float | None:
    return None if value is None else _number(value)


@dataclass(frozen=True, slots=True)
class Figures:
    """Points of one competency or area, rounded for presentation."""

    points: float
    max_points: float
    percent: float | None

    @classmethod
    def from_json(cls, data: Any) -> Figures:
        data = data if isinstance(data, Mapping) else {}
        return cls(
            points=_number(data.get("points")),
            max_points=_number(data.get("max_points")),
            percent=_optional_number(data.get("percent")),
        )

    def to_json(self) -> dict[str, float | None]:
        return {"points": self.points, "max_points": self.max_points, "percent": self.percent}


@dataclass(frozen=True, slots=True)
class AttemptResult:
    total_points: float
    max_points: float
    percent: float | None
    # The rule's verdict on the points graded so far (False while essays wait:
    # ``pending_manual`` tells why); Attempt.passed is None until graded fully.
    passed: bool
    per_area: Mapping[str, Figures] = field(default_factory=dict)
    per_competency: Mapping[str, Figures] = field(default_factory=dict)
    failed_areas: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()
    pending_manual: tuple[str, ...] = ()
    per_slot: Mapping[str, float | None] = field(default_factory=dict)
    version: int = RESULT_VERSION

    def __post_init__(self):
        for name in ("per_area", "per_competency", "per_slot"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))

    @classmethod
    def from_score(cls, score: AttemptScore, decision: PassDecision) -> AttemptResult:
        data = score.to_dict()
        return cls(
            total_points=data["total_points"],
            max_points=data["max_points"],
            percent=data["percent"],
            passed=decision.passed,
            per_area={k: Figures.from_json(v) for k, v in data["per_area"].items()},
            per_competency={k: Figures.from_json(v) for k, v in data["per_competency"].items()},
            failed_areas=tuple(decision.failed_areas),
            reasons=tuple(Reason(r.code, dict(r.params)) for r in decision.reasons),
            pending_manual=tuple(score.pending_manual),
            per_slot=dict(score.per_slot),
        )

    @classmethod
    def from_json(cls, data: Any) -> AttemptResult:
        """Any stored version; missing keys read as empty (rows of version 1)."""
        data = data if isinstance(data, Mapping) else {}

        def figures(key):
            raw = data.get(key)
            raw = raw if isinstance(raw, Mapping) else {}
            return {str(code): Figures.from_json(values) for code, values in raw.items()}

        raw_slots = data.get("per_slot")
        raw_slots = raw_slots if isinstance(raw_slots, Mapping) else {}
        return cls(
            total_points=_number(data.get("total_points")),
            max_points=_number(data.get("max_points")),
            percent=_optional_number(data.get("percent")),
            passed=bool(data.get("passed")),
            per_area=figures("per_area"),
            per_competency=figures("per_competency"),
            failed_areas=tuple(str(code) for code in data.get("failed_areas") or ()),
            reasons=tuple(
                Reason(str(reason.get("code", "")), dict(reason.get("params") or {}))
                for reason in data.get("reasons") or ()
                if isinstance(reason, Mapping)
            ),
            pending_manual=tuple(str(slot) for slot in data.get("pending_manual") or ()),
            per_slot={str(k): _optional_number(v) for k, v in raw_slots.items()},
            version=int(data.get("version") or 1),
        )

    def to_json(self) -> dict[str, Any]:
        """JSON for the ``result`` column, always in the current version."""
        return {
            "version": RESULT_VERSION,
            "total_points": self.total_points,
            "max_points": self.max_points,
            "percent": self.percent,
            "passed": self.passed,
            "per_area": {code: f.to_json() for code, f in self.per_area.items()},
            "per_competency": {code: f.to_json() for code, f in self.per_competency.items()},
            "failed_areas": list(self.failed_areas),
            "reasons": [{"code": r.code, "params": dict(r.params)} for r in self.reasons],
            "pending_manual": list(self.pending_manual),
            "per_slot": dict(self.per_slot),
        }

    def area_percents(self) -> dict[str, float | None]:
        return {code: figures.percent for code, figures in self.per_area.items()}

    def weakest_competencies(self, limit: int = 3) -> list[str]:
        """Competency codes below 100 %, weakest first (the "học tiếp" input)."""
        scored = [
            (figures.percent, code)
            for code, figures in self.per_competency.items()
            if code and figures.percent is not None and figures.percent < 100
        ]
        return [code for _percent, code in sorted(scored)[:limit]]
