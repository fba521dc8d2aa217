"""drf-spectacular postprocessing hook: the error responses every operation of
/api/v1/ can really give, with their shape (lms.api_errors), so clients and
schemathesis know them. Operation-specific ones (409 on attempts) are declared
with extend_schema next to the view."""

from __future__ import annotations

ERROR = {"$ref": "#/components/schemas/Error"}
ERROR_SCHEMA = {
    "type": "object",
    "description": "An error: a stable code and a translated message.",
    "properties": {
        "code": {"type": "string", "description": "Stable machine-readable code"},
        "detail": {"type": "string", "description": "Translated message for people"},
        "params": {"type": "object", "additionalProperties": {}},
    },
    "required": ["detail"],
}
VALIDATION_ERRORS_SCHEMA = {
    "type": "object",
    "description": "Field errors ({field: [messages]}) or an Error ({code, detail}).",
    "additionalProperties": {},
}
GENERIC = {
    "401": "Missing or invalid credentials (token or session).",
    "403": "Signed in without the permission this needs.",
    "429": "Too many requests; retry after the Retry-After header's seconds.",
}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def document_error_responses(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    components["ValidationErrors"] = VALIDATION_ERRORS_SCHEMA
    for path, operations in result.get("paths", {}).items():
        for _method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for code, description in GENERIC.items():
                responses.setdefault(code, _json(ERROR, description))
            if "{" in path:
                responses.setdefault("404", _json(ERROR, "Not found, or outside your scope."))
            if operation.get("requestBody") or operation.get("parameters"):
                responses.setdefault(
                    "400", _json({"$ref": "#/components/schemas/ValidationErrors"}, "Bad input.")
                )
    return result
