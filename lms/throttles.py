"""DRF's quota throttles keyed by our client address. DRF's own ``get_ident``
reads X-Forwarded-For by itself (the whole header when NUM_PROXIES is unset), so
a client could pick a fresh identity per request; ``client_ip`` cannot be forged."""

from rest_framework import throttling

from lms.client_ip import client_ip


class AnonRateThrottle(throttling.AnonRateThrottle):
    def get_ident(self, request):
        return client_ip(request)


class UserRateThrottle(throttling.UserRateThrottle):
    def get_ident(self, request):
        return client_ip(request)
