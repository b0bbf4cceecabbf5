import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, DATABASES

DEBUG = False
SECRET_KEY = "harbour-test-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = BASE_DIR / ".test-media"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Background work runs inline, so a test sees its effect at once. tests/lms/test_tasks.py runs
# the real queue (database and Redis) with a worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Serve static files straight from the apps, as in development: tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Webhook receivers and the LRS of the tests listen on 127.0.0.1.
HARBOUR_OUTBOX_ALLOW_LOOPBACK = True

# The SQLite test database is a file, not memory. With memory, the live server's request
# threads and the test share one connection, and two threads in one transaction at once can
# leave it out of autocommit for every later test. A file gives each thread its own
# connection, as a served site has. One file per test process.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"].setdefault(
        "NAME", str(Path(tempfile.gettempdir()) / f"harbour-test-{os.getpid()}.sqlite3")
    )
