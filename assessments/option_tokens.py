"""Per-slot keys for the opaque option values of open attempts
(assessments.responses.OptionCodec): what learners' pages and the API show
instead of choice and ordering-item ids, which would give the key away."""

from __future__ import annotations

import secrets

from django.utils.crypto import salted_hmac

from assessments.responses import OptionCodec


def slot_codec(slot) -> OptionCodec:
    """Keyed by the site secret, the attempt and the position, so the same
    question shows other tokens in every slot and attempt. A preview slot (no
    attempt) gets a fresh key each time."""
    attempt_id = getattr(slot, "attempt_id", None)
    if attempt_id is None:
        return OptionCodec(secrets.token_bytes(16))
    return OptionCodec(
        salted_hmac("assessments.option-token", f"{attempt_id}:{slot.position}").digest()
    )
