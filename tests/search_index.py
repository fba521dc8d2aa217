"""Wagtail's search index (modelsearch) only in the tests that search it.

Every save of a page, image, document or competency updates the index (a task
run at once, a lookup and an index write), and almost no test reads it: the
library's own search reads the folded columns on the page (cms/search.py). So
the index is kept during the session's set-up (the framework's competencies)
and in the tests marked ``search_index``; everywhere else the saves skip it,
and a search through the backend fails with the reason instead of silently
finding nothing."""

import contextlib
import functools

from django.db.models.signals import post_delete, post_save
from modelsearch import index
from modelsearch.backends.base import BaseSearchBackend
from modelsearch.signal_handlers import post_delete_signal_handler, post_save_signal_handler

MARKER = "search_index"


class SearchIndexNotKept(RuntimeError):
    pass


_kept = True  # whether saves update the index now


def _models():
    return [m for m in index.get_indexed_models() if getattr(m, "search_auto_update", True)]


def keep(kept: bool) -> None:
    """Connect (or disconnect) modelsearch's own save and delete handlers."""
    global _kept
    for model in _models():
        if kept:
            post_save.connect(post_save_signal_handler, sender=model)
            post_delete.connect(post_delete_signal_handler, sender=model)
        else:
            post_save.disconnect(post_save_signal_handler, sender=model)
            post_delete.disconnect(post_delete_signal_handler, sender=model)
    _kept = kept


@contextlib.contextmanager
def kept(value: bool):
    before = _kept
    keep(value)
    try:
        yield
    finally:
        keep(before)


def _guarded(method):
    @functools.wraps(method)
    def search(self, *args, **kwargs):
        if not _kept:
            raise SearchIndexNotKept(
                "this test searches Wagtail's search index, which only tests marked "
                f"@pytest.mark.{MARKER} keep up to date (tests/search_index.py)"
            )
        return method(self, *args, **kwargs)

    search.guarded = True
    return search


def install_guard() -> None:
    for name in ("search", "autocomplete"):
        method = getattr(BaseSearchBackend, name)
        if not getattr(method, "guarded", False):
            setattr(BaseSearchBackend, name, _guarded(method))
