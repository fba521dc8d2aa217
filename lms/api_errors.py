"""The API's one error mapping (REST_FRAMEWORK["EXCEPTION_HANDLER"]): an action's
``ActionError`` becomes ``{code, detail}`` with its status, and DRF's own errors
that carry a single message get the same shape, so clients read one format."""

from __future__ import annotations

from rest_framework import exceptions
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


def exception_handler(exc, context):
    if isinstance(exc, ActionError):
        return action_error_response(exc)
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
