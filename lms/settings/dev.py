from .base import *  # noqa: F401,F403

DEBUG = True
SECRET_KEY = "django-insecure-harbour-development-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

# Webhook receivers and an LRS on this machine (127.0.0.1) may be called in development.
HARBOUR_OUTBOX_ALLOW_LOOPBACK = True
