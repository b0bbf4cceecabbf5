"""The cache backend for Redis (REDIS_URL): Django's own, except that a Redis that cannot be
reached is a cache that holds nothing, not an error on every page.

What the cache holds can always be made again: the API's response cache (a miss: the answer is
built), the throttles' counts (none: rate limits are off until Redis is back, so clients are
not refused for an outage that is ours; log-in lockouts are counted in the database and hold),
Wagtail's own caches. So while Redis is down a read answers its default, a write does
nothing, and the site and the API keep serving.

The log says so once per process when Redis goes away and once when it is back, not per
request. After a failure Redis is left alone for ``RETRY_AFTER`` seconds, so that a host that
does not answer at all (a timeout, not a refused connection) costs one wait, not one per call.
"""

import copy
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_AFTER = 5.0
# Connect and read timeouts in seconds, unless OPTIONS says otherwise.
SOCKET_TIMEOUT = 1.0

# Each method and what it answers while Redis is away.
DEGRADED = {
    "add": False,
    "get": None,
    "set": None,
    "touch": False,
    "delete": False,
    "get_many": {},
    "has_key": False,
    "incr": None,
    "set_many": [],
    "delete_many": None,
    "clear": False,
}


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        options.setdefault("socket_connect_timeout", SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", SOCKET_TIMEOUT)
        super().__init__(server, {**params, "OPTIONS": options})
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._down = False

    def _call(self, name, default, args, kwargs):
        if name == "get" and len(args) > 1:
            default = args[1]
        elif name == "get" and "default" in kwargs:
            default = kwargs["default"]
        if self._down and time.monotonic() < self._down_until:
            return default
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except UNREACHABLE as error:
            with self._lock:
                if not self._down:
                    logger.error(
                        "Redis at %s is unreachable (%s): Harbour serves without a cache and "
                        "without API rate limits until it answers again.",
                        ", ".join(self._servers),
                        error,
                    )
                self._down = True
                self._down_until = time.monotonic() + RETRY_AFTER
            return default
        if self._down:
            with self._lock:
                if self._down:
                    logger.warning("Redis at %s answers again.", ", ".join(self._servers))
                self._down = False
        return result


def _degrading(name, default):
    def method(self, *args, **kwargs):
        # A fresh copy of a dict or list default: callers may fill in what they get.
        return self._call(name, copy.copy(default), args, kwargs)

    method.__name__ = name
    method.__doc__ = getattr(RedisCache, name).__doc__
    return method


for _name, _default in DEGRADED.items():
    setattr(ResilientRedisCache, _name, _degrading(_name, _default))
