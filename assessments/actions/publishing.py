"""Publishing a quiz. A quiz that counts for the certificate is published only
when every random rule's reviewed pool holds ASSESSMENTS_POOL_MULTIPLE (3 by
default) times the questions it draws, and every fixed question is reviewed."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext

from assessments.models import Quiz, RuleKind
from assessments.pool import RulePool, needed_pool, pool_shortfalls
from lms.audit.record import record_event

from .errors import PoolTooSmall
from .selection import available_count


def pool_multiple() -> float:
    return float(getattr(settings, "ASSESSMENTS_POOL_MULTIPLE", 3))


def rule_pools(quiz: Quiz) -> list[RulePool]:
    """Each random rule's draw and reviewed pool size, numbered as the builder shows them."""
    pools = []
    rules = quiz.rules.select_related("area", "competency", "category", "question")
    for position, rule in enumerate(rules, start=1):
        if rule.kind != RuleKind.RANDOM:
            continue
        available = available_count(rule, quiz.audience, reviewed_only=True)
        pools.append(RulePool(position, str(rule), rule.count, available))
    return pools


def _unreviewed_fixed(quiz: Quiz) -> list[tuple[int, str]]:
    rules = quiz.rules.select_related("question")
    return [
        (position, rule.question.name)
        for position, rule in enumerate(rules, start=1)
        if rule.kind == RuleKind.FIXED and not rule.question.in_certification_pool
    ]


def check_quiz_publishable(quiz: Quiz) -> None:
    """PoolTooSmall naming each rule that lacks questions, and how many."""
    if not quiz.draws_from_reviewed_pool:
        return
    multiple = pool_multiple()
    shortfalls = pool_shortfalls(rule_pools(quiz), multiple)
    unreviewed = _unreviewed_fixed(quiz)
    if not shortfalls and not unreviewed:
        return
    lines = [
        gettext(
            "Rule %(position)s (%(rule)s): the reviewed pool has %(available)s questions, "
            "at least %(needed)s are needed (%(multiple)s× the %(draws)s drawn): "
            "%(missing)s missing."
        )
        % {
            "position": s.rule.position,
            "rule": s.rule.label,
            "available": s.rule.available,
            "needed": s.needed,
            "multiple": f"{multiple:g}",
            "draws": s.rule.draws,
            "missing": s.missing,
        }
        for s in shortfalls
    ]
    lines += [
        gettext(
            "Rule %(position)s: the fixed question “%(question)s” has not been approved "
            "for the certification pool."
        )
        % {"position": position, "question": name}
        for position, name in unreviewed
    ]
    raise PoolTooSmall(
        " ".join(lines),
        rules=[
            {"position": s.rule.position, "available": s.rule.available, "needed": s.needed}
            for s in shortfalls
        ],
        unreviewed_fixed=[position for position, _name in unreviewed],
    )


@transaction.atomic
def do_publish_quiz(user, quiz: Quiz, *, was_published: bool) -> None:
    """Check a quiz saved as published (inside the caller's transaction, so a
    refusal rolls the whole save back) and record the publication."""
    check_quiz_publishable(quiz)
    if was_published:
        return
    record_event(
        actor=user,
        verb="assessments.quiz_published",
        target=quiz,
        extra={
            "counts_for_certificate": quiz.counts_for_certificate,
            "pools": [
                {"rule": pool.position, "draws": pool.draws, "available": pool.available}
                for pool in rule_pools(quiz)
            ]
            if quiz.draws_from_reviewed_pool
            else [],
            "needed_multiple": pool_multiple() if quiz.draws_from_reviewed_pool else None,
        },
    )


__all__ = ["check_quiz_publishable", "do_publish_quiz", "needed_pool", "rule_pools"]
