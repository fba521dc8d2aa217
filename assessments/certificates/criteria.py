"""The rule a certificate was issued under, frozen when it is issued.

A certificate says "reached the basic level as measured then": the framework
version, the overall and per-area minimum percent, the extra rules and the quiz
that qualified. Those are copied onto the certificate (``Certificate.criteria``,
covered by its content hash), so raising a pass mark or editing a quiz later
changes nothing about what an issued certificate meant. Pure: no ORM here.

Percentages are stored as exact digit strings ("70", "66.67"), never floats, so
the content hash stays exact. Certificates issued before criteria were recorded
have ``{}``: ``IssuingCriteria.from_json`` gives None and pages say nothing."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal

from assessments.scoring import UNASSIGNED

from .eligibility import AttemptOutcome

SCHEMA = 1
PLATFORM_DEFAULT = "platform_default"  # the framework version's thresholds
QUIZ_OVERRIDE = "quiz"  # the quiz set its own


@dataclass(frozen=True, slots=True)
class IssuingCriteria:
    framework_code: str
    framework_version: str
    pass_mark_percent: str
    area_minimum_percent: str | None
    area_minimums: tuple[tuple[str, str], ...]  # (area code, minimum) of every assessed area
    thresholds_source: str  # PLATFORM_DEFAULT or QUIZ_OVERRIDE
    required_areas: tuple[str, ...] = ()
    extra_rules: tuple[str, ...] = ()
    quiz_id: int | None = None
    quiz_slug: str = ""
    quiz_title: str = ""
    attempt_id: int | None = None

    def to_json(self) -> dict:
        return {
            "schema": SCHEMA,
            "framework_code": self.framework_code,
            "framework_version": self.framework_version,
            "pass_mark_percent": self.pass_mark_percent,
            "area_minimum_percent": self.area_minimum_percent,
            "area_minimums": [list(pair) for pair in self.area_minimums],
            "thresholds_source": self.thresholds_source,
            "required_areas": list(self.required_areas),
            "extra_rules": list(self.extra_rules),
            "quiz": {"id": self.quiz_id, "slug": self.quiz_slug, "title": self.quiz_title},
            "attempt_id": self.attempt_id,
        }

    @classmethod
    def from_json(cls, data: Mapping | None) -> IssuingCriteria | None:
        if not data:
            return None
        if data.get("schema") != SCHEMA:
            raise ValueError(f"unknown criteria schema {data.get('schema')!r}")
        quiz = data.get("quiz") or {}
        return cls(
            framework_code=data["framework_code"],
            framework_version=data["framework_version"],
            pass_mark_percent=data["pass_mark_percent"],
            area_minimum_percent=data.get("area_minimum_percent"),
            area_minimums=tuple(
                (str(code), str(value)) for code, value in data.get("area_minimums", ())
            ),
            thresholds_source=data.get("thresholds_source", PLATFORM_DEFAULT),
            required_areas=tuple(data.get("required_areas", ())),
            extra_rules=tuple(data.get("extra_rules", ())),
            quiz_id=quiz.get("id"),
            quiz_slug=quiz.get("slug", ""),
            quiz_title=quiz.get("title", ""),
            attempt_id=data.get("attempt_id"),
        )

    @property
    def uniform_area_minimum(self) -> str | None:
        """The one minimum every assessed area had, or None when they differ."""
        values = {value for _code, value in self.area_minimums}
        if not values:
            return self.area_minimum_percent
        return values.pop() if len(values) == 1 else None


def _digits(value) -> str:
    """The exact percentage as plain digits: 70.00 → "70", 66.67 → "66.67"."""
    exact = Decimal(str(value)).normalize()
    return f"{exact:f}"


def criteria_for(
    qualifying: AttemptOutcome,
    *,
    framework_version: str,
    pass_mark_percent,
    area_minimum_percent,
    required_areas: Collection[str] = (),
    extra_rules: Collection[str] = (),
    quiz_id: int | None = None,
    quiz_slug: str = "",
    quiz_title: str = "",
) -> IssuingCriteria:
    """The thresholds that applied to ``qualifying`` (its quiz's overrides, else the
    framework's defaults given here), as ``eligibility.score_reasons`` applies them."""
    overridden = (
        qualifying.pass_mark_percent is not None
        or qualifying.area_minimum_percent is not None
        or bool(qualifying.area_minimums)
    )
    pass_mark = (
        qualifying.pass_mark_percent
        if qualifying.pass_mark_percent is not None
        else pass_mark_percent
    )
    default_minimum = (
        qualifying.area_minimum_percent
        if qualifying.area_minimum_percent is not None
        else area_minimum_percent
    )
    per_area = dict(qualifying.area_minimums)
    minimums = []
    for area, percent in qualifying.area_percents:
        minimum = per_area.get(area, default_minimum)
        if area == UNASSIGNED or percent is None or minimum is None:
            continue
        minimums.append((area, _digits(minimum)))
    return IssuingCriteria(
        framework_code=qualifying.framework_code,
        framework_version=framework_version,
        pass_mark_percent=_digits(pass_mark),
        area_minimum_percent=None if default_minimum is None else _digits(default_minimum),
        area_minimums=tuple(minimums),
        thresholds_source=QUIZ_OVERRIDE if overridden else PLATFORM_DEFAULT,
        required_areas=tuple(sorted(required_areas)),
        extra_rules=tuple(sorted(extra_rules)),
        quiz_id=quiz_id,
        quiz_slug=quiz_slug,
        quiz_title=quiz_title,
        attempt_id=int(qualifying.attempt_id) if qualifying.attempt_id is not None else None,
    )
