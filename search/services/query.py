"""Search across courses, lessons, case studies and partners, one locale at a time.

The web page, the API and the benchmark call ``search`` and ``autocomplete``. What is indexed,
and how each field weighs, is declared by the models' ``search_fields``; this package only knows
which models are searchable (``SEARCH_TYPES``) and asks Wagtail's search API for the rest, so
the same code runs on SQLite FTS5, PostgreSQL and Elasticsearch.
"""

from django.db import connection
from django.utils.translation import gettext as _
from wagtail.models import Page

from courses.filters import normalise_query
from courses.querysets import hidden_q
from lms import i18n
from lms.api.cache import memo_of, not_stored_unless_bumped
from lms.api.exceptions import search_backend
from lms.api.links import api_url

from .. import table
from ..backends import backend_for_language
from .facets import Owner, facet_counts, facets_from_totals
from .highlight import body_text, highlight
from .types import (
    FACET_DIMENSIONS,
    HITS_PER_TYPE,
    PAGE_SIZE_MAX,
    SEARCH_TYPES,
    Hit,
    SearchInputError,
    SearchResult,
)


def get_locale(locale):
    """The RequestedLocale to search in, for a content language code (lms.i18n decides which
    are). A language without a Locale row has no content of its own: all is fallback."""
    if isinstance(locale, i18n.RequestedLocale):
        return locale
    code = getattr(locale, "language_code", locale)
    try:
        # Kept in the process: locales change only with a change that bumps ``all``.
        return memo_of([], ("requested-locale", code), lambda: i18n.requested_locale(code))
    except i18n.UnknownLocale as error:
        raise SearchInputError(str(error), "locale") from error


def _get_types(types):
    if not types:
        return list(SEARCH_TYPES.values())
    unknown = sorted(set(types) - set(SEARCH_TYPES))
    if unknown:
        raise SearchInputError(
            _("Unknown type %(unknown)s. Valid types: %(valid)s.")
            % {"unknown": ", ".join(unknown), "valid": ", ".join(SEARCH_TYPES)},
            "type",
        )
    return [SEARCH_TYPES[name] for name in SEARCH_TYPES if name in types]


def _base_queryset(model, requested, hidden=None):
    """What is served in the requested locale, as browsing serves it (lms.i18n): for each
    translation group, its version in that locale, else its fallback locale's. Served pages, or
    all snippets. The backend gets it as ids, a filter every backend understands. ``hidden``:
    courses.querysets.hidden_q(), computed once for all page types."""
    if issubclass(model, Page):
        base = model.objects.served(hidden)
    else:
        base = model._default_manager.all()
    served = i18n.localized_queryset(base, requested).values_list("pk", flat=True)
    return model._default_manager.filter(pk__in=served)


def _filtered_queryset(search_type, requested, subsector=None, country=None, hidden=None):
    queryset = _base_queryset(search_type.model, requested, hidden)
    owner = Owner(search_type.model)
    for dimension, value in (("subsector", subsector), ("country", country)):
        if value:
            queryset = queryset.filter(id__in=owner.matching_ids(dimension, value))
    return queryset


def _score_sign(backend):
    # SQLite FTS5's bm25() is negative and smaller is better; every other backend ranks
    # higher scores first. Merging types needs one direction.
    if connection.vendor != "sqlite":
        return 1.0  # (the SQLite backend's module cannot even be imported on other databases)
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    return -1.0 if isinstance(backend, SQLiteSearchBackend) else 1.0


def _run(backend, method, query, queryset, limit):
    """The best ``limit`` (score, pk) pairs, best first, and the number of all matches."""
    results = getattr(backend, method)(query, queryset.only("pk"), operator="and")
    results = results.annotate_score("_search_score")
    sign = _score_sign(backend)
    ranked = getattr(results, "ranked", None)
    if ranked is not None:
        # Harbour's SQLite backend has every (pk, score) from one query: no objects to load.
        pairs = ranked()
        if pairs is not None:
            found = [(sign * float(score or 0.0), pk) for pk, score in pairs[:limit]]
            return found, len(pairs)
    found = [(sign * float(obj._search_score or 0.0), obj.pk) for obj in results[:limit]]
    return found, (len(found) if len(found) < limit else results.count())


def _load(search_type, ids):
    model = search_type.model
    return model._default_manager.filter(pk__in=ids).select_related("locale").in_bulk()


def _make_hit(search_type, obj, score, query, request, requested, text=None):
    """``text``: the snippet's source as the search table stored it; else the object's."""
    shown = search_type.shown(obj)
    return Hit(
        type=search_type.name,
        id=obj.pk,
        title=shown["title"],
        summary=shown["summary"],
        url=search_type.url_of(obj, request, requested.code),
        api_url=api_url(request, search_type.api_name, pk=obj.pk),
        locale=obj.locale.language_code,
        is_fallback=obj.locale_id != requested.locale_id,
        snippet=highlight(
            body_text(obj) if text is None else text, query, obj.locale.language_code
        ),
        score=score,
    )


def _hit_of_row(search_type, pk, row, score, query, request, requested, url_page):
    """The hit from its search table row (search.table.Row), without loading the object."""
    return Hit(
        type=search_type.name,
        id=pk,
        title=row.title,
        summary=row.summary or "",
        url=search_type.url_of_row(row.url_path, row.slug, request, requested.code, url_page),
        api_url=api_url(request, search_type.api_name, pk=pk),
        locale=row.locale_code,
        is_fallback=row.is_fallback,
        snippet=highlight(row.snippet_text or "", query, row.locale_code),
        score=score,
    )


def search(
    query,
    locale,
    types=None,
    subsector=None,
    country=None,
    page=1,
    page_size=20,
    request=None,
):
    """Ranked hits for ``query`` in one locale, with facet counts and paging.

    Each translation group is found once, as browsing serves it: in ``locale`` where it is
    served there, else in the fallback locale (``is_fallback``). The query is analysed for
    both languages. Counts and facets cover every hit, up to HITS_PER_TYPE of each type.

    Raises SearchUnavailable when the backend cannot answer and SearchInputError for bad
    parameters."""
    requested = get_locale(locale)
    search_types = _get_types(types)
    if page < 1 or not 1 <= page_size <= PAGE_SIZE_MAX:
        raise SearchInputError(
            _("page must be 1 or more and page_size from 1 to %(max)s.") % {"max": PAGE_SIZE_MAX},
            "page_size",
        )
    query = normalise_query(query)
    result = SearchResult(
        query=query,
        locale=requested.code,
        hits=[],
        count=0,
        page=page,
        page_size=page_size,
        facets={"type": [], "subsector": [], "country": []},
    )
    if not query:
        return result

    backend = _backend(requested)
    with search_backend():
        if uses_table(backend):
            _search_table(result, query, requested, search_types, subsector, country, request)
        else:
            page_items = _search_backend(
                result, backend, query, requested, search_types, subsector, country
            )
            _fill_hits(result, page_items, query, request, requested, search_types)
    return result


def _backend(requested):
    """The backend for the requested locale; a cached response may keep what it found only
    where its index writes bump the cache (search.backends, search.table.TAG)."""
    backend = backend_for_language(requested.code, requested.fallback_code)
    not_stored_unless_bumped(backend)
    return backend


def uses_table(backend):
    """Whether a search goes to Harbour's search table (search.table): on the database
    backends Harbour wraps, whose table the migrations made. Elasticsearch keeps Wagtail's."""
    return getattr(backend, "harbour_analysis", False) and table.supported()


def _search_table(result, query, requested, search_types, subsector, country, request):
    """Ranking, paging and facet counts inside the database: two queries (search.table)."""
    filters = [(name, value) for name, value in (("subsector", subsector), ("country", country))]
    filters = [(name, value) for name, value in filters if value]
    found = table.find(
        query,
        requested.code,
        requested.fallback_code,
        [search_type.name for search_type in search_types],
        filters,
        offset=(result.page - 1) * result.page_size,
        limit=result.page_size,
    )
    counts = {
        search_type.name: found.counts.get(("type", search_type.name), 0)
        for search_type in search_types
    }
    result.count = sum(counts.values())
    result.ranked = sum(min(count, HITS_PER_TYPE) for count in counts.values())
    page_items = found.page if (result.page - 1) * result.page_size < result.ranked else []
    _fill_hits(result, page_items, query, request, requested, search_types, found.rows)
    totals = {
        dimension: {key: count for (name, key), count in found.counts.items() if name == dimension}
        for dimension in FACET_DIMENSIONS
    }
    result.facets = facets_from_totals(counts, totals, search_types, requested)


def _search_backend(result, backend, query, requested, search_types, subsector, country):
    """Through Wagtail's search API (Elasticsearch): each type's best HITS_PER_TYPE, merged.
    Returns the page's [(score, type name, pk)]."""
    candidates_by_type, counts = {}, {}
    hidden = hidden_q()
    for search_type in search_types:
        queryset = _filtered_queryset(search_type, requested, subsector, country, hidden)
        candidates, count = _run(backend, "search", query, queryset, HITS_PER_TYPE)
        candidates_by_type[search_type.name] = candidates
        counts[search_type.name] = count

    ranked = sorted(
        (
            (score, name, pk)
            for name, candidates in candidates_by_type.items()
            for score, pk in candidates
        ),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    result.count = sum(counts.values())
    result.ranked = len(ranked)
    result.facets = facet_counts(candidates_by_type, counts, search_types, requested)
    return ranked[(result.page - 1) * result.page_size : result.page * result.page_size]


def _fill_hits(result, page_items, query, request, requested, search_types, rows=None):
    """The hits of ``page_items`` ([(score, type name, pk)]). ``rows``: {(type name, pk):
    search.table.Row} from the search table, which makes a hit without its object; the
    others (no table, or a row from before its hit columns) are loaded, one query per type."""
    rows = rows or {}
    complete = {
        key for key, row in rows.items() if row.title is not None and row.snippet_text is not None
    }
    objects = {}
    for search_type in search_types:
        ids = [
            pk
            for _score, name, pk in page_items
            if name == search_type.name and (name, pk) not in complete
        ]
        if ids:
            objects[search_type.name] = _load(search_type, ids)
    url_page = Page()
    for score, name, pk in page_items:
        search_type = SEARCH_TYPES[name]
        if (name, pk) in complete:
            row = rows[(name, pk)]
            if issubclass(search_type.model, Page) and row.url_path is None:
                continue  # the page is gone; its row waits for the index update to go too
            hit = _hit_of_row(search_type, pk, row, score, query, request, requested, url_page)
            result.hits.append(hit)
            continue
        obj = objects.get(name, {}).get(pk)
        if obj is not None:
            text = getattr(rows.get((name, pk)), "snippet_text", None)
            hit = _make_hit(search_type, obj, score, query, request, requested, text)
            result.hits.append(hit)


def autocomplete(query, locale, limit=10, request=None):
    """Titles that start with what has been typed, best first, across the searchable types,
    among what is served in ``locale`` (its own versions, else the fallback's)."""
    requested = get_locale(locale)
    limit = max(1, min(limit, PAGE_SIZE_MAX))
    query = normalise_query(query)
    if not query:
        return []
    backend = _backend(requested)
    suggestions = []
    hidden = hidden_q()
    with search_backend():
        for search_type in SEARCH_TYPES.values():
            queryset = _base_queryset(search_type.model, requested, hidden)
            found, _count = _run(backend, "autocomplete", query, queryset, limit)
            for score, pk in found:
                suggestions.append((score, search_type, pk))
    suggestions.sort(key=lambda item: (-item[0], item[1].name, item[2]))
    suggestions = suggestions[:limit]

    loaded = {}
    for search_type in SEARCH_TYPES.values():
        ids = [pk for _score, t, pk in suggestions if t is search_type]
        if ids:
            loaded[search_type.name] = _load(search_type, ids)
    out = []
    for _score, search_type, pk in suggestions:
        obj = loaded.get(search_type.name, {}).get(pk)
        if obj is None:
            continue
        out.append(
            {
                "type": search_type.name,
                "id": obj.pk,
                "title": str(obj),
                "url": search_type.url_of(obj, request, requested.code),
                "api_url": api_url(request, search_type.api_name, pk=obj.pk),
                "locale": obj.locale.language_code,
                "is_fallback": obj.locale_id != requested.locale_id,
            }
        )
    return out
