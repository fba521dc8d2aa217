"""The "học tiếp" hook: library items for the competencies a learner is weakest in.

assessments never imports cms or courses. A project names a function in the
setting ``ASSESSMENTS_RECOMMENDER`` (e.g. "cms.recommend.items_for_competencies")
taking ``(codes, audience, limit)`` and returning ``[(title, url)]``; unset,
the result page shows no links."""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def recommendations(codes: list[str], audience: str = "", limit: int = 5) -> list[tuple[str, str]]:
    path = getattr(settings, "ASSESSMENTS_RECOMMENDER", "")
    if not path or not codes:
        return []
    try:
        recommender = import_string(path)
        return list(recommender(codes, audience=audience, limit=limit))[:limit]
    except Exception:  # a broken hook must not break a learner's result page
        logger.exception("ASSESSMENTS_RECOMMENDER %s failed", path)
        return []


def weakest_competencies(result, limit: int = 3) -> list[str]:
    """Competency codes below 100%, weakest first, of an AttemptResult (None: none)."""
    return [] if result is None else result.weakest_competencies(limit)
