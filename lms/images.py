"""One rule for every uploaded image (the library's Wagtail images and the images
of questions): at most MAX_IMAGE_UPLOAD_MB megabytes and MAX_IMAGE_PIXELS pixels,
judged from the file's header before anything is decoded.

Images over the pixel limit are refused rather than shrunk: decoding one is
itself the attack (an 11,000 × 11,000 PNG of 15 KB needs 360 MB to decode), and
no photo a phone or camera takes needs more than 50 megapixels. Images under it
that are larger than learners' screens are shrunk (`shrink_image`); the library
does that with Wagtail renditions at display time, question images once at
upload, because they are served as they are stored."""

from __future__ import annotations

import io
import warnings
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MB = 1024 * 1024
WEBP_QUALITY = 80  # Wagtail's default for renditions


def enable_decompression_bomb_guard() -> None:
    """Pillow's own guard, for every caller (Wagtail renditions, certificate
    logos): it warns above our pixel limit and refuses above twice that. Uploads
    are refused above the limit itself by `check_image_upload`; images stored
    before the limit was lowered still get renditions."""
    Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _(
            "This image has too many pixels (the limit is %(limit)d megapixels). "
            "Make it smaller and upload it again."
        ),
        code="image_too_many_pixels",
        params={"limit": settings.MAX_IMAGE_PIXELS // 1_000_000},
    )


def check_image_upload(upload) -> tuple[int, int]:
    """Raise ValidationError for a file too large, not an image, or with too many
    pixels; return its (width, height). Reads the header only."""
    limit = settings.MAX_IMAGE_UPLOAD_MB
    if upload.size > limit * MB:
        raise ValidationError(
            _("This file is %(size).1f MB; the limit is %(limit)d MB."),
            code="file_too_large",
            params={"size": upload.size / MB, "limit": limit},
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise ValidationError(
            _("This file is not an image (JPEG, PNG, GIF or WebP)."), code="not_an_image"
        ) from None
    finally:
        upload.seek(0)
    if width * height > settings.MAX_IMAGE_PIXELS:
        raise _too_many_pixels()
    return width, height


def shrink_image(upload, max_side: int) -> ContentFile:
    """The image at most `max_side` pixels wide and high, upright (EXIF
    orientation applied), without its metadata (a phone photo's GPS position),
    as WebP like the library's renditions."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.draft("RGB", (max_side, max_side))  # JPEG decodes at 1/2, 1/4, 1/8 size
            image = ImageOps.exif_transpose(image)
            image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
            has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            image = image.convert("RGBA" if has_alpha else "RGB")
            output = io.BytesIO()
            image.save(output, format="WEBP", quality=WEBP_QUALITY, method=4)
    except (OSError, ValueError, SyntaxError):
        raise ValidationError(
            _("This file is not an image (JPEG, PNG, GIF or WebP)."), code="not_an_image"
        ) from None
    finally:
        upload.seek(0)
    stem = PurePath(getattr(upload, "name", "") or "image").stem or "image"
    return ContentFile(output.getvalue(), name=f"{stem}.webp")


def prepared_image(upload) -> ContentFile:
    """Checked, then shrunk to IMAGE_MAX_SIDE_PX: what a form should store."""
    check_image_upload(upload)
    return shrink_image(upload, settings.IMAGE_MAX_SIDE_PX)
