"""Django's LocaleMiddleware, except for the addresses outside the language-prefixed site;
and the web pages' answer when the search backend is down.

LocaleMiddleware answers a 404 on an address without a language prefix with a redirect to
``/<lang>/…`` whenever that address would resolve there, and Wagtail's catch-all route makes
every address resolve. The API, the Wagtail admin and the Django admin (lms/urls.py mounts
them without a prefix) keep their own 404s: a JSON error for the API, Wagtail's admin API's
``{"message": …}``, and the admin's own page.
"""

from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render

from lms.api.exceptions import SearchUnavailable, json_error

UNPREFIXED = ("/api/", "/admin/", "/django-admin/", "/documents/")


class HarbourLocaleMiddleware(LocaleMiddleware):
    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)


class SearchUnavailableMiddleware:
    """A page that needs the search backend (the search page, a list's ``?search=``) while it
    is down answers 503 with a readable message in the page's language, not a 500. The API's
    views answer it themselves in the one error shape; anything else under /api/ gets that
    shape too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, SearchUnavailable):
            return None
        if request.path_info.startswith("/api/"):
            return json_error(
                request, exception.status_code, exception.detail, "search_unavailable"
            )
        return render(request, "search/unavailable.html", status=exception.status_code)
