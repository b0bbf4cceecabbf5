"""``GET /api/v1/``: what the API offers, with the address of each endpoint."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from .links import absolute
from .routes import api_routes
from .views import HarbourAPIView

INDEX_SCHEMA = inline_serializer(
    "APIIndex",
    fields={
        "endpoints": serializers.ListField(
            child=inline_serializer(
                "APIEndpoint",
                fields={
                    "name": serializers.CharField(),
                    "url": serializers.CharField(
                        help_text="Absolute; {placeholders} stand for ids and codes."
                    ),
                    "methods": serializers.ListField(child=serializers.CharField()),
                },
            )
        ),
    },
)


def _methods(route):
    if route.actions:
        return sorted(method.upper() for method in route.actions)
    view_class = route.view_class
    if view_class is None:
        return ["GET"]
    names = getattr(view_class, "http_method_names", [])
    return sorted(
        method.upper()
        for method in names
        if method not in {"head", "options", "trace"} and hasattr(view_class, method)
    )


class APIIndexView(HarbourAPIView):
    """The endpoints of the API: ``GET /api/v1/``."""

    query_parameters = frozenset()

    @extend_schema(responses={200: INDEX_SCHEMA})
    def get(self, request):
        endpoints = [
            {
                "name": route.name,
                # Not build_absolute_uri(template): it would percent-encode the placeholders.
                "url": absolute(request, "/").rstrip("/") + route.template,
                "methods": _methods(route),
            }
            for route in api_routes()
            if route.name != "index"
        ]
        return Response({"endpoints": endpoints})

    def content_languages(self, response):
        return None
