"""Read-mostly data the exam moment needs on every start and submit, kept in
the shared cache and dropped whenever what it is built from changes.

- ``quiz_rule_pools``: each quiz rule's eligible ``(question, version,
  audiences, option material, version created_at)`` rows, so a class pressing Start together does
  not run every rule's joins once per learner. One generation key covers them all: any change to a
  question, version, competency, category, tag, rule or quiz moves it on
  (signals, plus ``forget_rule_pools()`` after queryset updates that send none).
- ``framework_areas``: competency → area codes and area ids of one framework,
  also held by each process for a second (a class submitting together).

Both also expire after ``TTL`` seconds, a backstop for writes no signal sees."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from lms.core.scoped_cache import read_own_keys

TTL = 600
POOL_GENERATION_KEY = "assessments:pool-generation"


def _generation() -> str:
    generation = cache.get(POOL_GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(POOL_GENERATION_KEY, generation, None)
        generation = cache.get(POOL_GENERATION_KEY, generation)
    return generation


def forget_rule_pools() -> None:
    """Every rule's pool is rebuilt on next use (now, and again after commit so
    a start racing the transaction cannot keep what it read before)."""
    cache.set(POOL_GENERATION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(POOL_GENERATION_KEY, uuid.uuid4().hex, None))


# Plans this process has read, by key: (generation, when read, plan). A class
# pressing Start together reads the same plan once per learner: unpickling it
# each time cost more than the round trip for the generation alone.
_read_plans: dict[str, tuple[str, float, list]] = {}
_READ_PLANS_LIMIT = 1000


def _current_generation():
    return read_own_keys([POOL_GENERATION_KEY]).get(POOL_GENERATION_KEY)


def quiz_rule_pools(quiz_id: int, reviewed_only: bool, rules, build) -> list:
    """``[build(rule) for rule in rules()]`` for one quiz, from the cache when
    nothing changed since it was built: one cache round trip (the generation,
    when this process holds the plan read at that generation less than ``TTL``
    ago; else the generation and the plan stored with the generation it was
    built at, read together), no query. The plan is shared: never change it."""
    # v2: rows carry their version's creation instant (frozen_versions' key).
    key = f"assessments:rule-pools:v2:{quiz_id}:{int(reviewed_only)}"
    held = _read_plans.get(key)
    fresh = held is not None and time.monotonic() - held[1] < TTL
    if fresh and held[0] == _current_generation():
        return held[2]
    found = cache.get_many([POOL_GENERATION_KEY, key])
    generation, stored = found.get(POOL_GENERATION_KEY), found.get(key)
    if generation is not None and stored is not None and stored[0] == generation:
        _hold(key, generation, stored[1])
        return stored[1]
    generation = generation or _generation()
    plan = [build(rule) for rule in rules()]
    cache.set(key, (generation, plan), TTL)
    _hold(key, generation, plan)
    return plan


def _hold(key: str, generation: str, plan: list) -> None:
    if len(_read_plans) >= _READ_PLANS_LIMIT:
        _read_plans.clear()
    _read_plans[key] = (generation, time.monotonic(), plan)


@dataclass(frozen=True)
class FrameworkAreas:
    area_of: dict[str, str]  # competency code -> area code
    area_ids: dict[str, int]  # area code -> CompetencyArea pk


def _areas_key(framework_id: int) -> str:
    return f"assessments:framework-areas:{framework_id}"


# Areas this process has read, by framework: (when read, areas). A class's
# 500 Submits in two seconds each read them from the cache (a round trip and
# an unpickling, a tenth of a Submit's own work): a process reuses what it read
# for HOLD_SECONDS. A change here drops them at once (``_framework_changed``);
# another process's change reaches this one within HOLD_SECONDS.
HOLD_SECONDS = 1.0
_held_areas: dict[int, tuple[float, FrameworkAreas]] = {}


def forget_held_areas() -> None:
    """Drop what this process holds (tests clearing the cache call it too)."""
    _held_areas.clear()


def framework_areas(framework_id: int) -> FrameworkAreas:
    held = _held_areas.get(framework_id)
    if held is not None and time.monotonic() - held[0] < HOLD_SECONDS:
        return held[1]
    key = _areas_key(framework_id)
    areas = cache.get(key)
    if areas is None:
        from lms.framework.models import Competency, CompetencyArea

        areas = FrameworkAreas(
            area_of=dict(
                Competency.objects.filter(framework_id=framework_id).values_list(
                    "code", "area__code"
                )
            ),
            area_ids=dict(
                CompetencyArea.objects.filter(framework_id=framework_id).values_list("code", "pk")
            ),
        )
        cache.set(key, areas, TTL)
    _held_areas[framework_id] = (time.monotonic(), areas)
    return areas


def _framework_changed(sender, instance, **kwargs):
    framework_id = getattr(instance, "framework_id", None)
    if framework_id is not None:
        _forget_areas(framework_id)
        transaction.on_commit(lambda: _forget_areas(framework_id))
    forget_rule_pools()


def _forget_areas(framework_id: int) -> None:
    _held_areas.pop(framework_id, None)
    cache.delete(_areas_key(framework_id))


def _pool_changed(sender, **kwargs):
    forget_rule_pools()


def connect_signals() -> None:
    from taggit.models import Tag

    from assessments import models
    from lms.framework.models import Competency, CompetencyArea

    for model in (Competency, CompetencyArea):
        post_save.connect(_framework_changed, sender=model, dispatch_uid=f"areas-{model.__name__}")
        post_delete.connect(
            _framework_changed, sender=model, dispatch_uid=f"areas-del-{model.__name__}"
        )
    for model in (
        models.Question,
        models.QuestionVersion,
        models.QuestionCategory,
        models.TaggedQuestion,
        models.Quiz,
        models.QuizRule,
        Tag,
    ):
        post_save.connect(_pool_changed, sender=model, dispatch_uid=f"pool-{model.__name__}")
        post_delete.connect(_pool_changed, sender=model, dispatch_uid=f"pool-del-{model.__name__}")
    m2m_changed.connect(
        _pool_changed, sender=models.Question.competencies.through, dispatch_uid="pool-competencies"
    )
