"""Settings for `make bench`: production-like (DEBUG off, gunicorn) on loopback.

Only this module mounts Wagtail's API v2 at /api/v2/ and the floor view at /bench/floor/
(bench/urls.py), so the benchmark can compare the content API with them on one server.
"""

import os

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, INSTALLED_APPS, REST_FRAMEWORK, database_from_env

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "harbour-bench-only-secret-key")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2"]

# Two gunicorn workers write progress at once: base.SQLITE_OPTIONS holds them, as everywhere.
DATABASES = database_from_env(f"sqlite:///{BASE_DIR / 'bench' / 'out' / 'bench.sqlite3'}")

# The load generator is one client on 127.0.0.1: rate limits would turn the measurement
# into a measurement of 429s. Wagtail's API v2 has none either, so the comparison is fair.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": None, "api_key": None, "user": None},
}

# A shared cache, as in production (Redis), when bench/run.py found one; else local memory.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "lms.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "harbour-bench",
        }
    }

# Background work runs inline: bench/run.py starts gunicorn and no worker, and the dataset is
# bulk-inserted and indexed by generate_content, which enqueues nothing. Anything the measured
# requests enqueue (none of the benchmarked ones do today) is then done, not left queued, and
# no worker polls the SQLite file for the write lock the measured progress writes need.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# bench/run.py measures the content API with its response cache and without it.
HARBOUR_API_CACHE = os.environ.get("HARBOUR_API_CACHE", "on").lower() not in {"off", "0", "false"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
