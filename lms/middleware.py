"""Django's LocaleMiddleware, except for the addresses outside the language-prefixed site.

LocaleMiddleware answers a 404 on an address without a language prefix with a redirect to
``/<lang>/…`` whenever that address would resolve there, and Wagtail's catch-all route makes
every address resolve. The API, the Wagtail admin and the Django admin (lms/urls.py mounts
them without a prefix) keep their own 404s: a JSON error for the API, Wagtail's admin API's
``{"message": …}``, and the admin's own page.
"""

from django.middleware.locale import LocaleMiddleware

UNPREFIXED = ("/api/", "/admin/", "/django-admin/", "/documents/")


class HarbourLocaleMiddleware(LocaleMiddleware):
    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)
