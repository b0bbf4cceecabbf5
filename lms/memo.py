"""Values kept in this process while a version in Django's cache stays the same.

A process keeps what it computed under a name, with the version it was computed for. A
change gives the version a new random token (``bump``), so the next use in every process
that shares the cache (Redis in production) computes again. Reading a version is one cache
read, never a query. A bump happens at once and again once the current transaction commits,
so no process keeps what it read before the commit under the version after it. A version
that is missing (evicted, or a cache cleared) is set anew, and so differs from every kept one.

Nothing is kept longer than ``HARBOUR_API_CACHE_TIMEOUT`` seconds (300), the response
cache's own lifetime: processes that share no cache (local memory with several workers, or the
task worker beside the web server) see each other's changes within that time. While the cache
is away (a version reads as None), nothing is kept: no bump could reach a kept value.

Used by the response cache's memo of locales, sites and unpublished sections
(``lms.api.cache.memo``), by the lessons learners report progress on
(``lms.services.pages.live_lesson``, through ``lms.api.cache.memo_on``) and by the outbox's
active webhook subscriptions (``outbox.events.active_subscriptions``)::

    version = versions(store, [KEY])[KEY]
    value = kept(("name", argument), version, compute)
"""

import time
import uuid

from django.conf import settings
from django.db import connection, transaction

_kept = {}
MAX_KEPT = 1000


def max_age():
    return getattr(settings, "HARBOUR_API_CACHE_TIMEOUT", 300)


def kept(name, version, compute):
    """``compute()``, kept in this process under ``name`` while ``version`` is the same, for
    ``max_age()`` seconds at most; never kept when ``version`` is None."""
    if version is None:
        return compute()
    now = time.monotonic()
    found = _kept.get(name)
    if found is not None and found[0] == version and now - found[2] < max_age():
        return found[1]
    value = compute()
    if len(_kept) >= MAX_KEPT:
        _kept.clear()
    _kept[name] = (version, value, now)
    return value


def _token():
    return uuid.uuid4().hex[:16]


def versions(store, keys):
    """``{key: version}`` for the cache keys, giving a version to those that have none: one
    cache read when all are set."""
    found = store.get_many(list(keys))
    for key in keys:
        if key not in found:
            store.add(key, _token(), timeout=None)
            found[key] = store.get(key)
    return {key: found[key] for key in keys}


def renew(store, keys):
    """Give each key a new version now."""
    store.set_many({key: _token() for key in keys}, timeout=None)


def bump(store, keys):
    """Give each key a new version now, and again once the current transaction commits."""
    keys = list(keys)
    renew(store, keys)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: renew(store, keys))
