"""DRF's quota throttles keyed by our client address. DRF's own ``get_ident``
reads X-Forwarded-For by itself (the whole header when NUM_PROXIES is unset), so
a client could pick a fresh identity per request; ``client_ip`` cannot be forged.

On the Redis cache each check is one round trip: a counter per client that
lives for the rate's period from its first request (a fixed window), where
DRF's reads and rewrites the client's list of request times (two round trips
and a pickle, on every API request of a class pressing Start). A client may
thus send up to twice the rate across a window's end; the rates are abuse
guards, not exact quotas. Other caches keep DRF's sliding window."""

from rest_framework import throttling

from lms.client_ip import client_ip


class _CountedInOneTrip:
    # Not DRF's key: a server before this one left DRF's list of request times
    # there, which INCR refuses (every API call failed for a minute after an upgrade).
    cache_format = "throttle-count_%(scope)s_%(ident)s"

    def allow_request(self, request, view):
        self.left = None
        count_in_window = getattr(self.cache, "count_in_window", None)
        if count_in_window is None or self.rate is None:
            return super().allow_request(request, view)
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        count, self.left = count_in_window(self.key, self.duration)
        return count <= self.num_requests

    def wait(self):
        if self.left is None:
            return super().wait()
        return max(self.left, 1)

    def get_ident(self, request):
        return client_ip(request)


class AnonRateThrottle(_CountedInOneTrip, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(_CountedInOneTrip, throttling.UserRateThrottle):
    pass
