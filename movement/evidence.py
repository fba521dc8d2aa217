"""The evidence file a team member may attach to a reported value: a photo of
the list or a scanned page, judged by its bytes (not its name), within the
size the settings allow."""

from __future__ import annotations

import filetype
from django.conf import settings
from django.utils.translation import gettext as _

from .errors import BadFigure

MB = 1024 * 1024
EVIDENCE_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
}


def check_evidence_file(upload) -> str:
    """Raise BadFigure for a file too large or of another type; return the
    extension to store it under."""
    limit = settings.MOVEMENT_EVIDENCE_MAX_MB
    if upload.size > limit * MB:
        raise BadFigure(
            _("This file is %(size).1f MB; the limit is %(limit)d MB.")
            % {"size": upload.size / MB, "limit": limit}
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in EVIDENCE_TYPES:
        raise BadFigure(_("The evidence file must be a photo (JPEG, PNG or WebP) or a PDF."))
    return EVIDENCE_TYPES[kind.mime]
