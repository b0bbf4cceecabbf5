from .base import *  # noqa: F401,F403

DEBUG = True
SECRET_KEY = "django-insecure-harbour-development-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
