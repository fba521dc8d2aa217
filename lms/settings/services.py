"""Redis and what runs on it: the cache, the channel layer of the live classroom and
Celery's broker. Without REDIS_URL (the embedded mode) each falls back to an
in-process equivalent."""

from .environment import env
from .live import LIVE_MAX_PARTICIPANTS

# One switch for the embedded mode: without REDIS_URL, Celery runs in process,
# the cache is local memory and the channel layer lives in memory.
REDIS_URL = env("REDIS_URL", default="")
# Messages one WebSocket may have waiting in the channel layer before new ones
# are dropped. The instructor's screens once got one answer count per answer (now
# coalesced: at most one per LIVE_COUNT_INTERVAL_MS per process, or
# LIVE_COUNT_UPDATES per question over HTTP), and the default 100 dropped counts
# and even the next state at a hall of 1,000. Phones get a handful per question.
# Sized for LIVE_MAX_PARTICIPANTS (live.py) answers in flight plus the state events.
CHANNELS_CAPACITY = env.int("CHANNELS_CAPACITY", default=LIVE_MAX_PARTICIPANTS + 500)
# The cache may live on its own Redis with maxmemory and LRU eviction (compose's
# redis-cache); the broker and channel layer stay on REDIS_URL, which never evicts.
CACHE_REDIS_URL = env("CACHE_REDIS_URL", default=REDIS_URL)

if REDIS_URL:
    CACHES = {
        "default": {
            # Django's, but clear() deletes only the cache's own keys, never the
            # broker's queued tasks on a shared Redis (a restore clears the cache).
            "BACKEND": "lms.core.scoped_cache.RedisCache",
            "LOCATION": CACHE_REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="hvs"),
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_URL],
                "prefix": env("CHANNELS_PREFIX", default="hvs"),
                "capacity": CHANNELS_CAPACITY,
                "expiry": 60,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels.layers.InMemoryChannelLayer",
            "CONFIG": {"capacity": CHANNELS_CAPACITY},
        }
    }

CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL or "cache+memory://")
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"


# The installation's cache epoch in every key: a restore makes old entries unreachable
# (lms/backup; manage.py backup / restore).
# A process re-reads it when it takes a database connection at most this often
# (lms/backup/epoch.py): a restore made by another process is noticed within it.
CACHE_EPOCH_RECHECK_SECONDS = 1.0
for _cache in CACHES.values():
    _cache["KEY_FUNCTION"] = "lms.backup.epoch.make_key"
