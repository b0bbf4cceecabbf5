"""A cache of rendered content API responses, each dropped when something it shows changes.

The content API is read far more often than it is written, and a response depends only on
the URL, the negotiated locale and the published content, never on who asks. So a rendered
200 response is stored under a key made of the host and scheme (responses carry absolute
URLs), the path, the query parameters in a canonical order (sparse ``?fields=`` too) and the
language the Accept-Language header asks for, together with the versions of the tags it
depends on:

- ``page:<translation key>``: every page the response read (any locale of it; a page's
  lessons joining or leaving count as a change of the page, so a course detail and its
  lessons' details, which read the course, see a new lesson);
- ``obj:<model>:<translation key or pk>``: every snippet, image (renditions count as their
  image) or other content object it read;
- ``list:<model>``: the models it listed or filtered (a listing: its model and every model
  it reads, such as the snippets it filters by; a detail: the page models of its nested
  lists other than the page tree, which the page tags cover): any change of that model
  bumps it;
- ``all``: ``content_changed()`` (bulk imports, locales, sites, view restrictions, moves, a
  new slug of a page with children, unpublishing a page with children) bumps it, and every
  response depends on it;
- a tag of tables whose writes send no signal (``tag_tables``): a response that reads one
  depends on the tag its writer bumps. The search index is one (search.table.TAG: Harbour's
  search table and Wagtail's index tables, written in bulk, with raw SQL and by the task
  worker): the search API and the lists' ``?search=`` depend on it.

The tags are collected while the response is computed: every model instance created from a
row (``post_init``) adds its tag, every table a query reads (ORM or raw SQL) adds
``list:<model>`` (a listing) or, for a detail, the models outside the page tree, or the tag
given to it (``tag_tables``), and a value kept by ``memo_of`` the listings of its models. A
publish, unpublish, save, delete or move bumps the tags of what changed: the page and its
model's list, and its parent page when it started or stopped being served (a new lesson
changes its course).
A stored response counts while each of its tags still has the version it was stored with;
the versions come in the same round trip as the response (``get_many``; each process
remembers which tags a key has, so a hit is one round trip once it has seen the key). A
version is a random token that is never missing once a response relies on it: an evicted
tag reads as absent, is set anew and so differs from every stored version (safe). A
response computed while any tag was bumped is not stored (``BUMPS_KEY``), and bumps happen
at once and again after the transaction commits, so no reader stores what it read before a
commit under the versions after it.

A hit skips locale negotiation, the queryset, the serializers and the rendering: it costs no
query. It still passes through authentication, permissions and throttling, so a client meets
its rate limit. Only 200 responses are stored, so a stored response means its parameters and
locale were valid; a bad request always reaches the view and gets its 400, and a backend that
is down its 503. Nor is a response stored that read what no bump reaches (``not_stored``: an
Elasticsearch index). The stored ETag comes back with the body, so APIMiddleware answers
If-None-Match without hashing it again.

Settings: ``HARBOUR_API_CACHE`` (default True) turns it off; ``HARBOUR_API_CACHE_TIMEOUT``
(seconds, default 300) bounds how long a response is kept, which is also how long a process
with a cache of its own (local memory) can serve a response another process has outdated;
``HARBOUR_API_CACHE_INVALIDATION = "global"`` makes every change bump ``all`` (one global
generation, as before dependency tracking; bench/cache_hit_rate.py compares the two).
"""

import contextvars
import hashlib
import re

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save, pre_save
from django.http import HttpResponse
from django.utils.cache import set_response_etag
from rest_framework.views import APIView
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.models import Locale, Page, PageViewRestriction, Site, TranslatableMixin
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from lms import memo as process_memo
from lms.i18n import locale_from_accept_language

from . import sparse

KEY_PREFIX = "harbour:api:response"
TAG_PREFIX = "harbour:api:tag:"
BUMPS_KEY = "harbour:api:bumps"
ALL = "all"
STORED_HEADERS = ("Content-Type", "ETag", "Content-Language", "Link")
# Apps whose rows no cached response shows: their writes bump nothing.
UNTRACKED_APPS = {
    "lms",
    "outbox",
    "auth",
    "authtoken",
    "sessions",
    "admin",
    "contenttypes",
    "django_tasks_database",
    "django_tasks_db",
    "harbour_search",
}
# Tables every page query joins, whose changes the page tags already cover.
TREE_TABLES = {"wagtailcore_page", "wagtailcore_locale"}
# Table names after FROM or JOIN, quoted (the ORM) or not (raw SQL such as search.table's).
TABLE = re.compile(r'(?:FROM|JOIN)\s+"?(\w+)"?')
# table → the tag a response that reads it depends on (``tag_tables``).
_table_tags = {}

_collecting = contextvars.ContextVar("harbour_api_cache_tags", default=None)
# The version of ``all`` while a response is computed: what memo() keys its values on.
_epoch = contextvars.ContextVar("harbour_api_cache_epoch", default=None)
# key → the tags its stored response has, as this process last saw them.
_known_tags = {}
KNOWN_TAGS_MAX = 100_000
stats = {"hits": 0, "misses": 0}


def enabled():
    return getattr(settings, "HARBOUR_API_CACHE", True)


def timeout():
    return getattr(settings, "HARBOUR_API_CACHE_TIMEOUT", 300)


def global_only():
    return getattr(settings, "HARBOUR_API_CACHE_INVALIDATION", "tags") == "global"


def backend():
    return caches[getattr(settings, "HARBOUR_API_CACHE_ALIAS", "default")]


# --- Tags ----------------------------------------------------------------------------------


def label(model):
    return model._meta.label_lower


def list_tag(model):
    return f"list:{label(model)}"


def page_tag(translation_key):
    return f"page:{translation_key}"


def page_id_tag(pk):
    """The tag of one page row, whatever its translation group: every save of it bumps it."""
    return f"pageid:{pk}"


def tags_of(instance):
    """The tags of one content object (empty for what no response shows, and for locales,
    sites and view restrictions, whose changes bump ``all``)."""
    if isinstance(instance, Locale | Site | PageViewRestriction):
        return set()
    if isinstance(instance, Page):
        key = instance.__dict__.get("translation_key")
        return {page_tag(key)} if key else {page_id_tag(instance.pk)}
    if isinstance(instance, AbstractRendition):
        image = instance.__dict__.get("image_id")
        return (
            {f"obj:{label(type(instance).image.field.related_model)}:{image}"} if image else set()
        )
    key = instance.__dict__.get("translation_key")
    if key is not None and not isinstance(instance, TranslatableMixin):
        # A record about a page (a translation review): a change of that page.
        return {page_tag(key)}
    return {f"obj:{label(type(instance))}:{key if key is not None else instance.pk}"}


def _tag_key(tag):
    return TAG_PREFIX + tag


def bump(tags):
    """Make every stored response that depends on one of ``tags`` stale, now and again once
    the current transaction commits."""
    tags = {ALL} if global_only() else set(tags)
    if not tags:
        return
    _bump_now(tags)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _bump_now(tags))


def _bump_now(tags):
    store = backend()
    process_memo.renew(store, [_tag_key(tag) for tag in tags])
    try:
        store.incr(BUMPS_KEY)
    except ValueError:
        store.add(BUMPS_KEY, 1, timeout=None)


def content_changed(**kwargs):
    """Make every stored response stale: the next request of each is computed anew."""
    bump({ALL})


def memo(name, compute):
    """``compute()``, kept in this process while ``all`` keeps its version: for what only a
    change that bumps ``all`` changes (locales, sites, view restrictions and the unpublished
    sections, see ``_content_saved``), through ``lms.memo``. Outside a response being
    computed for the cache, it computes every time."""
    epoch = _epoch.get()
    if epoch is None:
        return compute()
    return process_memo.kept(("api", name), epoch, compute)


def memo_of(models, name, compute):
    """``compute()``, kept in this process while ``all`` and the listings of ``models`` keep
    their versions (any save or delete of one of them bumps its listing): for values made of
    those rows alone, such as the names of a locale's subsectors. At most one cache read. A
    response being computed for the cache depends on those listings, whether the value was
    kept or its queries ran."""
    return memo_on({ALL, *(list_tag(model) for model in models)}, ("models", name), compute)


def memo_on(tags, name, compute):
    """``compute()``, kept in this process under ``name`` while every one of ``tags`` keeps its
    version: one cache read, before ``compute()`` runs, so that a change committed after it
    is never kept under the versions read. A response being computed for the cache depends
    on ``tags``, whether the value was kept or computed."""
    tags = set(tags)
    collector = _collecting.get()
    if collector is not None:
        collector.tags |= tags
    found = versions(tags)
    version = None if None in found.values() else tuple(sorted(found.items()))
    return process_memo.kept(name, version, compute)


def kept_locale(request, negotiate):
    """``negotiate(request)`` through memo(), and the site the page URLs are built for set on
    the request as Wagtail would find it: no query while ``all`` keeps its version."""
    query = request.query_params.get("locale")
    header = request.headers.get("Accept-Language")
    requested = memo(("locale", query, header), lambda: negotiate(request))
    if _epoch.get() is not None:
        host = request._request
        host._wagtail_site = memo(("site", host.get_host()), lambda: Site._find_for_request(host))
    return requested


def kept_locale_now(request, negotiate):
    """``kept_locale()`` also outside a response being computed for the cache (a write, or
    any request while ``HARBOUR_API_CACHE`` is off: the tags are bumped all the same): one
    cache read instead of two queries."""
    if _epoch.get() is not None:
        return kept_locale(request, negotiate)
    token = _epoch.set(versions({ALL})[ALL])
    try:
        return kept_locale(request, negotiate)
    finally:
        _epoch.reset(token)


class KeptLocaleMixin:
    """For API views outside the response cache (a learner's progress write): the locale and
    the site from memo(), for one cache read instead of two queries."""

    def negotiate_locale(self, request):
        return kept_locale_now(request, super().negotiate_locale)


def not_stored():
    """The response being computed reads something whose changes no bump reaches (an
    Elasticsearch index: the task worker updates it, and it shows a write only after its
    refresh interval): it is computed again for every request."""
    collector = _collecting.get()
    if collector is not None:
        collector.storable = False


def not_stored_unless_bumped(backend):
    """``not_stored()`` unless ``backend``'s index writes bump the response cache (Harbour's
    database backends: ``bumps_response_cache``); for every response that reads an index."""
    if not getattr(backend, "bumps_response_cache", False):
        not_stored()


def tag_tables(tag, tables):
    """A response that reads any of ``tables`` depends on ``tag``, whatever app they belong to
    (untracked ones too): for tables written in bulk or with raw SQL, whose writer calls
    ``bump({tag})`` after each change."""
    for table in tables:
        _table_tags[table] = tag


# --- Collecting what a response shows ------------------------------------------------------


class Collector:
    def __init__(self, is_list, model, tree_models):
        self.tags = {ALL}
        self.tables = set()
        self.storable = True
        self.is_list = is_list
        self.model = model
        self.tree_models = tree_models

    def __call__(self, execute, sql, params, many, context):
        self.tables.update(TABLE.findall(sql))
        return execute(sql, params, many, context)

    def all_tags(self):
        skip = set(TREE_TABLES)
        if not self.is_list:
            skip |= {model._meta.db_table for model in self.tree_models}
        by_table = _models_by_table()
        tags = set(self.tags)
        if self.is_list and self.model is not None:
            tags.add(list_tag(self.model))
        for table in self.tables - skip:
            if table in _table_tags:
                tags.add(_table_tags[table])
                continue
            model = by_table.get(table)
            if model is None or model._meta.app_label in UNTRACKED_APPS:
                continue
            # A listing changes with any row of what it filters by; a detail shows a snippet
            # only through a relation of its page (the page's tag) and the snippet's own tag,
            # and lists other pages only (related case studies, courses).
            if self.is_list or issubclass(model, Page):
                tags.add(list_tag(model))
        return tags


_tables = {}


def _models_by_table():
    if not _tables:
        _tables.update({model._meta.db_table: model for model in apps.get_models()})
    return _tables


def _instance_loaded(sender, instance, **kwargs):
    collector = _collecting.get()
    if collector is not None and sender._meta.app_label not in UNTRACKED_APPS:
        collector.tags |= tags_of(instance)


# --- Storing and looking up ----------------------------------------------------------------


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
    """``(stored response, None)``, or ``(None, (bump count, version of all))`` for a miss: one
    round trip when this process knows the key's tags, else two."""
    store = backend()
    tag_keys = [_tag_key(tag) for tag in _known_tags.get(key, ())]
    found = store.get_many([key, BUMPS_KEY, _tag_key(ALL), *tag_keys])
    process_memo.saw(store, {k: found[k] for k in (_tag_key(ALL), *tag_keys) if k in found})
    bumps = found.get(BUMPS_KEY, 0)
    stored = found.get(key)
    if stored is None:
        epoch = found.get(_tag_key(ALL)) or versions({ALL})[ALL]
        return None, (bumps, epoch)
    missing = [_tag_key(tag) for tag in stored["tags"] if _tag_key(tag) not in found]
    if missing:
        found.update(store.get_many(missing))
        _remember(key, stored["tags"])
    for tag, version in stored["tags"].items():
        if found.get(_tag_key(tag)) != version:
            return None, (bumps, found.get(_tag_key(ALL)) or versions({ALL})[ALL])
    return stored, None


def _remember(key, tags):
    if len(_known_tags) >= KNOWN_TAGS_MAX:
        _known_tags.clear()
    _known_tags[key] = tuple(tags)


def expect(tags):
    """This request will soon ask for the versions of ``tags``: they come with its next cache
    read of versions (``lms.memo.expect``)."""
    process_memo.expect(backend(), [_tag_key(tag) for tag in tags])


def versions(tags):
    """The version of each tag, giving a version to those that have none: inside an API
    request the one it read first (``lms.memo.one_read``), else the current one."""
    keys = {tag: _tag_key(tag) for tag in tags}
    found = process_memo.versions(backend(), list(keys.values()))
    return {tag: found[key] for tag, key in keys.items()}


class CachedResponseMixin:
    """For content viewsets: serve a stored copy of a GET response when there is one, and
    store each fresh 200 response with the tags of what it shows. Put it before Harbour's
    API base view. ``cache_tree_models``: the models whose rows a detail reaches through the
    page tree (the page tags cover them)."""

    cache_tree_models = ()

    def initial(self, request, *args, **kwargs):
        self._response_key = None
        if request.method != "GET" or not enabled():
            return super().initial(request, *args, **kwargs)
        key = response_key(request)
        stored, state = lookup(key)
        if stored is None:
            stats["misses"] += 1
            self._response_key, (self._bumps, epoch) = key, state
            self._epoch_token = _epoch.set(epoch)
            model = getattr(self, "model", None)
            is_list = getattr(self, "action", None) == "list" or model is None
            tree = {model, *self.cache_tree_models} - {None}
            self._collector = Collector(is_list, model, tree)
            self._collector_token = _collecting.set(self._collector)
            self._wrapper = connection.execute_wrapper(self._collector)
            self._wrapper.__enter__()
            return super().initial(request, *args, **kwargs)
        stats["hits"] += 1
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

    def negotiate_locale(self, request):
        return kept_locale_now(request, super().negotiate_locale)

    def finalize_response(self, request, response, *args, **kwargs):
        key = getattr(self, "_response_key", None)
        if key is None:
            return super().finalize_response(request, response, *args, **kwargs)
        self._response_key = None
        try:
            response = super().finalize_response(request, response, *args, **kwargs)
            if response.status_code == 200 and hasattr(response, "render"):
                response.render()
        finally:
            # Whatever happens, the query wrapper leaves the connection and the collection
            # ends, so that no later request on this thread is counted into this one.
            self._wrapper.__exit__(None, None, None)
            _collecting.reset(self._collector_token)
            _epoch.reset(self._epoch_token)
        if response.status_code != 200:
            return response
        set_response_etag(response)
        if not self._collector.storable:
            # It read what no bump reaches (``not_stored``).
            return response
        tags = self._collector.all_tags()
        current = versions(tags)
        if None in current.values():
            # The cache was away while the response was computed: a missing version would
            # match a version evicted later.
            return response
        if backend().get(BUMPS_KEY, 0) != self._bumps:
            # Something changed while this response was computed: it may show the old.
            return response
        backend().set(
            key,
            {
                "tags": current,
                "body": response.content,
                "headers": {
                    name: response[name] for name in STORED_HEADERS if response.has_header(name)
                },
            },
            timeout(),
        )
        _remember(key, current)
        return response


# --- What a change bumps -------------------------------------------------------------------


def _parent_tags(page):
    if page.depth <= 1:
        return set()
    parent = Page.objects.filter(path=page.path[: -page.steplen]).values_list(
        "translation_key", flat=True
    )
    return {page_tag(key) for key in parent}


def _parent_live(page):
    if page.depth <= 1:
        return True
    return Page.objects.filter(path=page.path[: -page.steplen], live=True).exists()


def page_changed(page, joined_or_left=False):
    """A page's content changed; ``joined_or_left``: it started or stopped being served, or
    is new or gone, which changes its parent's lessons (or other children) too."""
    tags = tags_of(page) | {list_tag(type(page)), page_id_tag(page.pk)}
    if joined_or_left:
        tags |= _parent_tags(page)
    bump(tags)


def _slug_changed(sender, instance, **kwargs):
    if instance.numchild:
        content_changed()
    else:
        page_changed(instance)


def _published(sender, instance, **kwargs):
    page_changed(instance)


def _unpublished(sender, instance, **kwargs):
    if instance.numchild:
        # Its lessons (or any descendants) stop being served with it.
        content_changed()
    else:
        page_changed(instance, joined_or_left=True)


def _page_saving(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.pk and "live" in instance.__dict__:
        before = Page.objects.filter(pk=instance.pk).values_list("live", flat=True).first()
        instance._api_cache_was_live = before


def _content_saved(sender, instance, created=False, **kwargs):
    # Renditions are left out: the API makes them while it answers a GET.
    if isinstance(instance, AbstractRendition) or sender._meta.app_label in UNTRACKED_APPS:
        return
    if isinstance(instance, Locale | Site | PageViewRestriction):
        content_changed()
    elif isinstance(instance, Page):
        was_live = getattr(instance, "_api_cache_was_live", None)
        if (instance.numchild and was_live != instance.live) or (
            created and not _parent_live(instance)
        ):
            # The unpublished sections (courses.querysets.hidden_q, kept by memo()) change.
            content_changed()
        page_changed(instance, joined_or_left=created or was_live != instance.live)
    elif isinstance(instance, AbstractImage) or sender._meta.app_label in {
        "courses",
        "network",
        "wagtailimages",
        "wagtaildocs",
        "wagtail_localize",
        "taggit",
    }:
        bump(tags_of(instance) | {list_tag(sender)})


def _content_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        if not instance.live:
            # An unpublished section's path may be given to a new page: the unpublished
            # sections (courses.querysets.hidden_q, kept by memo()) change.
            content_changed()
        page_changed(instance, joined_or_left=True)
    else:
        _content_saved(sender, instance)


def _content_saved_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        _content_saved(type(instance), instance)


def connect_signals():
    """Called from CoursesConfig.ready(), so that commands and the admin invalidate too."""
    page_published.connect(_published, dispatch_uid="harbour-api-cache-published")
    page_unpublished.connect(_unpublished, dispatch_uid="harbour-api-cache-unpublished")
    # A move changes the URLs of every page below: rare enough to drop everything. So does a
    # new slug of a page with children (a leaf's own tag covers its own URL).
    post_page_move.connect(content_changed, dispatch_uid="harbour-api-cache-move")
    page_slug_changed.connect(_slug_changed, dispatch_uid="harbour-api-cache-slug")
    # Snippets, page saves outside the publish flow (imports, generated content, syncs of
    # translations) and their relations.
    pre_save.connect(_page_saving, dispatch_uid="harbour-api-cache-saving")
    post_save.connect(_content_saved, dispatch_uid="harbour-api-cache-save")
    post_delete.connect(_content_deleted, dispatch_uid="harbour-api-cache-delete")
    m2m_changed.connect(_content_saved_m2m, dispatch_uid="harbour-api-cache-m2m")
    post_init.connect(_instance_loaded, dispatch_uid="harbour-api-cache-loaded")
