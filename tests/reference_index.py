"""Wagtail's reference index (which object uses which: usage counts, delete
warnings) only in the tests marked ``reference_index``.

Every save of a page, revision, image or snippet re-extracts its references
(a task run at once: the object's fields and StreamField blocks walked, then
the index rows rewritten), about a fifth of the library and course tests' time,
and few tests read them. Elsewhere the saves skip it through Wagtail's own
switch (``disable_reference_index_auto_update``), and a read of the index
fails with the reason instead of silently counting nothing.

The switch is per thread: the live-server threads of the browser tests keep
the index as production does."""

import contextlib
import functools

from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import reference_index_auto_update_disabled

MARKER = "reference_index"


class ReferenceIndexNotKept(RuntimeError):
    pass


def _off() -> bool:
    return getattr(reference_index_auto_update_disabled, "value", False)


@contextlib.contextmanager
def skipped():
    """Saves in this thread leave the reference index alone; reads fail."""
    before = _off()
    reference_index_auto_update_disabled.value = True
    try:
        yield
    finally:
        reference_index_auto_update_disabled.value = before


def install_guard() -> None:
    """Every read goes through ``ReferenceIndex.objects`` (Wagtail's usage
    counts and delete checks, and cms/files.py's which-files-are-public): its
    manager class is ReferenceIndex's own, so guarding it touches no other model."""
    manager_class = type(ReferenceIndex.objects)
    get_queryset = manager_class.get_queryset
    if getattr(get_queryset, "guarded", False):
        return

    @functools.wraps(get_queryset)
    def guarded(manager):
        if _off():
            raise ReferenceIndexNotKept(
                "this test reads Wagtail's reference index, which only tests marked "
                f"@pytest.mark.{MARKER} keep up to date (tests/reference_index.py)"
            )
        return get_queryset(manager)

    guarded.guarded = True
    manager_class.get_queryset = guarded
