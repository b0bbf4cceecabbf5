"""Hooks and extensions for the OpenAPI schema. This module is loaded with the preprocessing
hook, before any view is inspected, so the extensions below are registered in time."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type
from drf_spectacular.types import OpenApiTypes


def only_public_api(endpoints, **kwargs):
    """The schema documents /api/v1/ only, not the admin's internal APIs."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


class PerRequestPageIdField(OpenApiSerializerFieldExtension):
    """A page chosen by id from a queryset built per request (so that view restrictions are
    read at request time) has no model for drf-spectacular to inspect: it is an integer."""

    target_class = "lms.serializers.LiveCourseField"

    def map_serializer_field(self, auto_schema, direction):
        return build_basic_type(OpenApiTypes.INT)
