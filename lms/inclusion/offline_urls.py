from django.urls import path

from . import offline

app_name = "offline"

urlpatterns = [
    path("sw.js", offline.service_worker, name="service_worker"),
    path("offline/", offline.saved, name="saved"),
]
