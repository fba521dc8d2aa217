"""Personal data (lms/privacy): the controller named in the notice, consent,
retention of guests' data, exports and the audit trail."""

from celery.schedules import crontab

from .environment import env

# --- Personal data (lms/privacy) -------------------------------------------------
# Who processes the data (the unit running this site), named in the privacy notice.
# Required in production.
PRIVACY_CONTROLLER = env("PRIVACY_CONTROLLER", default="")
PRIVACY_CONTACT = env("PRIVACY_CONTACT", default="")
# Bump when the notice's text changes: everyone is asked again at next sign-in.
PRIVACY_NOTICE_VERSION = env("PRIVACY_NOTICE_VERSION", default="2026-12")
# Nghị định 13/2023: under this age a parent's or guardian's consent is needed.
PRIVACY_GUARDIAN_CONSENT_AGE = env.int("PRIVACY_GUARDIAN_CONSENT_AGE", default=16)
PRIVACY_GUEST_RETENTION_DAYS = env.int("PRIVACY_GUEST_RETENTION_DAYS", default=30)
PRIVACY_EXPORT_KEEP_DAYS = env.int("PRIVACY_EXPORT_KEEP_DAYS", default=7)
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=5 * 365)
PRIVACY_RETENTION_HOUR = env.int("PRIVACY_RETENTION_HOUR", default=3)
# Periodic tasks of this module; base.py's CELERY_BEAT_SCHEDULE gathers every module's.
_BEAT_SCHEDULE = {
    "privacy-apply-retention": {
        "task": "privacy.apply_retention",
        "schedule": crontab(hour=PRIVACY_RETENTION_HOUR, minute=15),
    },
}
