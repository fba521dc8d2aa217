"""Stored question versions kept per process (issue 14, the exam moment).

A QuestionVersion is frozen (editing a question adds a version; see
frozen_specs.py), and a class submitting together reads the same thirty
versions once per learner: building those objects and decoding their specs was
about a fifth of a submission's Python time. Each process keeps the versions it
has read, shared read-only between requests, under their id and creation
instant, so a database restored or recreated under a running process (ids
reused for other questions) is never served another question's version."""

from __future__ import annotations

import threading

from assessments.models import QuestionVersion

# As frozen_specs.LIMIT: a bank of 10,000 questions with a few versions each.
LIMIT = 20_000

_kept: dict[tuple, QuestionVersion] = {}
_lock = threading.Lock()


def frozen_versions(keys) -> dict[tuple, QuestionVersion]:
    """``{(version id, created_at): version}`` for ``keys``; the ones this
    process has not read yet are read in one query."""
    found = {key: _kept[key] for key in keys if key in _kept}
    missing = {version_id for version_id, _created in keys if (version_id, _created) not in found}
    if missing:
        loaded = QuestionVersion.objects.in_bulk(missing)
        with _lock:
            if len(_kept) + len(loaded) > LIMIT:
                _kept.clear()
            for version in loaded.values():
                _kept[(version.pk, version.created_at)] = version
        found.update((key, _kept[key]) for key in keys if key not in found and key in _kept)
    return found
