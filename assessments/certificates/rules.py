"""Extra certificate rules, registered from outside.

assessments never imports courses (DESIGN.md, dependency direction): when the
completion certificate also needs, say, "course completed" or "class attended",
the app that knows it registers a named rule here, usually in its
``AppConfig.ready``::

    from assessments.certificates.rules import register_eligibility_rule

    @register_eligibility_rule("course_completed", label=_("the basic course"))
    def course_completed(context):
        done = Enrolment.objects.filter(user_id=context.user_id, completed=True).exists()
        return None if done else Reason("course_not_completed")

A rule is called with a ``RuleContext`` and answers None (met), a ``Reason``
(unmet, whatever the attempt) or a mapping attempt id → Reason | None (unmet by
the attempts it names). ``evaluate_rules`` turns the answers into plain
``RuleResult`` data for the pure ``eligibility.decide_eligibility``. A rule that
fails counts as unmet (``rule_failed``): a certificate is never issued because a
check could not run."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from assessments.scoring import Reason

from .eligibility import AttemptOutcome, RuleResult

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What a rule is told: whose certificate, which one, and the counted attempts."""

    user_id: int
    audience: str
    framework_code: str
    attempts: tuple[AttemptOutcome, ...] = ()


RuleAnswer = Reason | None | Mapping[int | str, Reason | None]
EligibilityRule = Callable[[RuleContext], RuleAnswer]


@dataclass(frozen=True, slots=True)
class RegisteredRule:
    name: str
    check: EligibilityRule
    label: str = ""  # what the learner still has to do, shown on the result page


_registry: dict[str, RegisteredRule] = {}


def register_eligibility_rule(name: str, check: EligibilityRule | None = None, *, label=""):
    """Register ``check`` under ``name`` (usable as a decorator). Registering the
    same function again is harmless (``ready`` may run twice in tests); another
    function under a taken name is a programming error."""

    def register(function: EligibilityRule) -> EligibilityRule:
        existing = _registry.get(name)
        if existing is not None and existing.check is not function:
            raise ValueError(f"an eligibility rule named {name!r} is already registered")
        _registry[name] = RegisteredRule(name, function, label)
        return function

    return register(check) if check is not None else register


def unregister_eligibility_rule(name: str) -> None:
    _registry.pop(name, None)


def registered_rules() -> tuple[RegisteredRule, ...]:
    """The rules in name order, so results and snapshots never depend on import order."""
    return tuple(_registry[name] for name in sorted(_registry))


def _as_result(name: str, answer: RuleAnswer) -> RuleResult:
    if answer is None:
        return RuleResult(name)
    if isinstance(answer, Reason):
        return RuleResult(name, unmet=_tagged(answer, name))
    if isinstance(answer, Mapping):
        unmet = tuple(
            (attempt_id, _tagged(reason, name))
            for attempt_id, reason in sorted(answer.items(), key=lambda item: str(item[0]))
            if reason is not None
        )
        return RuleResult(name, unmet_for=unmet)
    raise TypeError(f"eligibility rule {name!r} answered {answer!r}")


def _tagged(reason: Reason, name: str) -> Reason:
    """The reason with the rule's name among its params, so the page can say which."""
    if not isinstance(reason, Reason):
        raise TypeError(f"eligibility rule {name!r} gave {reason!r}, not a Reason")
    return Reason(reason.code, {**reason.params, "rule": name})


def evaluate_rules(context: RuleContext) -> tuple[RuleResult, ...]:
    results = []
    for rule in registered_rules():
        try:
            results.append(_as_result(rule.name, rule.check(context)))
        except Exception:
            logger.exception("eligibility rule %s failed", rule.name)
            results.append(RuleResult(rule.name, unmet=Reason("rule_failed", {"rule": rule.name})))
    return tuple(results)


def rule_labels() -> dict[str, str]:
    return {rule.name: rule.label for rule in registered_rules() if rule.label}
