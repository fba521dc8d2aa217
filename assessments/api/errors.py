from rest_framework.response import Response

from assessments.actions.errors import AssessmentError


def error_response(error: AssessmentError) -> Response:
    body = {"code": error.code, "detail": str(error.message)}
    if error.params:
        body["params"] = error.params
    return Response(body, status=error.status)
