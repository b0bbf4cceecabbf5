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

Inside ``one_read()`` (every API request: lms.api.middleware) a version is read once, and the
versions that the request announced with ``expect()`` come with its first read: a progress
write reads its locale's, its lesson's and the webhook subscriptions' versions in one cache
read instead of three. A request sees its own bumps.
"""

import contextvars
import time
import uuid
from contextlib import contextmanager

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


# Inside one_read(): {store: ({key: version read}, [keys expected])}.
_read = contextvars.ContextVar("harbour_memo_read", default=None)


@contextmanager
def one_read():
    """Within the block, ``versions()`` reads each key from the cache once, together with the
    keys ``expect()`` announced: for one request, which then uses the versions it read first
    (as a request that began a moment earlier would). A bump made inside is seen at once."""
    token = _read.set({})
    try:
        yield
    finally:
        _read.reset(token)


def expect(store, keys):
    """Inside ``one_read()``, fetch ``keys`` with the next read of ``store``'s versions, which
    this request will ask for soon; elsewhere nothing."""
    read = _read.get()
    if read is not None:
        read.setdefault(store, ({}, []))[1].extend(keys)


def saw(store, found):
    """Inside ``one_read()``, the versions ``found`` ({key: version}) that the caller read from
    ``store`` itself count as read; elsewhere nothing."""
    read = _read.get()
    if read is not None:
        known = read.setdefault(store, ({}, []))[0]
        for key, version in found.items():
            if version is not None:
                known.setdefault(key, version)


def versions(store, keys):
    """``{key: version}`` for the cache keys, giving a version to those that have none: one
    cache read when all are set (none inside ``one_read()`` when each was read before). A
    version the cache could not give (None: it is away) is never remembered, so it is asked
    for again."""
    keys = list(keys)
    read = _read.get()
    if read is None:
        return _versions(store, keys)
    known, expected = read.setdefault(store, ({}, []))
    missing = [key for key in dict.fromkeys([*keys, *expected]) if key not in known]
    expected.clear()
    found = {key: known[key] for key in keys if key in known}
    if missing:
        fetched = _versions(store, missing)
        known.update({key: version for key, version in fetched.items() if version is not None})
        found.update({key: fetched[key] for key in keys if key in fetched})
    return {key: found[key] for key in keys}


def _versions(store, keys):
    found = store.get_many(keys)
    for key in keys:
        if key not in found:
            store.add(key, _token(), timeout=None)
            found[key] = store.get(key)
    return {key: found[key] for key in keys}


def renew(store, keys):
    """Give each key a new version now."""
    new = {key: _token() for key in keys}
    store.set_many(new, timeout=None)
    read = _read.get()
    if read is not None and store in read:
        read[store][0].update(new)


def bump(store, keys):
    """Give each key a new version now, and again once the current transaction commits."""
    keys = list(keys)
    renew(store, keys)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: renew(store, keys))
