"""URLs of the benchmark stack: the site plus the baseline views it is compared
against. Only lms.settings.bench uses this module; production never routes here."""

from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path
from rest_framework.authentication import TokenAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from lms.urls import urlpatterns as site_urlpatterns


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


@login_required
def minimal_authenticated(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("_bench/minimal", minimal),
    path("_bench/minimal-auth", minimal_authenticated),
    *site_urlpatterns,
]


class MinimalInsertView(APIView):
    """The floor for write endpoints: token authentication and one INSERT."""

    authentication_classes = [TokenAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = []

    def put(self, request):
        LogEntry.objects.create(
            user=request.user, action_flag=ADDITION, object_repr="bench", change_message=""
        )
        return Response({"ok": True})


urlpatterns.insert(0, path("_bench/minimal-insert", MinimalInsertView.as_view()))
