"""Assessments (question bank, imports, quiz publishing) and certificates (signing
key, public verification, the integrity job)."""

from pathlib import Path

from celery.schedules import crontab

from .environment import env

# --- Assessments -----------------------------------------------------------------
# "học tiếp" links on quiz results: a function (codes, audience, limit) -> [(title, url)];
# empty shows no links. assessments never imports cms, so the project wires it here.
ASSESSMENTS_RECOMMENDER = env(
    "ASSESSMENTS_RECOMMENDER", default="cms.recommend.items_for_competencies"
)
ASSESSMENTS_MAX_IMPORT_MB = env.int("ASSESSMENTS_MAX_IMPORT_MB", default=10)
# An .xlsx is a zip: judged by its unpacked size and row count before it is parsed.
ASSESSMENTS_XLSX_MAX_UNCOMPRESSED_MB = env.int("ASSESSMENTS_XLSX_MAX_UNCOMPRESSED_MB", default=50)
ASSESSMENTS_XLSX_MAX_ROWS = env.int("ASSESSMENTS_XLSX_MAX_ROWS", default=5000)
# A completion quiz publishes only when each random rule's reviewed pool holds this
# many times the questions it draws (fewer, and answers are memorised in a few tries).
ASSESSMENTS_POOL_MULTIPLE = env.float("ASSESSMENTS_POOL_MULTIPLE", default=3.0)
# Periodic tasks of this module; base.py's CELERY_BEAT_SCHEDULE gathers every module's.
_BEAT_SCHEDULE = {
    "assessments-submit-expired-attempts": {
        "task": "assessments.submit_expired_attempts",
        "schedule": 60.0,
    },
    "cms-publish-scheduled": {"task": "cms.publish_scheduled", "schedule": 60.0},
}

# --- Certificates ---------------------------------------------------------------
# The platform's Ed25519 key that signs credentials: created (mode 0600) on first
# use; back it up with the database. Never under MEDIA_ROOT (a system check refuses).
CERTIFICATE_SIGNING_KEY_PATH = env.path(
    "CERTIFICATE_SIGNING_KEY_PATH",
    default=Path(env("XDG_DATA_HOME", default=str(Path.home() / ".local" / "share")))
    / "hocvuso"
    / "certificate-signing-key.pem",
)
# Public verification (page and API together): lookups per IP per window.
CERTIFICATE_VERIFY_LIMIT = env.int("CERTIFICATE_VERIFY_LIMIT", default=30)
CERTIFICATE_VERIFY_WINDOW_SECONDS = env.int("CERTIFICATE_VERIFY_WINDOW_SECONDS", default=60)
# How long the rendered verify page is kept (assessments/certificates/verify_page.py):
# its key changes with any change to what it shows, so this only bounds how long a
# page made by an older release's templates may still be served.
CERTIFICATE_VERIFY_PAGE_SECONDS = 600
CERTIFICATE_LOGO_MAX_KB = env.int("CERTIFICATE_LOGO_MAX_KB", default=1024)
# Every competency area of the audience must have been assessed (Phụ lục II).
CERTIFICATE_REQUIRE_ALL_AREAS = env.bool("CERTIFICATE_REQUIRE_ALL_AREAS", default=True)
CERTIFICATE_PRINT_MAX = env.int("CERTIFICATE_PRINT_MAX", default=500)
# The integrity job recomputes every certificate's content hash daily at this hour
# (site time), reading this many rows per query, and mails ADMINS what is altered.
CERTIFICATE_INTEGRITY_BATCH_SIZE = env.int("CERTIFICATE_INTEGRITY_BATCH_SIZE", default=500)
CERTIFICATE_INTEGRITY_HOUR = env.int("CERTIFICATE_INTEGRITY_HOUR", default=2)
_BEAT_SCHEDULE = {
    **_BEAT_SCHEDULE,
    "certificates-check-integrity": {
        "task": "certificates.check_integrity",
        "schedule": crontab(hour=CERTIFICATE_INTEGRITY_HOUR, minute=30),
    },
}
