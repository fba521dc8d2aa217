"""The API's one error mapping (REST_FRAMEWORK["EXCEPTION_HANDLER"]): an action's
``ActionError`` becomes ``{code, detail}`` with its status, and DRF's own errors
that carry a single message get the same shape, so clients read one format."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from lms.errors import ActionError


def action_error_body(error: ActionError) -> dict:
    body = {"code": error.code, "detail": str(error.message)}
    if error.params:
        body["params"] = error.params
    return body


def action_error_response(error: ActionError) -> Response:
    return Response(action_error_body(error), status=error.status)


class ErrorSerializer(serializers.Serializer):
    """The body of every 4xx but field validation errors (OpenAPI component "Error")."""

    code = serializers.CharField(help_text="Stable machine-readable code")
    detail = serializers.CharField(help_text="Translated message for people")
    params = serializers.DictField(required=False)


@csrf_exempt  # a JSON 404 for any method, like the API's own views
def api_not_found(request, *args, **kwargs):
    """A URL under /api/v1/ that no endpoint matches."""
    from django.http import JsonResponse

    error = exceptions.NotFound()
    return JsonResponse({"code": "not_found", "detail": str(error.detail)}, status=404)


def exception_handler(exc, context):
    if isinstance(exc, ActionError):
        return action_error_response(exc)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if (
        response is not None
        and isinstance(exc, exceptions.APIException)
        and isinstance(response.data, dict)
        and set(response.data) == {"detail"}
        and not isinstance(exc, exceptions.ValidationError)
    ):
        codes = exc.get_codes()
        response.data = {
            "code": codes if isinstance(codes, str) else "error",
            "detail": response.data["detail"],
        }
    return response
