"""Private files: stored where no web server serves them (never under MEDIA_ROOT)
and handed out only by a view that has checked who is asking. Certificate PDFs
live here."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property

PRIVATE_STORAGE_ALIAS = "private"


class PrivateFileSystemStorage(FileSystemStorage):
    """FileSystemStorage rooted at PRIVATE_MEDIA_ROOT, with no public URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        # A URL would invite someone to serve this folder; views stream the file instead.
        raise NotImplementedError("private files have no public URL")


def private_storage():
    """The storage of the ``private`` alias in STORAGES (a callable, so a model field
    follows the settings instead of freezing a storage into its migration)."""
    return storages[PRIVATE_STORAGE_ALIAS]
