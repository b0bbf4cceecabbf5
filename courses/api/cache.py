"""A cache of rendered content API responses, dropped whenever content changes.

The content API is read far more often than it is written, and a response depends only on
the URL, the negotiated locale and the published content, never on who asks. So a rendered
200 response is stored under a key made of

- the content generation: a counter in the cache that every publish, unpublish, move,
  delete or save of content increments, so one increment makes every stored response stale
  at once, in every process that shares the cache (Redis in production);
- the host and scheme (responses carry absolute URLs), the path, the query parameters in a
  canonical order, and the locale the request negotiated (``?locale=`` or Accept-Language).

A hit skips the queryset, the serializers and the rendering; it still passes through
authentication, throttling, the check of the query parameters and locale negotiation, so a
bad request is still a 400 and a client still meets its rate limit. The stored ETag comes
back with the body, so APIMiddleware answers If-None-Match without hashing the body again.

Settings: ``HARBOUR_API_CACHE`` (default True) turns it off; ``HARBOUR_API_CACHE_TIMEOUT``
(seconds, default 300) bounds how long a response is kept, which is also how long a process
with a cache of its own (local memory) can serve a response another process has outdated.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import set_response_etag
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "harbour:api:generation"
KEY_PREFIX = "harbour:api:response"
STORED_HEADERS = ("Content-Type", "ETag")


def enabled():
    return getattr(settings, "HARBOUR_API_CACHE", True)


def timeout():
    return getattr(settings, "HARBOUR_API_CACHE_TIMEOUT", 300)


def backend():
    return caches[getattr(settings, "HARBOUR_API_CACHE_ALIAS", "default")]


def generation():
    """The current content generation; starts at 1 in an empty cache."""
    store = backend()
    value = store.get(GENERATION_KEY)
    if value is None:
        store.add(GENERATION_KEY, 1, timeout=None)
        value = store.get(GENERATION_KEY, 1)
    return value


def content_changed(**kwargs):
    """Make every stored response stale: the next request of each is computed anew."""
    store = backend()
    try:
        store.incr(GENERATION_KEY)
    except ValueError:
        # Nothing stored yet (or evicted): any new value differs from the one keys used.
        store.add(GENERATION_KEY, 1, timeout=None)
        store.incr(GENERATION_KEY)


def response_key(request, requested_locale):
    query = sorted((name, value) for name, values in request.GET.lists() for value in values)
    parts = [
        request.scheme,
        request.get_host(),
        request.path,
        repr(query),
        requested_locale.code,
        "explicit" if requested_locale.explicit else "default",
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"{KEY_PREFIX}:{generation()}:{digest}"


class CachedResponseMixin:
    """For content viewsets: serve a stored copy of a GET response when there is one, and
    store each fresh 200 response. Put it before ContentAPIMixin, which negotiates the
    locale in ``initial``."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self._response_key = None
        if request.method != "GET" or not enabled():
            return
        key = response_key(request, self.requested_locale)
        stored = backend().get(key)
        if stored is None:
            self._response_key = key
            return

        # dispatch() looks the handler up after initial(): a hit answers in its place.
        def stored_response(*args, **kwargs):
            self.content_language = stored["language"]
            response = HttpResponse(stored["body"], status=200)
            for name, value in stored["headers"].items():
                response[name] = value
            return response

        setattr(self, request.method.lower(), stored_response)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        key = getattr(self, "_response_key", None)
        if key is not None and response.status_code == 200:
            if hasattr(response, "render"):
                response.render()
            set_response_etag(response)
            backend().set(
                key,
                {
                    "body": response.content,
                    "headers": {
                        name: response[name] for name in STORED_HEADERS if response.has_header(name)
                    },
                    "language": getattr(self, "content_language", None),
                },
                timeout(),
            )
        return response


def _content_saved(sender, instance, **kwargs):
    # Renditions are left out: the API makes them while it answers a GET.
    if isinstance(instance, Page | Locale | AbstractImage) or sender._meta.app_label == "courses":
        content_changed()


def connect_signals():
    """Called from CoursesConfig.ready(), so that commands and the admin invalidate too."""
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"harbour-api-cache-{signal!r}")
    # Snippets, page saves outside the publish flow (imports, generated content, syncs of
    # translations) and their relations.
    post_save.connect(_content_saved, dispatch_uid="harbour-api-cache-save")
    post_delete.connect(_content_saved, dispatch_uid="harbour-api-cache-delete")
    m2m_changed.connect(_content_saved_m2m, dispatch_uid="harbour-api-cache-m2m")


def _content_saved_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        _content_saved(type(instance), instance)
