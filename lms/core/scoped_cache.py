"""Django's Redis cache whose ``clear()`` removes only this cache's own keys.

Django's clears the whole Redis database (FLUSHDB). Where the cache shares that
database with the Celery broker's queues and the channel layer's groups (the
default: CACHE_REDIS_URL falls back to REDIS_URL), or with a parallel test
process, that would drop their keys too. The class keeps Django's name because
the health check reports the backend's class name."""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

_BATCH = 500


class RedisCache(DjangoRedisCache):
    def clear(self):
        client = self._cache.get_client(None, write=True)
        # Every key this cache writes starts with its prefix (lms.backup.epoch.make_key).
        batch = []
        for key in client.scan_iter(match=f"{self.key_prefix}:*", count=_BATCH):
            batch.append(key)
            if len(batch) == _BATCH:
                client.delete(*batch)
                batch.clear()
        if batch:
            client.delete(*batch)
        return True
