from django.urls import re_path

from .consumers import LiveConsumer

websocket_urlpatterns = [
    re_path(r"^ws/live/(?P<session_id>\d+)/(?P<role>play|screen)/$", LiveConsumer.as_asgi()),
]
