"""Upload checks for the Wagtail image and document forms (wired in settings
as WAGTAILIMAGES_IMAGE_FORM_BASE and WAGTAILDOCS_DOCUMENT_FORM_BASE).

Videos are stored as documents and never transcoded, so their type is decided
by the file's first bytes, not by its name."""

import filetype
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from lms.images import check_image_upload

VIDEO_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}
MB = 1024 * 1024


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _head(upload, size: int = 512) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def check_document_upload(upload) -> None:
    """Raise ValidationError for a file too large or not what its name says."""
    extension = _extension(upload.name)
    if extension in VIDEO_TYPES:
        limit = settings.MAX_VIDEO_UPLOAD_MB
    else:
        limit = settings.MAX_DOCUMENT_UPLOAD_MB
    if upload.size > limit * MB:
        raise forms.ValidationError(
            _("This file is %(size).1f MB; the limit is %(limit)d MB."),
            code="file_too_large",
            params={"size": upload.size / MB, "limit": limit},
        )
    head = _head(upload)
    if extension in VIDEO_TYPES:
        kind = filetype.guess(head)
        if kind is None or kind.mime != VIDEO_TYPES[extension]:
            raise forms.ValidationError(
                _("This file is not a real MP4 or WebM video."), code="invalid_video"
            )
    elif extension == "vtt" and not head.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise forms.ValidationError(_("Captions must be a WebVTT file."), code="invalid_vtt")
    elif extension == "pdf" and not head.startswith(b"%PDF"):
        raise forms.ValidationError(_("This file is not a real PDF."), code="invalid_pdf")


class LibraryDocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # An unchanged file on edit is a stored FieldFile, already checked.
        if upload is not None and hasattr(upload, "content_type"):
            check_document_upload(upload)
        return upload


class LibraryImageForm(BaseImageForm):
    """Alt text is required: learners using screen readers rely on it. The file
    passes the same checks as question images (lms.images); learners download
    renditions (width-960 at most), never the original, so it is kept as is."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # An unchanged file on edit is a stored file, already checked.
        if upload is not None and hasattr(upload, "content_type"):
            check_image_upload(upload)
        return upload

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            self.fields["description"].required = True
            self.fields["description"].label = _("Alt text")
            self.fields["description"].help_text = _(
                "Describe what the image shows, for people who cannot see it."
            )
