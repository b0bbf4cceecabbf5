"""What every response under /api/ gets, whichever app's view made it (APIMiddleware):

- an ETag on each successful GET, and 304 Not Modified for a matching If-None-Match
  (Django's conditional GET, limited to the API so the web pages keep their own rules);
- JSON, never an HTML page, for any error, including those raised outside DRF's views
  (a CSRF failure, an unhandled exception, an unknown address); a 503 when the database
  cannot be reached;
- one read of the cache for the versions of what the process keeps (``lms.memo.one_read``).
"""

import logging

from django.middleware.http import ConditionalGetMiddleware
from django.utils.translation import gettext as _

from lms import memo

from .exceptions import DATABASE_UNAVAILABLE, json_error, service_unavailable

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
KEPT_ON_304 = ("Content-Language", "RateLimit", "RateLimit-Policy", "Deprecation", "Sunset")


def is_api(request):
    return request.path.startswith(API_PREFIX)


class APIMiddleware(ConditionalGetMiddleware):
    def __call__(self, request):
        if not is_api(request):
            return self.get_response(request)
        with memo.one_read():
            return super().__call__(request)

    def process_exception(self, request, exception):
        if not is_api(request):
            return None
        if isinstance(exception, DATABASE_UNAVAILABLE):
            logger.error("The database is unavailable: %s", exception)
            return service_unavailable(request)
        logger.exception("Unhandled error in %s", request.path, exc_info=exception)
        return json_error(request, 500, _("A server error occurred."), "server_error")

    def process_response(self, request, response):
        if not is_api(request):
            return response
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            response = json_error(request, response.status_code, response.reason_phrase)
        served = response
        response = super().process_response(request, response)
        if response.status_code == 304:
            # Django's Not Modified keeps only the caching headers; a client revalidating a
            # German body still learns it is German, and where it stands with its quota.
            for name in KEPT_ON_304:
                if served.has_header(name):
                    response[name] = served[name]
        return response

    def needs_etag(self, response):
        return response.status_code == 200 and super().needs_etag(response)
