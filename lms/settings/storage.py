"""Static files, media (local or S3-compatible object storage), private files and
upload limits."""

from .environment import BASE_DIR, env

# --- Static and media -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "lms" / "static"]
MEDIA_URL = env("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# Media goes to S3-compatible object storage when a bucket is named, to MEDIA_ROOT otherwise.
AWS_STORAGE_BUCKET_NAME = env("S3_BUCKET", default="")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env("S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env("S3_REGION", default=None)
    AWS_ACCESS_KEY_ID = env("S3_ACCESS_KEY_ID", default=None)
    AWS_SECRET_ACCESS_KEY = env("S3_SECRET_ACCESS_KEY", default=None)
    AWS_S3_CUSTOM_DOMAIN = env("S3_CUSTOM_DOMAIN", default=None)
    AWS_QUERYSTRING_AUTH = env.bool("S3_QUERYSTRING_AUTH", default=False)
    AWS_DEFAULT_ACL = None
    MEDIA_BACKEND = "storages.backends.s3.S3Storage"
else:
    MEDIA_BACKEND = "django.core.files.storage.FileSystemStorage"

# Private files (certificate PDFs) are never under MEDIA_ROOT nor in a public bucket:
# only views that check who is asking stream them (lms/core/storage.py).
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private")
if AWS_STORAGE_BUCKET_NAME:
    PRIVATE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_PRIVATE_BUCKET", default=AWS_STORAGE_BUCKET_NAME),
            "location": env("S3_PRIVATE_LOCATION", default="private"),
            "default_acl": "private",
            "querystring_auth": True,
            "custom_domain": None,
        },
    }
else:
    PRIVATE_STORAGE = {"BACKEND": "lms.core.storage.PrivateFileSystemStorage"}

STORAGES = {
    "default": {"BACKEND": MEDIA_BACKEND},
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Upload limits, in megabytes, checked by the forms that accept files.
MAX_IMAGE_UPLOAD_MB = env.int("MAX_IMAGE_UPLOAD_MB", default=10)
MAX_DOCUMENT_UPLOAD_MB = env.int("MAX_DOCUMENT_UPLOAD_MB", default=20)
MAX_VIDEO_UPLOAD_MB = env.int("MAX_VIDEO_UPLOAD_MB", default=200)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = MAX_IMAGE_UPLOAD_MB * 1024 * 1024
# Images over this many pixels are refused (lms/images.py; Pillow's bomb guard too);
# question images are shrunk to IMAGE_MAX_SIDE_PX, the library's by its renditions.
MAX_IMAGE_PIXELS = env.int("MAX_IMAGE_PIXELS", default=50_000_000)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
IMAGE_MAX_SIDE_PX = env.int("IMAGE_MAX_SIDE_PX", default=1600)
# Which documents Wagtail accepts: library.py (WAGTAILDOCS_EXTENSIONS), videos included.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
