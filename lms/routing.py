"""WebSocket routes of every app, collected in one place for lms.asgi."""

websocket_urlpatterns: list = []
