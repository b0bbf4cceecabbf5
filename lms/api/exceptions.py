"""One error body for every 4xx and 5xx of every Harbour API endpoint::

    {"detail": "A readable message.", "code": "machine_readable"}
    {"detail": "Some values are not valid.", "code": "invalid", "errors": {"page_size": ["…"]}}

``errors`` is there only for field errors. The body is built by ``error_body`` alone: DRF's
exceptions pass through ``exception_handler`` (set on Harbour's API base view, not globally,
so that Wagtail's and wagtail-localize's DRF views keep their own), and errors raised outside
DRF (an unknown address, a CSRF failure, a crash) through ``json_error``.
"""

import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)

# The code of an error DRF or Django raised without one, by status.
STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "request_too_large",
    415: "unsupported_media_type",
    429: "throttled",
    500: "server_error",
    503: "service_unavailable",
}


def error_body(detail, code, errors=None):
    body = {"detail": str(detail), "code": str(code)}
    if errors:
        body["errors"] = errors
    return body


class BadRequest(exceptions.APIException):
    """A 400 with a message and a code of its own, e.g. ``unknown_parameter``."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = gettext_lazy("Bad request.")
    default_code = "bad_request"


class RequestTooLarge(exceptions.APIException):
    """A 413 for a body above DATA_UPLOAD_MAX_MEMORY_SIZE, which Django refuses to read."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"

    def __init__(self):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        super().__init__(
            _("The request body is larger than %(limit)s bytes.") % {"limit": f"{limit:,}"}
        )


class SearchUnavailable(exceptions.APIException):
    """The search backend is down, times out or refuses the query: a 503 in the API, and on
    the web pages a readable page with the same status (lms.middleware). Raised by
    ``search_backend()`` for every use of the backend: search, autocomplete and ``?search=``."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = gettext_lazy("Search is unavailable at the moment. Please try again later.")
    default_code = "search_unavailable"


def _search_backend_errors():
    from django.db import DatabaseError

    errors = [DatabaseError, OSError]
    try:
        from elastic_transport import TransportError
        from elasticsearch import ApiError

        errors += [TransportError, ApiError]
    except ImportError:  # pragma: no cover - elasticsearch is a dependency
        pass
    try:
        from opensearchpy.exceptions import OpenSearchException

        errors.append(OpenSearchException)
    except ImportError:
        pass
    return tuple(errors)


SEARCH_BACKEND_ERRORS = _search_backend_errors()


@contextmanager
def search_backend():
    """Around every call to a search backend: its failures become SearchUnavailable."""
    try:
        yield
    except SEARCH_BACKEND_ERRORS as error:
        logger.warning("The search backend is unavailable: %s", error)
        raise SearchUnavailable() from error


class ServiceUnavailable(exceptions.APIException):
    """A 503: the database cannot be reached (or is locked past its timeout)."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = gettext_lazy(
        "Harbour is temporarily unavailable. Please try again in a moment."
    )
    default_code = "service_unavailable"


# The database's errors that mean "not now" rather than a bug: it is down, unreachable, or
# gone away; SQLite's "database is locked" past the busy timeout.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER = "30"


def service_unavailable(request):
    """The API's 503 in the one error shape, outside DRF's views."""
    response = json_error(request, 503, ServiceUnavailable.default_detail, "service_unavailable")
    response["Retry-After"] = RETRY_AFTER
    return response


class FieldErrors(exceptions.ValidationError):
    """A 400 for invalid values, ``{field: [messages]}``: ``errors`` in the body."""


def _messages(value, prefix=""):
    """DRF's error details (lists, dicts, ErrorDetail) as a flat list of plain strings; a
    nested error (an item of a list, a field of an object) is prefixed with where it is."""
    if isinstance(value, dict):
        return [
            message
            for key, item in value.items()
            for message in _messages(item, f"{prefix}{key}: ")
        ]
    if isinstance(value, list):
        return [message for item in value for message in _messages(item, prefix)]
    return [f"{prefix}{value}"]


def _field_errors(detail):
    """``{field: [messages]}``, the ``errors`` of the body."""
    return {str(name): _messages(messages) for name, messages in detail.items()}


def _first_code(codes):
    while isinstance(codes, dict | list):
        if not codes:
            return None
        codes = next(iter(codes.values())) if isinstance(codes, dict) else codes[0]
    return codes


def body_for(exc):
    """The error body of a DRF APIException."""
    if isinstance(exc, exceptions.ValidationError) and not isinstance(exc, BadRequest):
        detail = exc.detail
        if isinstance(detail, dict):
            errors = _field_errors(detail)
            # A message that belongs to no field is the body's detail.
            general = errors.pop("non_field_errors", None) or errors.pop("detail", None)
            if errors:
                return error_body(
                    " ".join(general) if general else _("Some values are not valid."),
                    "invalid",
                    errors,
                )
            return error_body(" ".join(general or []), _first_code(exc.get_codes()) or "invalid")
        messages = _messages(detail)
        return error_body(" ".join(messages), _first_code(exc.get_codes()) or "invalid")
    code = _first_code(exc.get_codes()) or STATUS_CODES.get(exc.status_code, "error")
    detail = exc.detail
    if isinstance(detail, dict | list):
        detail = " ".join(str(item) for item in _messages(detail))
    if code == "error" and exc.status_code in STATUS_CODES:
        code = STATUS_CODES[exc.status_code]
    return error_body(detail, code)


def exception_handler(exc, context):
    # As DRF does: Django's own 404 and permission errors are the API's.
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, DATABASE_UNAVAILABLE):
        logger.error("The database is unavailable: %s", exc)
        exc = ServiceUnavailable()
    response = drf_exception_handler(exc, context)
    if isinstance(exc, ServiceUnavailable) and response is not None:
        response["Retry-After"] = RETRY_AFTER
    if response is None:
        # Anything DRF does not know is a bug on our side, but the client still gets JSON.
        logger.exception("Unhandled error in the API", exc_info=exc)
        return JsonResponse(
            error_body(_("A server error occurred."), "server_error"),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    response.data = body_for(exc)
    return response


def json_error(request, status_code, detail, code=None):
    """An error answered outside DRF's views, in the same shape."""
    response = JsonResponse(
        error_body(detail, code or STATUS_CODES.get(status_code, "error")), status=status_code
    )
    response["Vary"] = "Accept-Language"
    return response


@csrf_exempt
def not_found(request, *args, **kwargs):
    """The catch-all at the end of /api/: an unknown address gets a JSON 404, and an address
    that only lacks its trailing slash a redirect (CommonMiddleware never sees it as unknown).
    It changes nothing, so a write to an unknown address is a 404 too, not a CSRF failure."""
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
    return json_error(
        request, 404, _("No API endpoint at %(path)s.") % {"path": request.path}, "not_found"
    )
