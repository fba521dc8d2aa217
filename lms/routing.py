"""WebSocket routes of every app, collected in one place for lms.asgi."""

from assessments.live.routing import websocket_urlpatterns as live_websockets

websocket_urlpatterns: list = [*live_websockets]
