"""The dashboard's figures kept in the cache between requests.

A province dashboard reads every unit of the province and aggregates the
certified roll-up for four quarters: seconds of work, for figures that change
only when someone writes (a certificate, a reported value, a target, a class
session, a new village). Ten managers opening it at the same meeting should pay
for it once. Every save or delete of a row the figures are made of (the models
listed below, not a learner's step progress) bumps one generation number, and
each entry's key carries the generation it was computed under, so a write is visible on the next request; the time limit only bounds
what depends on the clock alone (a planned session that has now been held).
The public ranking board is kept the same way (views/public.py)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from lms.core.generation import CacheGeneration

GENERATION_KEY = "movement:figures:generation"
# The models whose rows the figures are made of (movement.measure and the
# providers of movement.registry), by label: not whole apps, so a learner's
# enrolment or step progress (courses) leaves every cached dashboard warm.
SOURCE_MODELS = frozenset(
    {
        "movement.CertifiedDaily",
        "movement.ClosedQuarterFigure",  # bulk-written with its period's close (saved)
        "movement.PopulationFigure",
        "movement.Target",
        "movement.ReportingPeriod",
        "movement.ReportedIndicatorValue",
        "movement.CommunityDigitalTeam",
        "movement.TeamTarget",
        "movement.ActivityLog",
        "movement.AmbassadorAssignment",
        "movement.RankingBoard",  # the public board's settings (views/public.py)
        "movement.QuarterlyReport",  # the dashboard's "draft report waiting" notice
        "units.Unit",
        "courses.CommunityClass",
        "courses.ClassSession",
        "courses.AttendanceMark",
    }
)
# Rows whose creation changes no figure: a reporting period is opened empty on
# first use (often by a page computing figures); closing it does change them.
PERSON_MODEL = "accounts.User"
NEUTRAL_WHEN_CREATED = frozenset({"movement.ReportingPeriod", PERSON_MODEL})
# A person counts by home unit and audience (class participants, ambassador
# coverage) only through rows above; so a new person changes no figure, nor a
# save that names only other fields (last_login), but moving someone does.
PERSON_FIELDS = frozenset({"home_unit", "home_unit_id", "audience"})


_GENERATION = CacheGeneration(GENERATION_KEY)


def generation() -> int:
    return _GENERATION.current()


def _bump() -> None:
    _GENERATION.bump()


def figures_changed() -> None:
    """Now, so nothing computed before the write is served again, and after the
    commit, so nothing computed from the rows before they were committed is."""
    _bump()
    transaction.on_commit(_bump)


def row_saved_or_deleted(sender, created=False, update_fields=None, **_kwargs) -> None:
    """post_save/post_delete receiver for every model; cheap for the others."""
    label = sender._meta.label
    if created and label in NEUTRAL_WHEN_CREATED:
        return
    moved = label == PERSON_MODEL and (update_fields is None or PERSON_FIELDS & set(update_fields))
    if label in SOURCE_MODELS or moved:
        figures_changed()


def cached_figures(key_parts: tuple, compute: Callable[[], dict]) -> dict:
    # The database's name too: bench databases cloned from one template share the
    # installation epoch that every cache key carries.
    database = settings.DATABASES["default"]["NAME"]
    parts = ":".join(str(part) for part in (database, *key_parts))
    key = f"movement:figures:{generation()}:{parts}"
    figures = cache.get(key)
    if figures is None:
        figures = compute()
        cache.set(key, figures, settings.MOVEMENT_FIGURES_CACHE_SECONDS)
    return figures
