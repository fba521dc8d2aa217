"""ASGI entry point. Ordinary pages are served through WSGI (see README): this
process exists for the WebSocket routes, and answers HTTP too so a single
process can serve everything in small installations."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")

django_asgi_app = get_asgi_application()

from lms.warmup import warm_up  # noqa: E402 - needs the settings configured above

warm_up()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from lms.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
