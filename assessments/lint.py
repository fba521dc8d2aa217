"""Tells in a question bank: patterns that let a test-wise learner score without
knowing the content. Pure functions over question specs (``QuestionSpec.to_dict()``
dictionaries), so they lint the database bank, an import file or a fixture alike.

Per question (findings):
- ``longest_correct``: the one correct option of a single-choice question is
  strictly the longest, by a margin (test-wise learners pick the longest);
- ``all_none_of_the_above``: "all of the above" / "none of the above" options
  ("tất cả các đáp án trên", "không có đáp án nào", ... accent-insensitive);
- ``short_ordering``: an ordering question with fewer than 3 items (two items
  show the key as the only other order);
- ``duplicate_options``: two options (or ordering items) with the same text.

Bank-wide (metrics with a threshold):
- ``longest_share``: share of single-choice questions whose correct option is
  the longest, against what chance gives (1 / number of options on average);
  in a bank of 20 or more it must not fall below half of chance either ("never
  the longest" is as learnable as "always the longest");
- ``shortest_share``: the same for the shortest;
- ``true_share``: share of true/false questions whose key is "true".
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from lms.text import squash_whitespace, strip_diacritics

# A correct option counts as "longest by a margin" when it is this much longer
# than the longest other option (relative, and at least a few characters).
LONGEST_MARGIN = 0.10
LONGEST_MIN_CHARS = 3
# Bank-wide: the share may exceed chance by this much before it fails.
SHARE_TOLERANCE = 0.05
# True/false keys should be neither almost always true nor almost always false.
TRUE_SHARE_RANGE = (0.3, 0.7)
MIN_QUESTIONS_FOR_SHARE = 8
MIN_QUESTIONS_FOR_FLOOR = 20
MIN_ORDERING_ITEMS = 3

_TAGS = re.compile(r"<[^>]+>")
_CATCH_ALL = re.compile(
    r"\b("
    r"tat ca (cac )?(dap an|y|phuong an|lua chon|cau)( o)? tren"
    r"|tat ca (deu|cac y deu|cac dap an deu) (dung|sai)"
    r"|ca (a|ba|3|hai|2|bon|4) (dap an|y|phuong an)?\s*(tren|deu)"
    r"|khong (co )?(dap an|y|phuong an|lua chon|cau) nao"
    r"|(deu|ca) (dung|sai) het"
    r"|all of the (above|answers)"
    r"|none of the (above|answers)"
    r"|both (a|b) and (b|c)"
    r")\b"
)


@dataclass(frozen=True)
class LintQuestion:
    ref: str  # an id or name the report shows
    spec: dict


@dataclass(frozen=True)
class Finding:
    ref: str
    rule: str
    detail: str


@dataclass(frozen=True)
class Metric:
    rule: str
    count: int  # questions the metric is about
    share: float
    limit: float
    passed: bool
    detail: str
    floor: float = 0.0


@dataclass
class LintReport:
    findings: list[Finding] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    questions: int = 0

    @property
    def passed(self) -> bool:
        blocking = {"all_none_of_the_above", "short_ordering", "duplicate_options"}
        return all(m.passed for m in self.metrics) and not any(
            f.rule in blocking for f in self.findings
        )

    def to_dict(self) -> dict:
        return {
            "passed": self.passed,
            "questions": self.questions,
            "metrics": [asdict(m) for m in self.metrics],
            "findings": [asdict(f) for f in self.findings],
        }


def plain(text: str) -> str:
    """What a learner reads: tags dropped, entities decoded, whitespace squashed."""
    return squash_whitespace(html.unescape(_TAGS.sub(" ", text or "")))


def folded(text: str) -> str:
    return squash_whitespace(re.sub(r"[^\w\s]", " ", strip_diacritics(plain(text)).casefold()))


def _choices(spec: dict) -> list[tuple[str, float]]:
    return [
        (plain(c.get("text", "")), float(c.get("fraction", 0))) for c in spec.get("choices", [])
    ]


def single_correct_and_others(spec: dict) -> tuple[str, list[str]] | None:
    """The one fully right option and the others of a single-choice question."""
    if spec.get("qtype") != "single":
        return None
    choices = _choices(spec)
    right = [text for text, fraction in choices if fraction >= 1.0]
    if len(right) != 1 or len(choices) < 3:
        return None
    return right[0], [text for text, fraction in choices if fraction < 1.0]


def longest_by_margin(correct: str, others: list[str]) -> bool:
    longest_other = max((len(text) for text in others), default=0)
    return len(correct) > longest_other * (1 + LONGEST_MARGIN) and (
        len(correct) - longest_other >= LONGEST_MIN_CHARS
    )


def is_catch_all(text: str) -> bool:
    return bool(_CATCH_ALL.search(folded(text)))


def question_findings(question: LintQuestion) -> list[Finding]:
    spec, ref, found = question.spec, question.ref, []
    pair = single_correct_and_others(spec)
    if pair and longest_by_margin(*pair):
        correct, others = pair
        found.append(
            Finding(
                ref,
                "longest_correct",
                f"the correct option has {len(correct)} characters, the longest other "
                f"{max(len(o) for o in others)}",
            )
        )
    for text, _fraction in _choices(spec):
        if spec.get("qtype") in ("single", "multiple") and is_catch_all(text):
            found.append(Finding(ref, "all_none_of_the_above", f"option “{text}”"))
    if spec.get("qtype") == "ordering" and len(spec.get("items", [])) < MIN_ORDERING_ITEMS:
        found.append(
            Finding(
                ref,
                "short_ordering",
                f"{len(spec.get('items', []))} items: the only other order gives the key away",
            )
        )
    texts = [c.get("text", "") for c in spec.get("choices", [])] + [
        i.get("text", "") for i in spec.get("items", [])
    ]
    seen: set[str] = set()
    for text in texts:
        # Accents and case ignored, punctuation kept: "=SUM(C2:C31)" ≠ "=SUM(C2+C31)".
        key = squash_whitespace(strip_diacritics(plain(text)).casefold())
        if key and key in seen:
            found.append(Finding(ref, "duplicate_options", f"“{plain(text)}” appears twice"))
        seen.add(key)
    return found


def _share_metric(rule, hits, count, expected, detail) -> Metric:
    share = hits / count if count else 0.0
    limit = round(expected + SHARE_TOLERANCE, 4)
    floor = round(expected / 2, 4) if count >= MIN_QUESTIONS_FOR_FLOOR else 0.0
    passed = count < MIN_QUESTIONS_FOR_SHARE or floor <= share <= limit
    return Metric(rule, count, round(share, 4), limit, passed, detail, floor)


def bank_metrics(questions: Iterable[LintQuestion]) -> list[Metric]:
    longest = shortest = singles = 0
    chance = 0.0
    trues = truefalse = 0
    for question in questions:
        spec = question.spec
        pair = single_correct_and_others(spec)
        if pair:
            correct, others = pair
            singles += 1
            chance += 1 / (len(others) + 1)
            longest += len(correct) > max(len(o) for o in others)
            shortest += len(correct) < min(len(o) for o in others)
        if spec.get("qtype") == "truefalse":
            truefalse += 1
            trues += any(
                c.get("id") == "true" and float(c.get("fraction", 0)) >= 1.0
                for c in spec.get("choices", [])
            )
    expected = chance / singles if singles else 0.0
    metrics = [
        _share_metric(
            "longest_share",
            longest,
            singles,
            expected,
            f"correct option strictly longest in {longest} of {singles} single-choice questions",
        ),
        _share_metric(
            "shortest_share",
            shortest,
            singles,
            expected,
            f"correct option strictly shortest in {shortest} of {singles} single-choice questions",
        ),
    ]
    share = trues / truefalse if truefalse else 0.5
    low, high = TRUE_SHARE_RANGE
    metrics.append(
        Metric(
            "true_share",
            truefalse,
            round(share, 4),
            high,
            truefalse < MIN_QUESTIONS_FOR_SHARE or low <= share <= high,
            f"key is “true” in {trues} of {truefalse} true/false questions",
            low,
        )
    )
    return metrics


def lint_bank(questions: Iterable[LintQuestion]) -> LintReport:
    questions = list(questions)
    report = LintReport(questions=len(questions))
    for question in questions:
        report.findings.extend(question_findings(question))
    report.metrics = bank_metrics(questions)
    return report


def format_text(report: LintReport) -> str:
    lines = [f"{report.questions} questions"]
    for metric in report.metrics:
        mark = "ok  " if metric.passed else "FAIL"
        lines.append(
            f"{mark} {metric.rule}: {metric.share:.0%} "
            f"(between {metric.floor:.0%} and {metric.limit:.0%}); {metric.detail}"
        )
    for finding in report.findings:
        lines.append(f"  {finding.rule}: {finding.ref}: {finding.detail}")
    lines.append("PASSED" if report.passed else "FAILED")
    return "\n".join(lines)
