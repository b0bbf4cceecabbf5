"""Settings shared by every environment. Environment-specific modules import from here."""

import datetime
import os
from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers as cors_default_headers
from csp import constants as csp_constants

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "lms",
    "courses",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.contrib.routable_page",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
    "outbox",
    "axes",
    "network",
    "lti",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.headers.HarbourCSPMiddleware",
    "lms.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Django's session middleware, plus SameSite=None cookies for sessions begun by an LTI
    # launch inside a platform's iframe (lti/middleware.py).
    "lti.middleware.EmbeddableSessionMiddleware",
    "lms.middleware.HarbourLocaleMiddleware",
    "lms.middleware.SearchUnavailableMiddleware",
    "lms.api.middleware.APIMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it answers a locked-out log-in (lms.views.locked_out).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "lms.wsgi.application"


# SQLite, the embedded default, holds concurrent writers (threads of runserver, gunicorn
# workers): WAL lets readers go on beside the one writer, IMMEDIATE takes the write lock when a
# transaction begins, so no transaction fails when it upgrades a read lock half-way, and the
# timeout makes the next writer wait for the lock rather than fail with "database is locked".
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 30,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def database_from_env(default_url):
    """DATABASE_URL wins in every environment, so one checkout can point at any database."""
    config = dj_database_url.parse(os.environ.get("DATABASE_URL", default_url), conn_max_age=60)
    config.setdefault("TEST", {})
    if config["ENGINE"].endswith("sqlite3"):
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return {"default": config}


DATABASES = database_from_env(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English is the source; the other eight are the region's.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("de", "Deutsch"),
    ("da", "Dansk"),
    ("sv", "Svenska"),
    ("fi", "Suomi"),
    ("et", "Eesti"),
    ("lv", "Latviešu"),
    ("lt", "Lietuvių"),
    ("pl", "Polski"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "lms" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = os.environ.get("STATIC_URL", "/static/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Content-Security-Policy (django-csp, lms/headers.py): scripts only from Harbour's own
# files, or inline with the response's nonce; no 'unsafe-inline' for scripts on the site and
# the API. Styles may be inline (the certificate's, Wagtail's). Videos embed from YouTube
# and Vimeo; HARBOUR_CSP_EXTRA_SOURCES adds origins (a CDN for media, comma-separated).
CSP_EXTRA_SOURCES = [
    origin.strip()
    for origin in os.environ.get("HARBOUR_CSP_EXTRA_SOURCES", "").split(",")
    if origin.strip()
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", csp_constants.NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *CSP_EXTRA_SOURCES],
        "media-src": ["'self'", *CSP_EXTRA_SOURCES],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": [
            "'self'",
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# Features no Harbour page uses, turned off for the page and anything it embeds.
PERMISSIONS_POLICY = (
    "accelerometer=(), browsing-topics=(), camera=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), serial=(), usb=()"
)

# Brute force: django-axes counts failed log-ins, on the site, the admin and the API's token
# endpoint, per username and per client address (lms.clients), and refuses both for
# HARBOUR_LOGIN_COOLOFF_MINUTES after HARBOUR_LOGIN_FAILURE_LIMIT failures, with a 429 and
# Retry-After. A successful log-in starts the count anew.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("HARBOUR_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("HARBOUR_LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "lms.clients.client_address"
AXES_LOCKOUT_CALLABLE = "lms.views.locked_out"

# The proxies in front of Harbour, whose X-Forwarded-For is believed (lms/clients.py):
# addresses or networks, comma-separated. Without them the client is REMOTE_ADDR.
HARBOUR_TRUSTED_PROXIES = [
    proxy.strip()
    for proxy in os.environ.get("HARBOUR_TRUSTED_PROXIES", "").split(",")
    if proxy.strip()
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Wagtail
WAGTAIL_SITE_NAME = "Harbour"
# Nothing in the admin loads from elsewhere (the Content-Security-Policy allows none of it):
# no Gravatar avatars, no check for a newer Wagtail.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# wagtail-localize's machine translators: {choice: (class, {option: (variable, required)})}.
# The options are those each class reads in wagtail_localize/machine_translators/.
MACHINE_TRANSLATORS = {
    "deepl": (
        "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        {"AUTH_KEY": ("DEEPL_API_KEY", True), "FORMALITY": ("DEEPL_FORMALITY", False)},
    ),
    "google": (
        "wagtail_localize.machine_translators.google.GoogleCloudTranslator",
        {
            "PROJECT_ID": ("GOOGLE_PROJECT_ID", True),
            "LOCATION": ("GOOGLE_TRANSLATE_LOCATION", False),
            "CREDENTIALS_PATH": ("GOOGLE_APPLICATION_CREDENTIALS", False),
        },
    ),
    "libretranslate": (
        "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        {
            "LIBRETRANSLATE_URL": ("LIBRETRANSLATE_URL", True),
            # LibreTranslator always sends a key; a server without keys takes an empty one.
            "API_KEY": ("LIBRETRANSLATE_API_KEY", False),
        },
    ),
    "dummy": ("wagtail_localize.machine_translators.dummy.DummyTranslator", {}),
}


def machine_translator_from_env(environ=None):
    """The WAGTAILLOCALIZE_MACHINE_TRANSLATOR setting chosen by HARBOUR_MACHINE_TRANSLATOR
    (deepl, google, libretranslate or dummy) and that backend's own variables; None, and no
    machine translation in the translation editor, when it is unset."""
    from django.core.exceptions import ImproperlyConfigured

    environ = os.environ if environ is None else environ
    choice = environ.get("HARBOUR_MACHINE_TRANSLATOR", "").strip().lower()
    if not choice:
        return None
    if choice not in MACHINE_TRANSLATORS:
        raise ImproperlyConfigured(
            f"Harbour cannot start: HARBOUR_MACHINE_TRANSLATOR={choice!r} is not one of "
            f"{', '.join(MACHINE_TRANSLATORS)} (or unset, for no machine translation)."
        )
    class_path, variables = MACHINE_TRANSLATORS[choice]
    options, missing = {}, []
    for option, (variable, required) in variables.items():
        value = environ.get(variable, "").strip()
        if value:
            options[option] = value
        elif required:
            missing.append(variable)
    if missing:
        raise ImproperlyConfigured(
            f"Harbour cannot start: HARBOUR_MACHINE_TRANSLATOR={choice} needs "
            f"{', '.join(missing)}; see README.md."
        )
    if choice == "libretranslate":
        options.setdefault("API_KEY", "")
    if choice == "google":
        import importlib.util

        try:
            found = importlib.util.find_spec("google.cloud.translate") is not None
        except ModuleNotFoundError:
            found = False
        if not found:
            raise ImproperlyConfigured(
                "Harbour cannot start: HARBOUR_MACHINE_TRANSLATOR=google needs Google's client "
                "library: pip install google-cloud-translate."
            )
    return {"CLASS": class_path, "OPTIONS": options}


WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_from_env()

# How long the link that confirms a learner's email address works, in hours.
HARBOUR_EMAIL_VERIFICATION_HOURS = int(os.environ.get("HARBOUR_EMAIL_VERIFICATION_HOURS", "72"))

# Headless preview (courses/preview.py): how long a preview token opens a draft, and the
# partner front end that the admin's preview panel offers beside the Harbour page.
HARBOUR_PREVIEW_TOKEN_MAX_AGE = int(os.environ.get("HARBOUR_PREVIEW_TOKEN_MAX_AGE", "600"))
HARBOUR_HEADLESS_PREVIEW_URL = os.environ.get("HARBOUR_HEADLESS_PREVIEW_URL", "").strip()

# Open Badges 3.0: the Ed25519 key that signs certificates' credentials, a PEM file that
# `manage.py create_badge_key` writes. Keep it out of the repository and back it up.
HARBOUR_BADGE_KEY_FILE = Path(
    os.environ.get("HARBOUR_BADGE_KEY_FILE", BASE_DIR / ".keys" / "open-badges-ed25519.pem")
)

# LTI 1.3 tool (lti/): the RSA key that signs Deep Linking responses and AGS token requests,
# a PEM file that `manage.py create_lti_key` writes, kept like the badge key. After
# `--rotate` the old key stays in the JWKS for HARBOUR_LTI_KEY_GRACE_HOURS.
HARBOUR_LTI_KEY_FILE = Path(
    os.environ.get("HARBOUR_LTI_KEY_FILE", BASE_DIR / ".keys" / "lti-rsa.pem")
)
HARBOUR_LTI_KEY_GRACE_HOURS = int(os.environ.get("HARBOUR_LTI_KEY_GRACE_HOURS", "72"))


def search_backends_from_env():
    """The database backend by default (SQLite FTS5, or PostgreSQL full-text search with each
    language's configuration); Elasticsearch when ELASTICSEARCH_URL is set, one backend per
    language analyzer. ELASTICSEARCH_VERSION picks 7, 8, 9 (default), opensearch2 or
    opensearch3. See search/backends.py."""
    from search.backend_settings import database_backend, elasticsearch_backends

    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        return {"default": database_backend()}
    return elasticsearch_backends(
        url,
        version=os.environ.get("ELASTICSEARCH_VERSION", "9"),
        prefix=os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "harbour_"),
        timeout=int(os.environ.get("ELASTICSEARCH_TIMEOUT", "5")),
    )


WAGTAILSEARCH_BACKENDS = search_backends_from_env()


def cache_from_env():
    """Local memory by default; Redis at REDIS_URL, through a backend that serves without a
    cache while Redis is unreachable (lms/cache.py)."""
    url = os.environ.get("REDIS_URL")
    if url:
        return {"default": {"BACKEND": "lms.cache.ResilientRedisCache", "LOCATION": url}}
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


CACHES = cache_from_env()

TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}


def tasks_from_env():
    """Where background work (Wagtail's search and reference index updates, and Harbour's own
    tasks) is queued, chosen by HARBOUR_TASKS_BACKEND:

    - ``database`` (default): a table in the site's database, run by ``manage.py db_worker``;
      needs nothing besides the database, SQLite included.
    - ``rq``: Redis at REDIS_URL, run by ``manage.py rqworker --job-class django_tasks_rq.Job``.
    - ``immediate``: no queue; each task runs inline, in the request that enqueues it.

    Returns the TASKS setting and django-rq's RQ_QUEUES (empty unless rq)."""
    from django.core.exceptions import ImproperlyConfigured

    choice = os.environ.get("HARBOUR_TASKS_BACKEND", "").strip().lower() or "database"
    if choice not in TASK_BACKENDS:
        raise ImproperlyConfigured(
            f"Harbour cannot start: HARBOUR_TASKS_BACKEND={choice!r} is not one of "
            f"{', '.join(TASK_BACKENDS)}."
        )
    queues = {}
    if choice == "rq":
        url = os.environ.get("REDIS_URL", "").strip()
        if not url:
            raise ImproperlyConfigured(
                "Harbour cannot start: HARBOUR_TASKS_BACKEND=rq queues background work in Redis, "
                "but REDIS_URL is not set. Set REDIS_URL (e.g. redis://127.0.0.1:6379/0), or "
                "choose HARBOUR_TASKS_BACKEND=database."
            )
        queues = {"default": {"URL": url}}
    tasks = {"default": {"BACKEND": TASK_BACKENDS[choice], "QUEUES": ["default"]}}
    return tasks, queues


TASKS, RQ_QUEUES = tasks_from_env()

# The outbox (outbox/): events delivered to webhooks and the xAPI LRS by the task queue, with
# an exponential back-off (30 s, 60 s, … at most 6 h) for at most 8 tries; then dead, until
# replayed. Outgoing requests refuse private, loopback and link-local addresses unless
# HARBOUR_OUTBOX_ALLOW_LOOPBACK lets loopback through (development and tests).
HARBOUR_OUTBOX_MAX_ATTEMPTS = int(os.environ.get("HARBOUR_OUTBOX_MAX_ATTEMPTS", "8"))
HARBOUR_OUTBOX_BACKOFF_SECONDS = int(os.environ.get("HARBOUR_OUTBOX_BACKOFF_SECONDS", "30"))
HARBOUR_OUTBOX_BACKOFF_MAX_SECONDS = int(
    os.environ.get("HARBOUR_OUTBOX_BACKOFF_MAX_SECONDS", str(6 * 3600))
)
HARBOUR_OUTBOX_TIMEOUT = int(os.environ.get("HARBOUR_OUTBOX_TIMEOUT", "10"))
HARBOUR_OUTBOX_ALLOW_LOOPBACK = os.environ.get("HARBOUR_OUTBOX_ALLOW_LOOPBACK", "") == "1"
# After a webhook secret is rotated, the previous one keeps signing for this many hours.
HARBOUR_WEBHOOK_ROTATION_HOURS = int(os.environ.get("HARBOUR_WEBHOOK_ROTATION_HOURS", "24"))
# xAPI 1.0.3: statements go to this LRS (its base URL, ending in /xAPI/ or similar) with Basic
# auth; empty sends nothing and queues nothing.
HARBOUR_XAPI_ENDPOINT = os.environ.get("HARBOUR_XAPI_ENDPOINT", "")
HARBOUR_XAPI_USERNAME = os.environ.get("HARBOUR_XAPI_USERNAME", "")
HARBOUR_XAPI_PASSWORD = os.environ.get("HARBOUR_XAPI_PASSWORD", "")

if RQ_QUEUES:
    # django-rq keeps the Redis connections and provides the worker command (rqworker).
    INSTALLED_APPS += ["django_rq"]

# REST API. Harbour's API policy (JSON parsers, authentication, throttling, pagination, the
# error shape) lives on its API base view, lms/api/views.py: Wagtail's admin and
# wagtail-localize's editor run DRF views of their own, which keep DRF's defaults.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Read by Harbour's throttle only (lms/api/throttling.py); None turns a rate off.
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("HARBOUR_THROTTLE_ANON", "60/minute"),
        "api_key": os.environ.get("HARBOUR_THROTTLE_API_KEY", "1200/minute"),
        "user": os.environ.get("HARBOUR_THROTTLE_USER", "600/minute"),
        # Links that confirm a learner's email address, per learner (lms/services/verification.py).
        "verification_email": os.environ.get("HARBOUR_THROTTLE_VERIFICATION_EMAIL", "3/hour"),
    },
    # How many proxies stand in front of Harbour, when HARBOUR_TRUSTED_PROXIES does not name
    # them (lms/clients.py); None: X-Forwarded-For is not read.
    "NUM_PROXIES": int(os.environ["HARBOUR_NUM_PROXIES"])
    if os.environ.get("HARBOUR_NUM_PROXIES", "").strip()
    else None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Harbour API",
    "DESCRIPTION": (
        "Learning modules, lessons, case studies and partners of the cultural and creative "
        "industries of the Baltic Sea Region, in nine languages, and learner progress.\n\n"
        "**Versioning.** Within /api/v1/ changes only add: new endpoints, new optional "
        "parameters, new fields in answers, new error codes. Clients ignore fields they do "
        "not know. Nothing is removed or renamed, no type or meaning changes and no optional "
        "parameter becomes required within v1; such a change comes as /api/v2/, served beside "
        "v1. An operation that is to go is marked deprecated here first, and its answers "
        "carry `Deprecation` (since when), `Sunset` (the date after which it may be gone, at "
        'least six months later) and `Link: <…>; rel="deprecation"` to the notes.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["lms.api.schema.only_public_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "lms.api.schema.document_errors",
    ],
    # lms/api_urls.py's <id:…> is an integer of at most 18 digits.
    # Search hits, previews and the translation status each have a "type", of different
    # choices; the translation status has two fields of one choice of states.
    "ENUM_NAME_OVERRIDES": {
        "TypeEnum": "search.services.types.SEARCH_TYPES",
        "PreviewTypeEnum": "courses.api.serializers.PREVIEW_TYPE_CHOICES",
        "TranslationStateEnum": "courses.translation_status.State",
        "TranslationStatusTypeEnum": "courses.translation_status.Kind",
        "EventKindEnum": "network.models.EventPage.Kind",
        "PartnerKindEnum": "courses.models.Partner.Kind",
    },
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 0, "maximum": 10**18 - 1}},
    # The docs page works offline: Swagger UI is served from our own static files.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOWED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("HARBOUR_CORS_ORIGINS", "").split(",")
    if origin.strip()
]
# What a script on a partner's site may read of an answer (fetch() sees only the safelisted
# headers otherwise) and send: conditional requests, the language, backing off politely.
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Retry-After",
    "Content-Language",
    "Link",
    "RateLimit",
    "RateLimit-Policy",
    "Deprecation",
    "Sunset",
]
CORS_ALLOW_HEADERS = [*cors_default_headers, "if-none-match"]

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Harbour <noreply@harbour.example>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Where content without a translation is served from (lms/i18n.py); also the source language.
HARBOUR_FALLBACK_LOCALE = "en"
