"""Hooks and extensions for the OpenAPI schema. This module is loaded with the preprocessing
hook, before any view is inspected, so the extensions below are registered in time."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes


class BodyOnDeleteSchema(AutoSchema):
    """The schema of a view whose DELETE takes a JSON body (deleting an account takes the
    password): its body is documented as a POST's would be. drf-spectacular documents bodies
    of PUT, PATCH and POST only."""

    def _get_request_body(self, direction="request"):
        if self.method != "DELETE":
            return super()._get_request_body(direction)
        self.method = "POST"
        try:
            return super()._get_request_body(direction)
        finally:
            self.method = "DELETE"


def only_public_api(endpoints, **kwargs):
    """The schema documents /api/v1/ only, not the admin's internal APIs."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


class PerRequestPageIdField(OpenApiSerializerFieldExtension):
    """A page chosen by id from a queryset built per request (so that view restrictions are
    read at request time) has no model for drf-spectacular to inspect: it is an integer."""

    target_class = "lms.serializers.LiveCourseField"

    def map_serializer_field(self, auto_schema, direction):
        return build_basic_type(OpenApiTypes.INT)


# What any operation can answer besides its own responses (DESIGN.md: JSON errors with the
# right status, never an HTML page): unknown or invalid parameters, a wrong token or API key,
# an unknown address or id, a rate limit.
ERROR_RESPONSES = {
    "400": "Bad request: an unknown or invalid parameter, or invalid data.",
    "401": "Not authenticated: a wrong or expired token or API key.",
    "403": "Not allowed.",
    "404": "Not found.",
    "429": "Too many requests: the rate limit was reached; see Retry-After.",
    "503": "Temporarily unavailable: the database cannot be reached; see Retry-After.",
}
ERROR_SCHEMA = {
    "type": "object",
    "description": (
        "Every error of the API, in one shape: a readable message, a machine-readable code "
        "and, for invalid values only, the messages per field."
    ),
    "properties": {
        "detail": {"type": "string", "description": "A readable message."},
        "code": {
            "type": "string",
            "description": "e.g. unknown_parameter, unknown_locale, invalid, not_found, "
            "not_authenticated, authentication_failed, permission_denied, throttled, "
            "service_unavailable.",
        },
        "errors": {
            "type": "object",
            "description": "Messages per field, only for invalid values.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["detail", "code"],
}


# What an operation that takes a body can answer besides (exceptions.RequestTooLarge).
BODY_ERROR_RESPONSES = {
    "413": "Request too large: the body is larger than DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MiB).",
}


def require_values(parameters):
    """Every query parameter takes a value: an empty one is a 400 (lms/api/views.py)."""
    for parameter in parameters:
        schema = parameter.get("schema", {})
        if parameter.get("in") != "query":
            continue
        if schema.get("type") == "string" and "enum" not in schema:
            schema.setdefault("minLength", 1)
        elif schema.get("type") == "array":
            schema.setdefault("minItems", 1)


def document_errors(result, generator, request, public):
    """A post-processing hook: every operation documents the errors it can answer, and that
    its query parameters take a value."""
    result.setdefault("components", {}).setdefault("schemas", {})["APIError"] = ERROR_SCHEMA
    reference = {"$ref": "#/components/schemas/APIError"}
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            require_values(operation.get("parameters", []))
            responses = operation["responses"]
            errors = dict(ERROR_RESPONSES)
            if "requestBody" in operation:
                errors.update(BODY_ERROR_RESPONSES)
            for status, description in errors.items():
                responses.setdefault(status, {"description": description})
            for status, response in responses.items():
                # Errors an operation declares itself (a 503 of search) get the one body too.
                if str(status).startswith(("4", "5")) and not response.get("content"):
                    response["content"] = {"application/json": {"schema": reference}}
    sparse_fields_optional(result)
    public_operations_unlocked(result)
    return result


def public_operations_unlocked(result):
    """An operation anyone may call declares no security, so that the docs page shows a lock
    only where a token or session is needed (the learner's operations). drf-spectacular
    lists every authentication a view accepts plus ``{}`` (none) for AllowAny; an API key
    on a public operation only raises the client's rate (``ApiKeyAuth`` stays defined for
    the docs page's Authorize button)."""
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if isinstance(operation, dict) and {} in operation.get("security", []):
                del operation["security"]


def _component(result, schema):
    """The component a response's schema names, or the items of a page of them."""
    name = schema.get("$ref", "").rsplit("/", 1)[-1]
    component = result["components"]["schemas"].get(name)
    if component is not None and "results" in component.get("properties", {}):
        return _component(result, component["properties"]["results"].get("items", {}))
    return component


def sparse_fields_optional(result):
    """An item of an operation that takes ?fields= (lms/api/sparse.py) may lack any field but
    ``id`` and ``locale``: the schema says so, so that a client generated from it reads a
    sparse answer. (tests/api/test_partner_portal.py checks that a full answer has every
    field.)"""
    from .sparse import ALWAYS, PARAMETER

    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict):
                continue
            names = {p.get("name") for p in operation.get("parameters", []) if "name" in p}
            if PARAMETER not in names:
                continue
            content = operation.get("responses", {}).get("200", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema", {})
            component = _component(result, schema)
            if component is None or "required" not in component:
                continue
            component["required"] = [name for name in component["required"] if name in ALWAYS]
            note = "With ?fields=, only the fields asked for come, and id and locale."
            if note not in component.get("description", ""):
                component["description"] = " ".join(
                    part for part in (component.get("description", ""), note) if part
                )
