"""Which locale a search request is for, by the API's shared rule (courses/api/locale.py):
``?locale=`` wins, then Accept-Language, then the fallback locale (English)."""

from rest_framework import exceptions

from courses.api.locale import UnknownLocale, negotiate_locale


def request_locale(request, code=None):
    try:
        requested = negotiate_locale(
            query_value=code, accept_language=request.headers.get("Accept-Language")
        )
    except UnknownLocale as error:
        raise exceptions.ValidationError({"detail": str(error)}) from error
    return requested.code
