"""Moving certificate PDFs that older versions stored under the public MEDIA_ROOT
into private storage (run by migration 0002; safe to run again)."""

import logging

from django.core.files.storage import default_storage

from lms.core.storage import private_storage

logger = logging.getLogger(__name__)


def move_pdfs_to_private_storage(certificate_model) -> int:
    """Copy every stored PDF still in the default (public) storage to private
    storage under the same name, then delete the public copy. Returns how many
    moved. A PDF missing everywhere is left alone: it renders again on demand."""
    private = private_storage()
    moved = 0
    names = certificate_model.objects.exclude(pdf="").values_list("pdf", flat=True).iterator()
    for name in names:
        if not default_storage.exists(name):
            continue
        if not private.exists(name):
            with default_storage.open(name, "rb") as source:
                saved = private.save(name, source)
            if saved != name:  # never expected: the name was free a moment ago
                certificate_model.objects.filter(pdf=name).update(pdf=saved)
        default_storage.delete(name)
        moved += 1
    if moved:
        logger.info("moved %d certificate PDFs out of public media", moved)
    return moved
