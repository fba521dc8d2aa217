"""The movement: community teams, digital ambassadors, dashboards' figures and the
nightly roll-up."""

from celery.schedules import crontab

from .environment import env

# --- Movement (community teams, targets, indicators, quarterly reports) -------------
# "1 kèm 5": how many learners one digital ambassador follows at most.
MOVEMENT_AMBASSADOR_MAX_LEARNERS = env.int("MOVEMENT_AMBASSADOR_MAX_LEARNERS", default=5)
# A team member's evidence photo or scan (JPEG, PNG, WebP or PDF) for a reported value.
MOVEMENT_EVIDENCE_MAX_MB = env.int("MOVEMENT_EVIDENCE_MAX_MB", default=5)
# How long a dashboard's figures may be served from the cache when nothing was
# written (movement/figures_cache.py); a write makes them stale at once.
MOVEMENT_FIGURES_CACHE_SECONDS = env.int("MOVEMENT_FIGURES_CACHE_SECONDS", default=600)
# Hour (site time) of the nightly rebuild of the certified-learner roll-up.
MOVEMENT_ROLLUP_HOUR = env.int("MOVEMENT_ROLLUP_HOUR", default=3)
# Periodic tasks of this module; base.py's CELERY_BEAT_SCHEDULE gathers every module's.
_BEAT_SCHEDULE = {
    "movement-rebuild-rollup": {
        "task": "movement.rebuild_rollup",
        "schedule": crontab(hour=MOVEMENT_ROLLUP_HOUR, minute=10),
    },
    # Drafts on the 1st of a quarter's last month; reminders until the 15th.
    "movement-prepare-quarterly-drafts": {
        "task": "movement.prepare_quarterly_drafts",
        "schedule": crontab(hour=6, minute=0),
    },
}
