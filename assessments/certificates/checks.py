"""System checks: the signing key and private files (certificate PDFs) must never be
where the web server serves files."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register


@register()
def signing_key_outside_public_dirs(app_configs, **kwargs):
    key = Path(settings.CERTIFICATE_SIGNING_KEY_PATH).resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        root = getattr(settings, name, None)
        if root and key.is_relative_to(Path(root).resolve()):
            errors.append(
                Error(
                    f"CERTIFICATE_SIGNING_KEY_PATH ({key}) is inside {name}: the private key "
                    "would be downloadable. Put it in a private directory.",
                    id="certificates.E001",
                )
            )
    return errors


@register()
def private_media_outside_public_dirs(app_configs, **kwargs):
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        root = getattr(settings, name, None)
        if not root:
            continue
        root = Path(root).resolve()
        if private.is_relative_to(root) or root.is_relative_to(private):
            errors.append(
                Error(
                    f"PRIVATE_MEDIA_ROOT ({private}) overlaps {name} ({root}): certificate "
                    "PDFs would be downloadable without a permission check.",
                    id="certificates.E002",
                )
            )
    return errors
