"""Errors from the API are JSON, always: ``{"detail": "…"}`` plus field errors as DRF gives
them, with the right status and never an HTML page."""

import logging

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        # Anything DRF does not know is a bug on our side, but the client still gets JSON.
        logger.exception("Unhandled error in the API", exc_info=exc)
        return JsonResponse(
            {"detail": _("A server error occurred.")},
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    if isinstance(exc, exceptions.ValidationError) and isinstance(response.data, list):
        response.data = {"detail": " ".join(str(item) for item in response.data)}
    return response


def json_error(request, status_code, detail):
    response = JsonResponse({"detail": str(detail)}, status=status_code)
    response["Vary"] = "Accept-Language"
    return response


def not_found(request, *args, **kwargs):
    """The catch-all at the end of /api/: an unknown address gets a JSON 404, and an address
    that only lacks its trailing slash a redirect (CommonMiddleware never sees it as unknown)."""
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{query}" if query else "")
            )
    return json_error(request, 404, _("No API endpoint at %(path)s.") % {"path": request.path})
