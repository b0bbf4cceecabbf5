"""Search backends and their settings.

Wagtail's database backend picks SQLite FTS5 or PostgreSQL full-text search from the
connection. Harbour keeps it and adds one thing on both: its own analysis (search.analysis),
the same at index time and at query time.

- Indexing: each object's searchable text is analysed in its locale's language (stop words
  out, every word stemmed) before it reaches the FTS5 table or PostgreSQL's tsvector, which is
  built with the ``simple`` configuration: the stems are the words. Objects without a locale
  (images, documents) are indexed as lowercased words.
- Querying: ``for_language("pl", "en")`` gives a backend that analyses a query once per
  language and matches any of the analyses (every word of one of them): a Polish search finds
  Polish text by its Polish stems and English fallback content by its English stems. A backend
  not narrowed so (the admin's search, ``?search=`` filters) asks every language, and the
  unstemmed words.

Why ``simple`` on PostgreSQL rather than its own snowball configurations: PostgreSQL has none
for Estonian, Latvian, Lithuanian or Polish, and one analysis for all nine languages on both
databases means SQLite and PostgreSQL find the same hits (one contract suite checks both);
snowballstemmer runs the same Snowball algorithms, and search.analysis the same stop lists.

Wagtail's indexers have no hook for the text they index, so ``_analysing_indexer`` wraps the
``ObjectIndexer`` of the SQLite and PostgreSQL modules. It changes nothing for a backend that is
not Harbour's. On SQLite the backend also ranks all matches with one FTS5 query rather than
Wagtail's one-per-row subquery (see ``RankedSQLiteSearchResults``); on MySQL it is Wagtail's
backend unchanged.

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
from modelsearch import index
from modelsearch.backends import get_search_backend
from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend
from modelsearch.query import Or, PlainText

from lms.i18n import supported_locale_codes

from . import analysis


def backend_for_language(*language_codes):
    """The search backend that understands the words of ``language_codes`` (the first one's
    backend where each language has its own, as on Elasticsearch)."""
    configured = settings.WAGTAILSEARCH_BACKENDS
    first = language_codes[0] if language_codes else None
    alias = first if first in configured else "default"
    backend = get_search_backend(alias)
    for_language = getattr(backend, "for_language", None)
    return for_language(*language_codes) if for_language else backend


def _analysing_indexer(base):
    class AnalysingObjectIndexer(base):
        """Wagtail's indexer, whose search fields' text is analysed in the language of the
        backend it indexes for (``index_language``); for other backends it is Wagtail's."""

        def __init__(self, obj, backend):
            super().__init__(obj, backend)
            self.analysed = getattr(backend, "harbour_analysis", False)
            self.language = getattr(backend, "index_language", None)

        def prepare_field(self, obj, field):
            # Related fields come back through here for each of their own fields: only the
            # innermost call, on a SearchField, analyses.
            analyse = self.analysed and isinstance(field, index.SearchField)
            for item in super().prepare_field(obj, field):
                if analyse:
                    item = (*item[:-1], analysis.analyse(item[-1], self.language))
                yield item

    return AnalysingObjectIndexer


def _language_grouped_index(base):
    class OneLanguageIndex(base):
        # Wagtail refreshes the title norms (an aggregate over the whole index) after each
        # add_items: once per batch is enough, not once per language in it.
        def _refresh_title_norms(self, full=False):
            pass

    class LanguageGroupedIndex(base):
        # update_index (Harbour's rebuilder) sets this, and rebuilds the search table once at
        # the end instead of group by group.
        defer_table = False

        def add_items(self, model, objs):
            # Each object is analysed in its own locale's language.
            from wagtail.models import Locale

            codes = dict(Locale.objects.values_list("pk", "language_code"))
            groups = defaultdict(list)
            for obj in objs:
                groups[codes.get(getattr(obj, "locale_id", None))].append(obj)
            for code, group in groups.items():
                OneLanguageIndex(self.backend.indexing(code)).add_items(model, group)
            if groups:
                self._refresh_title_norms()
            if not self.defer_table:
                from . import table

                table.refresh_objects(model, objs)

        def delete_item(self, item):
            super().delete_item(item)
            from . import table

            table.refresh_objects(type(item), [item])

    return LanguageGroupedIndex


def _table_rebuilder(base):
    class TableRebuilder(base):
        """Wagtail's rebuilder, then the whole search table (search.table.rebuild)."""

        def start(self):
            index = super().start()
            index.defer_table = True
            return index

        def finish(self):
            from . import table

            if table.supported():
                table.rebuild()
            super().finish()

    return TableRebuilder


class AnalysingBackend:
    """What Harbour adds to a database backend: search.analysis at index and query time."""

    harbour_analysis = True
    # Its index writes bump the response cache's search tag (search.table.TAG, through
    # table.refresh_objects): a response that read this index may be stored. Elasticsearch's
    # may not (lms.api.cache.not_stored).
    bumps_response_cache = True
    index_language = None
    # None: every content language, and the plain words.
    query_languages = None

    def indexing(self, language_code):
        clone = copy.copy(self)
        clone.index_language = language_code
        return clone

    def for_language(self, *language_codes):
        clone = copy.copy(self)
        clone.query_languages = tuple(dict.fromkeys(language_codes)) or None
        return clone

    def analysed_query(self, query, operator):
        """One PlainText per distinct analysis of ``query``, any of which may match."""
        if not isinstance(query, str):
            return query
        languages = self.query_languages or (*supported_locale_codes(), None)
        branches = []
        for language in languages:
            text = analysis.analyse(query, language)
            if text and text not in branches:
                branches.append(text)
        if not branches:
            return ""
        queries = [
            PlainText(text, operator=operator or PlainText.DEFAULT_OPERATOR) for text in branches
        ]
        return queries[0] if len(queries) == 1 else Or(queries)

    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        query = self.analysed_query(query, operator)
        return super().search(
            query,
            model_or_queryset,
            fields=fields,
            operator=operator if isinstance(query, str) else None,
            order_by_relevance=order_by_relevance,
        )


@cache
def _postgres_backend_class():
    from modelsearch.backends.database.postgres import postgres

    postgres.ObjectIndexer = _analysing_indexer(postgres.ObjectIndexer)

    class HarbourPostgresSearchBackend(AnalysingBackend, postgres.PostgresSearchBackend):
        index_class = _language_grouped_index(postgres.PostgresIndex)
        rebuilder_class = _table_rebuilder(postgres.PostgresSearchRebuilder)
        atomic_rebuilder_class = _table_rebuilder(postgres.PostgresSearchAtomicRebuilder)

    return HarbourPostgresSearchBackend


# The columns of Wagtail's FTS5 table, in its order, and how much a match in each weighs.
FTS_COLUMNS = ("autocomplete", "body", "title")
COLUMN_WEIGHTS = {"autocomplete": 1.0, "body": 1.0, "title": 4.0}


@cache
def _sqlite_backend_class():
    from django.db.models import FloatField, Func, TextField
    from django.db.models.functions import Cast
    from modelsearch.backends.database.sqlite import sqlite
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

    sqlite.ObjectIndexer = _analysing_indexer(sqlite.ObjectIndexer)

    class WeightedBM25(Func):
        """FTS5's bm25() with a weight per column (autocomplete, body, title, the table's
        order): a word in the title counts TITLE_WEIGHT times one in the body. Wagtail weighs
        every column alike."""

        output_field = FloatField()

        def __init__(self, columns):
            super().__init__()
            self.weights = [
                COLUMN_WEIGHTS[name] if name in columns else 0.0 for name in FTS_COLUMNS
            ]

        def as_sql(self, compiler, connection, **extra_context):
            weights = ", ".join(str(weight) for weight in self.weights)
            return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []

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
        rank = WeightedBM25(compiler.FTS_TABLE_FIELDS)
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

        def ranked(self):
            """[(pk, score)] of every match, best first, without loading the objects; None
            where Wagtail's own path is needed."""
            return self._ranked()

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

    class RankedSQLiteSearchBackend(AnalysingBackend, SQLiteSearchBackend):
        results_class = RankedSQLiteSearchResults
        index_class = _language_grouped_index(sqlite.SQLiteIndex)
        rebuilder_class = _table_rebuilder(sqlite.SQLiteSearchRebuilder)
        atomic_rebuilder_class = _table_rebuilder(sqlite.SQLiteSearchAtomicRebuilder)

    return SQLiteSearchBackend, RankedSQLiteSearchBackend


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up by this name
    if connection.vendor == "postgresql":
        return _postgres_backend_class()({**params, "SEARCH_CONFIG": "simple"})
    params = {k: v for k, v in params.items() if k != "SEARCH_CONFIG"}
    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite":
        stock, ranked = _sqlite_backend_class()
        if type(backend) is stock:
            return ranked(params)
    return backend
