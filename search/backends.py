"""Search backends and their settings.

Wagtail's database backend picks SQLite FTS5 or PostgreSQL full-text search from the
connection. Its PostgreSQL backend takes one ``SEARCH_CONFIG`` for the whole index, and every
backend shares the one ``IndexEntry`` table, so several backends cannot hold one language each.
``search.backends`` therefore keeps Wagtail's backend and only chooses the text search
configuration per object (from its locale) when indexing, and per query (from the locale
searched) through ``for_language``. On SQLite and MySQL it is Wagtail's backend unchanged.

Elasticsearch is configured the other way round, through stock backends only: one backend per
language, each with its own index prefix and that language's analyzer as the index default
(see ``elasticsearch_backends``). Every backend indexes all content; a query goes to the
backend of its language and filters on the locale.
"""

import copy
from collections import defaultdict
from functools import cache

from django.conf import settings
from django.db import connection
from modelsearch.backends import get_search_backend
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend


def backend_for_language(language_code):
    """The search backend that understands ``language_code``'s words."""
    configured = settings.WAGTAILSEARCH_BACKENDS
    alias = language_code if language_code in configured else "default"
    backend = get_search_backend(alias)
    for_language = getattr(backend, "for_language", None)
    return for_language(language_code) if for_language else backend


@cache
def _postgres_backend_class():
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
    )
    from wagtail.models import Locale

    class LocalisedPostgresIndex(PostgresIndex):
        def add_items(self, model, objs):
            # A tsvector is only comparable with a tsquery made by the same configuration, so
            # each object is indexed with its own language's configuration.
            codes = dict(Locale.objects.values_list("pk", "language_code"))
            groups = defaultdict(list)
            for obj in objs:
                code = codes.get(getattr(obj, "locale_id", None))
                groups[self.backend.config_for_language(code)].append(obj)
            for config, group in groups.items():
                PostgresIndex(self.backend.with_config(config)).add_items(model, group)

    class LocalisedPostgresSearchBackend(PostgresSearchBackend):
        index_class = LocalisedPostgresIndex

        def __init__(self, params):
            params = dict(params)
            self.language_configs = params.pop("LANGUAGE_CONFIGS", {})
            super().__init__(params)

        def config_for_language(self, language_code):
            return self.language_configs.get(language_code, self.config)

        def with_config(self, config):
            clone = copy.copy(self)
            clone.config = config
            return clone

        def for_language(self, language_code):
            return self.with_config(self.config_for_language(language_code))

    return LocalisedPostgresSearchBackend


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up by this name
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    params = {k: v for k, v in params.items() if k not in ("LANGUAGE_CONFIGS", "SEARCH_CONFIG")}
    return DatabaseSearchBackend(params)
