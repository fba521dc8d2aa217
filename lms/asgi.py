"""ASGI entry point. Ordinary pages are served through WSGI (see README): this
process exists for the WebSocket routes, and answers HTTP too so a single
process can serve everything in small installations."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")
# Read by the settings: no persistent SQLite connections under ASGI (lms/settings/databases.py).
os.environ["HVS_ASGI"] = "1"

django_asgi_app = get_asgi_application()

from lms.warmup import warm_up  # noqa: E402 - needs the settings configured above

warm_up()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from channels.sessions import SessionMiddlewareStack  # noqa: E402
from django.conf import settings  # noqa: E402

from lms.asgi_gate import HttpConcurrencyGate, http_limit  # noqa: E402
from lms.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": HttpConcurrencyGate(django_asgi_app, http_limit(settings)),
        # The session is read lazily: a consumer that needs the signed-in user
        # resolves it (channels.auth.get_user); phones, identified by their own
        # token, never queue for that read when a whole hall connects at once.
        "websocket": AllowedHostsOriginValidator(
            SessionMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
