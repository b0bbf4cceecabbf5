"""Sessions that work inside a platform's iframe.

After a launch Harbour runs as a third party in the platform's frame, where a browser sends
only cookies marked ``SameSite=None; Secure``, and Chromium (like Firefox's and Safari's
tracking protection) keeps a third-party cookie only when it is also ``Partitioned`` (CHIPS):
stored for Harbour-inside-that-platform alone, apart from Harbour's own first-party cookies.
For a session that began with an LTI launch (``EMBED_ORIGINS`` in the session) this
middleware, in place of Django's session middleware, sends the session and CSRF cookies so,
and lets the platform's origins frame the pages (Content-Security-Policy ``frame-ancestors``,
no X-Frame-Options). Every other session keeps ``SameSite=Lax`` and ``frame-ancestors
'self'``. Python 3.11's cookie module knows no ``Partitioned`` attribute, so it rides on the
SameSite value (``SameSite=None; Partitioned``).
"""

from django.conf import settings
from django.contrib.sessions.middleware import SessionMiddleware

EMBED_ORIGINS = "lti_frame_origins"


class EmbeddableSessionMiddleware(SessionMiddleware):
    def process_response(self, request, response):
        response = super().process_response(request, response)
        session = getattr(request, "session", None)
        try:
            origins = session.get(EMBED_ORIGINS) if session is not None else None
        except Exception:  # noqa: BLE001 - a session store that is down embeds nothing
            origins = None
        if not origins:
            return response
        for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME):
            if name in response.cookies:
                response.cookies[name]["samesite"] = "None; Partitioned"
                response.cookies[name]["secure"] = True
        if "X-Frame-Options" in response:
            del response["X-Frame-Options"]
        update = dict(getattr(response, "_csp_update", None) or {})
        update.setdefault("frame-ancestors", list(origins))
        response._csp_update = update
        return response
