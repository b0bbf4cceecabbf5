"""How an operation of /api/v1/ is retired (README, "Versioning"): it is marked deprecated in
the schema, and every answer it gives says so, ahead of its removal::

    Deprecation: @1798675200                     (RFC 9745: deprecated since that moment)
    Sunset: Thu, 31 Dec 2027 00:00:00 GMT        (RFC 8594: may be gone after it)
    Link: <https://…/api/v1/docs/>; rel="deprecation"

Mark a view with ``@deprecated(since=…, sunset=…, link=…)`` (dates, a URL or a URL name);
Harbour's API base view sends the headers, on errors and 304s too, and CORS exposes them.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.http import http_date
from drf_spectacular.utils import extend_schema


@dataclass(frozen=True)
class Deprecation:
    since: datetime.date
    sunset: datetime.date | None = None
    # Where the change is explained: a URL, a path, or an ``api:`` URL name.
    link: str | None = None

    def headers(self, request=None):
        headers = {"Deprecation": f"@{timestamp(self.since)}"}
        if self.sunset is not None:
            headers["Sunset"] = http_date(timestamp(self.sunset))
        if self.link:
            headers["Link"] = f'<{self.url(request)}>; rel="deprecation"'
        return headers

    def url(self, request):
        url = self.link
        if ":" in url and not url.startswith(("http:", "https:")):
            try:
                url = reverse(url)
            except NoReverseMatch:
                pass
        if request is not None and url.startswith("/"):
            url = request.build_absolute_uri(url)
        return url

    def describe(self):
        text = f"Deprecated since {self.since.isoformat()}"
        if self.sunset is not None:
            text += f"; it may be removed after {self.sunset.isoformat()}"
        return text + "."


def timestamp(day):
    """Midnight UTC of a date, in seconds since the epoch."""
    if isinstance(day, datetime.datetime):
        return calendar.timegm(day.utctimetuple())
    return calendar.timegm(day.timetuple())


def deprecated(since, sunset=None, link=None):
    """A class decorator for a Harbour API view: its operations are deprecated in the schema
    and answer with Deprecation, Sunset and a Link to the notes."""
    deprecation = Deprecation(since=since, sunset=sunset, link=link)

    def mark(view_class):
        view_class.deprecation = deprecation
        return extend_schema(deprecated=True, description=deprecation.describe())(view_class)

    return mark
