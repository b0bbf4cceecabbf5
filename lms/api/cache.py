"""A cache of rendered content API responses, dropped whenever content changes.

The content API is read far more often than it is written, and a response depends only on
the URL, the negotiated locale and the published content, never on who asks. So a rendered
200 response is stored under a key made of the host and scheme (responses carry absolute
URLs), the path, the query parameters in a canonical order (sparse ``?fields=`` too) and the
language the
Accept-Language header asks for, together with

- the content generation: a counter in the cache that every publish, unpublish, move,
  delete or save of content increments. A stored response counts only while its generation
  is the current one, so one increment makes every stored response stale at once, in every
  process that shares the cache (Redis in production). The counter and the response come in
  one round trip (get_many).

A hit skips locale negotiation, the queryset, the serializers and the rendering: it costs no
query. It still passes through authentication, permissions and throttling, so a client meets
its rate limit. Only 200 responses are stored, so a stored response means its parameters and
locale were valid; a bad request always reaches the view and gets its 400. The stored ETag
comes back with the body, so APIMiddleware answers If-None-Match without hashing it again.

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
from rest_framework.views import APIView
from wagtail.images.models import AbstractImage
from wagtail.models import Locale, Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from lms.i18n import locale_from_accept_language

from . import sparse

GENERATION_KEY = "harbour:api:generation"
KEY_PREFIX = "harbour:api:response"
STORED_HEADERS = ("Content-Type", "ETag", "Content-Language", "Link")


def enabled():
    return getattr(settings, "HARBOUR_API_CACHE", True)


def timeout():
    return getattr(settings, "HARBOUR_API_CACHE_TIMEOUT", 300)


def backend():
    return caches[getattr(settings, "HARBOUR_API_CACHE_ALIAS", "default")]


def content_changed(**kwargs):
    """Make every stored response stale: the next request of each is computed anew."""
    store = backend()
    try:
        store.incr(GENERATION_KEY)
    except ValueError:
        # Nothing stored yet (or evicted): any new value differs from the one keys used.
        store.add(GENERATION_KEY, 1, timeout=None)
        store.incr(GENERATION_KEY)


def response_key(request):
    """The request as far as the response depends on it. ``?fields=`` counts in a canonical
    order (lms/api/sparse.py): ``title,url`` and ``url,title`` are one response."""
    query = sorted(
        (name, sparse.canonical(value) if name == sparse.PARAMETER else value)
        for name, values in request.GET.lists()
        for value in values
    )
    language = ""
    if "locale" not in request.GET:
        language = locale_from_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE")) or ""
    parts = [request.scheme, request.get_host(), request.path, repr(query), language]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"{KEY_PREFIX}:{digest}"


def lookup(key):
    """``(stored response or None, current generation)``, in one round trip."""
    store = backend()
    found = store.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        store.add(GENERATION_KEY, 1, timeout=None)
        generation = store.get(GENERATION_KEY, 1)
    stored = found.get(key)
    if stored is not None and stored["generation"] != generation:
        stored = None
    return stored, generation


class CachedResponseMixin:
    """For content viewsets: serve a stored copy of a GET response when there is one, and
    store each fresh 200 response. Put it before Harbour's API base view."""

    def initial(self, request, *args, **kwargs):
        self._response_key = None
        if request.method != "GET" or not enabled():
            return super().initial(request, *args, **kwargs)
        key = response_key(request)
        stored, generation = lookup(key)
        if stored is None:
            self._response_key, self._generation = key, generation
            return super().initial(request, *args, **kwargs)
        # Authentication, permissions and throttling as for any request; the checks of the
        # parameters and locale passed when this response was made.
        APIView.initial(self, request, *args, **kwargs)

        # dispatch() looks the handler up after initial(): a hit answers in its place.
        def stored_response(*args, **kwargs):
            response = HttpResponse(stored["body"], status=200)
            for name, value in stored["headers"].items():
                response[name] = value
            return response

        setattr(self, request.method.lower(), stored_response)
        return None

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
                    "generation": self._generation,
                    "body": response.content,
                    "headers": {
                        name: response[name] for name in STORED_HEADERS if response.has_header(name)
                    },
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
