"""Search backends and their settings.

Wagtail's database backend picks SQLite FTS5 or PostgreSQL full-text search from the
connection. Its PostgreSQL backend takes one ``SEARCH_CONFIG`` for the whole index, and every
backend shares the one ``IndexEntry`` table, so several backends cannot hold one language each.
``search.backends`` therefore keeps Wagtail's backend and only chooses the text search
configuration per object (from its locale) when indexing, and per query (from the locale
searched) through ``for_language``. On SQLite it ranks all matches with one FTS5 query rather
than Wagtail's one-per-row subquery (see ``RankedSQLiteSearchResults``); on MySQL it is
Wagtail's backend unchanged.

Elasticsearch is configured the other way round, through stock backends only: one backend per
language, each with its own index prefix and that language's analyzer as the index default
(see ``elasticsearch_backends``). Every backend indexes all content; a query goes to the
backend of its language and filters on the locale.
"""

import copy
import operator
from collections import defaultdict
from functools import cache, reduce

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
        PostgresSearchQueryCompiler,
    )
    from wagtail.models import Locale

    class LocalisedPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
        def get_config(self, backend):
            return backend.query_config

        def build_tsquery(self, query, config=None):
            # A query for no language in particular (the admin's search, for example) asks
            # every configuration, so each language's stemmed words can match.
            if isinstance(config, tuple):
                queries = [
                    super(LocalisedPostgresSearchQueryCompiler, self).build_tsquery(
                        query, config=one
                    )
                    for one in config
                ]
                queries = [one for one in queries if one is not None]
                return reduce(operator.or_, queries) if queries else None
            return super().build_tsquery(query, config=config)

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
        query_compiler_class = LocalisedPostgresSearchQueryCompiler

        def __init__(self, params):
            params = dict(params)
            self.language_configs = params.pop("LANGUAGE_CONFIGS", {})
            super().__init__(params)
            self.query_config = tuple(sorted(set(self.language_configs.values()))) or self.config

        def config_for_language(self, language_code):
            return self.language_configs.get(language_code, self.config)

        def with_config(self, config):
            clone = copy.copy(self)
            clone.config = clone.query_config = config
            return clone

        def for_language(self, language_code):
            return self.with_config(self.config_for_language(language_code))

    return LocalisedPostgresSearchBackend


@cache
def _sqlite_backend_class():
    from django.db.models import TextField
    from django.db.models.functions import Cast
    from modelsearch.backends.database.sqlite.query import (
        MatchExpression,
        SQLiteFTSIndexEntry,
        normalize,
    )
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteSearchBackend,
        SQLiteSearchResults,
    )
    from modelsearch.query import MatchAll, Not
    from modelsearch.utils import get_descendants_content_types_pks

    def ranked_ids(compiler, config):
        """[(pk, score)] of every object of the compiler's queryset that matches, best first;
        None where Wagtail's own path is needed (negated or match-all queries, no ranking)."""
        cached = getattr(compiler, "_harbour_ranked", None)
        if cached is not None:
            return cached
        query = normalize(compiler.query)
        if isinstance(query, (MatchAll, Not)) or not compiler.order_by_relevance:
            return None
        match = MatchExpression(
            compiler.fields or compiler.FTS_TABLE_FIELDS,
            compiler.build_search_query(query, config=config),
        )
        rank = compiler._build_rank_expression(compiler.get_search_vectors(), config)
        model = compiler.queryset.model
        # The queryset's own filters (locale, live, public …) as a subquery the database runs
        # once; index entries key objects by their primary key as text.
        keys = compiler.queryset.order_by().annotate(_key=Cast("pk", TextField())).values("_key")
        rows = (
            SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type__in=get_descendants_content_types_pks(model))
            .filter(index_entry__object_id__in=keys)
            .annotate(score=rank)
            .order_by("score")
            .values_list("index_entry__object_id", "score")
        )
        to_pk = model._meta.pk.to_python
        compiler._harbour_ranked = [(to_pk(object_id), score) for object_id, score in rows]
        return compiler._harbour_ranked

    class RankedSQLiteSearchResults(SQLiteSearchResults):
        # Wagtail's SQLite backend ranks with a correlated subquery that runs the FTS5 match
        # once per matching row: 40 s for 2,000 matches among 10,000 lessons. One FTS5 query
        # for all scores, then the page's objects by primary key, gives the same order.
        def _ranked(self):
            return ranked_ids(self.query_compiler, self.query_compiler.get_config(self.backend))

        def _do_search(self):
            ranked = self._ranked()
            if ranked is None:
                return super()._do_search()
            page = ranked[self.start : self.stop]
            objects = self.query_compiler.queryset.in_bulk([pk for pk, _score in page])
            results = []
            for pk, score in page:
                obj = objects.get(pk)
                if obj is not None:
                    if self._score_field:
                        setattr(obj, self._score_field, score)
                    results.append(obj)
            return results

        def _do_count(self):
            ranked = self._ranked()
            if ranked is None:
                return super()._do_count()
            return len(ranked[self.start : self.stop])

    class RankedSQLiteSearchBackend(SQLiteSearchBackend):
        results_class = RankedSQLiteSearchResults

    return SQLiteSearchBackend, RankedSQLiteSearchBackend


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up by this name
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    params = {k: v for k, v in params.items() if k not in ("LANGUAGE_CONFIGS", "SEARCH_CONFIG")}
    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite":
        stock, ranked = _sqlite_backend_class()
        if type(backend) is stock:
            return ranked(params)
    return backend
