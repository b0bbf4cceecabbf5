"""Search across courses, lessons, case studies and partners, one locale at a time.

The web page, the API and the benchmark call ``search`` and ``autocomplete``. What is indexed,
and how each field weighs, is declared by the models' ``search_fields``; this module only knows
which models are searchable (``SEARCH_TYPES``) and asks Wagtail's search API for the rest, so
the same code runs on SQLite FTS5, PostgreSQL and Elasticsearch.
"""

import html
import math
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models.functions import Length, Substr
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page
from wagtail.search import index

from courses.models import CaseStudyPage, CoursePage, LessonPage, Partner

from .backends import backend_for_language

QUERY_MAX_LENGTH = 200
QUERY_MAX_TERMS = 32
PAGE_SIZE_MAX = 50
# Hits are ranked across types by merging each type's best matches; beyond this many per type
# a query is too vague to page through, and the facet counts cover these hits.
CANDIDATES_PER_TYPE = 200
SNIPPET_LENGTH = 220


class SearchUnavailable(Exception):
    """The search backend is down, times out or refuses the query."""


class SearchInputError(ValueError):
    """A parameter the caller should have validated (unknown type, locale, page size …)."""


@dataclass(frozen=True)
class SearchType:
    name: str
    model: type
    label: str
    api_path: str
    # For objects that are not pages: the URL name of their page on the site, given the slug.
    url_name: str | None = None

    def url_of(self, obj, request=None):
        if isinstance(obj, Page):
            return obj.get_url(request=request)
        if self.url_name is None:
            return None
        try:
            with translation.override(obj.locale.language_code):
                return reverse(self.url_name, kwargs={"slug": obj.slug})
        except NoReverseMatch:
            return None


SEARCH_TYPES = {
    search_type.name: search_type
    for search_type in (
        SearchType("course", CoursePage, _("Course"), "courses"),
        SearchType("lesson", LessonPage, _("Lesson"), "lessons"),
        SearchType("case_study", CaseStudyPage, _("Case study"), "case-studies"),
        SearchType("partner", Partner, _("Partner"), "partners", "courses:partner"),
    )
}

# Facet dimensions: the relation on a model (the first that exists) and the key that is the
# same in every locale (subsector slugs and country codes are synchronised, not translated).
FACET_DIMENSIONS = {
    "subsector": (("subsectors",), "slug", "name"),
    "country": (("countries", "country"), "code", "name"),
}


@dataclass
class Hit:
    type: str
    id: int
    title: str
    summary: str
    url: str | None
    api_url: str
    locale: str
    snippet: SafeString
    score: float


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class SearchResult:
    query: str
    locale: str
    hits: list
    count: int
    page: int
    page_size: int
    facets: dict = field(default_factory=dict)
    # How many of the ``count`` hits can be paged through (CANDIDATES_PER_TYPE per type).
    ranked: int = 0

    @property
    def num_pages(self):
        return math.ceil(self.ranked / self.page_size)

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def has_previous(self):
        return self.page > 1


def _backend_errors():
    errors = [DatabaseError, OSError]
    try:
        from elastic_transport import TransportError
        from elasticsearch import ApiError

        errors += [TransportError, ApiError]
    except ImportError:  # pragma: no cover - elasticsearch is a dependency
        pass
    try:
        from opensearchpy.exceptions import OpenSearchException

        errors.append(OpenSearchException)
    except ImportError:
        pass
    return tuple(errors)


BACKEND_ERRORS = _backend_errors()


def normalise_query(text):
    """The words of ``text``: punctuation, operators' symbols and control characters become
    separators, so no backend ever sees query syntax it could choke on (FTS5 quotes, tsquery
    operators, Lucene's reserved characters)."""
    words = re.findall(r"[^\W_]+", (text or "")[: QUERY_MAX_LENGTH * 2])
    query = " ".join(words[:QUERY_MAX_TERMS])
    return query[:QUERY_MAX_LENGTH].strip()


def get_locale(locale):
    if isinstance(locale, Locale):
        return locale
    codes = [code for code, _name in settings.LANGUAGES]
    if locale not in codes:
        raise SearchInputError(f"Unknown locale {locale!r}; valid: {', '.join(codes)}")
    return Locale.objects.get_or_create(language_code=locale)[0]


def _get_types(types):
    if not types:
        return list(SEARCH_TYPES.values())
    unknown = sorted(set(types) - set(SEARCH_TYPES))
    if unknown:
        raise SearchInputError(f"Unknown type {', '.join(unknown)}")
    return [SEARCH_TYPES[name] for name in SEARCH_TYPES if name in types]


def _has_field(model, name):
    try:
        model._meta.get_field(name)
    except Exception:
        return False
    return True


class _Owner:
    """Where a model's subsectors and countries come from: the model itself, or for a page type
    without them (a lesson) its parent page type (the course)."""

    def __init__(self, model):
        self.model = model
        self.parent = None
        if not _has_field(model, "subsectors") and issubclass(model, Page):
            for parent in model.allowed_parent_page_models():
                if _has_field(parent, "subsectors"):
                    self.parent = parent
                    break

    @cached_property
    def source(self):
        return self.parent or self.model

    def relation(self, dimension):
        names, _key, _label = FACET_DIMENSIONS[dimension]
        for name in names:
            if _has_field(self.source, name):
                return name
        return None

    def matching_ids(self, dimension, value):
        """A subquery of the ids of ``self.model`` objects tagged ``value``."""
        relation = self.relation(dimension)
        if relation is None:
            return self.model.objects.none().values("pk")
        key = FACET_DIMENSIONS[dimension][1]
        owners = self.source._default_manager.filter(**{f"{relation}__{key}": value})
        if self.parent is None:
            return owners.values("pk")
        step = self.model.steplen
        return (
            self.model._default_manager.annotate(
                parent_path=Substr("path", 1, Length("path") - step)
            )
            .filter(parent_path__in=owners.values("path"))
            .values("pk")
        )

    def tags(self, dimension, ids):
        """{object id: set of keys} for ``ids``."""
        relation = self.relation(dimension)
        if relation is None or not ids:
            return {}
        key = FACET_DIMENSIONS[dimension][1]
        owner_of = {pk: pk for pk in ids}
        if self.parent is not None:
            step = self.model.steplen
            paths = dict(self.model._default_manager.filter(pk__in=ids).values_list("pk", "path"))
            by_path = dict(
                self.parent._default_manager.filter(
                    path__in={path[:-step] for path in paths.values()}
                ).values_list("path", "pk")
            )
            owner_of = {pk: by_path.get(path[:-step]) for pk, path in paths.items()}
        field_ = self.source._meta.get_field(relation)
        owners = {owner for owner in owner_of.values() if owner is not None}
        if field_.many_to_many:
            through = field_.remote_field.through
            source_name = field_.m2m_field_name()
            target_name = field_.m2m_reverse_field_name()
            rows = through.objects.filter(**{f"{source_name}__in": owners}).values_list(
                source_name, f"{target_name}__{key}"
            )
        else:
            rows = self.source._default_manager.filter(pk__in=owners).values_list(
                "pk", f"{relation}__{key}"
            )
        keys_of = {}
        for owner, value in rows:
            if value is not None:
                keys_of.setdefault(owner, set()).add(value)
        return {pk: keys_of.get(owner, set()) for pk, owner in owner_of.items()}


def _base_queryset(model, locale):
    """Live, public pages (or all snippets) of one locale."""
    if issubclass(model, Page):
        queryset = model.objects.live().public()
    else:
        queryset = model._default_manager.all()
    return queryset.filter(locale=locale)


def _filtered_queryset(search_type, locale, subsector=None, country=None):
    queryset = _base_queryset(search_type.model, locale)
    owner = _Owner(search_type.model)
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
    found = [(sign * float(obj._search_score or 0.0), obj.pk) for obj in results[:limit]]
    return found, (len(found) if len(found) < limit else results.count())


def _text_of(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(_text_of(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_text_of(item) for item in value.values())
    return str(value)


def _body_text(obj):
    """The object's searchable text other than its title, in the order its search_fields give."""
    title, parts = str(obj), []
    for search_field in obj.get_search_fields():
        if isinstance(search_field, index.SearchField) and search_field.field_name != "title":
            text = _text_of(search_field.get_value(obj))
            if text != title:
                parts.append(text)
    return re.sub(r"\s+", " ", html.unescape(" ".join(parts))).strip()


def _term_pattern(query):
    # Query words as prefixes, shortened a little so that a stemmed match ("Netzwerke" finding
    # "Netzwerk") is marked too.
    stems = {
        word[: max(4, len(word) - 2)] if len(word) > 4 else word for word in query.split() if word
    }
    if not stems:
        return None
    alternatives = "|".join(re.escape(stem) for stem in sorted(stems, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


def highlight(text, query, length=SNIPPET_LENGTH):
    """An HTML-escaped excerpt of ``text`` around the first matched word, matches in <mark>."""
    if not text:
        return mark_safe("")
    pattern = _term_pattern(query)
    first = pattern.search(text) if pattern else None
    start = 0
    if first and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    excerpt = text[start : start + length]
    if start + length < len(text):
        excerpt = excerpt.rsplit(" ", 1)[0] + " …"
    if start:
        excerpt = "… " + excerpt
    if pattern is None:
        return mark_safe(html.escape(excerpt))
    out, position = [], 0
    for match in pattern.finditer(excerpt):
        out.append(html.escape(excerpt[position : match.start()]))
        out.append(f"<mark>{html.escape(match.group())}</mark>")
        position = match.end()
    out.append(html.escape(excerpt[position:]))
    return mark_safe("".join(out))


def _absolute(request, path):
    return request.build_absolute_uri(path) if request is not None else path


def _load(search_type, ids):
    model = search_type.model
    return model._default_manager.filter(pk__in=ids).select_related("locale").in_bulk()


def _make_hit(search_type, obj, score, query, request):
    url = search_type.url_of(obj, request)
    summary = getattr(obj, "summary", "") or getattr(obj, "description", "") or ""
    return Hit(
        type=search_type.name,
        id=obj.pk,
        title=str(obj),
        summary=Truncator(summary).chars(300),
        url=url,
        api_url=_absolute(request, f"/api/v1/{search_type.api_path}/{obj.pk}/"),
        locale=obj.locale.language_code,
        snippet=highlight(_body_text(obj), query),
        score=score,
    )


def _facets(candidates_by_type, counts, search_types, locale):
    facets = {
        "type": [
            FacetValue(t.name, str(t.label), counts.get(t.name, 0))
            for t in search_types
            if counts.get(t.name)
        ]
    }
    for dimension in FACET_DIMENSIONS:
        totals = {}
        for search_type in search_types:
            ids = [pk for _score, pk in candidates_by_type.get(search_type.name, [])]
            for keys in _Owner(search_type.model).tags(dimension, ids).values():
                for value in keys:
                    totals[value] = totals.get(value, 0) + 1
        facets[dimension] = [
            FacetValue(value, label, totals[value])
            for value, label in _labels(dimension, totals, locale)
        ]
        facets[dimension].sort(key=lambda facet: (-facet.count, facet.label))
    return facets


def _labels(dimension, values, locale):
    """(key, name in ``locale`` or else in any locale) for each facet key."""
    model = _facet_model(dimension)
    key = FACET_DIMENSIONS[dimension][1]
    names = {}
    for value, name, locale_id in model._default_manager.filter(
        **{f"{key}__in": list(values)}
    ).values_list(key, "name", "locale_id"):
        if value not in names or locale_id == locale.pk:
            names[value] = name
    return [(value, names.get(value, value)) for value in values]


def _facet_model(dimension):
    from courses.models import Country, Subsector

    return {"subsector": Subsector, "country": Country}[dimension]


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

    Raises SearchUnavailable when the backend cannot answer and SearchInputError for bad
    parameters."""
    locale = get_locale(locale)
    search_types = _get_types(types)
    if page < 1 or not 1 <= page_size <= PAGE_SIZE_MAX:
        raise SearchInputError(f"page must be 1 or more and page_size 1 to {PAGE_SIZE_MAX}")
    query = normalise_query(query)
    result = SearchResult(
        query=query,
        locale=locale.language_code,
        hits=[],
        count=0,
        page=page,
        page_size=page_size,
        facets={"type": [], "subsector": [], "country": []},
    )
    if not query:
        return result

    backend = backend_for_language(locale.language_code)
    candidates_by_type, counts = {}, {}
    try:
        for search_type in search_types:
            queryset = _filtered_queryset(search_type, locale, subsector, country)
            candidates, count = _run(backend, "search", query, queryset, CANDIDATES_PER_TYPE)
            candidates_by_type[search_type.name] = candidates
            counts[search_type.name] = count
    except BACKEND_ERRORS as error:
        raise SearchUnavailable(str(error)) from error

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
    page_items = ranked[(page - 1) * page_size : page * page_size]

    objects = {}
    for search_type in search_types:
        ids = [pk for _score, name, pk in page_items if name == search_type.name]
        if ids:
            objects[search_type.name] = _load(search_type, ids)
    for score, name, pk in page_items:
        obj = objects.get(name, {}).get(pk)
        if obj is not None:
            result.hits.append(_make_hit(SEARCH_TYPES[name], obj, score, query, request))

    result.facets = _facets(candidates_by_type, counts, search_types, locale)
    return result


def autocomplete(query, locale, limit=10, request=None):
    """Titles that start with what has been typed, best first, across the searchable types."""
    locale = get_locale(locale)
    limit = max(1, min(limit, PAGE_SIZE_MAX))
    query = normalise_query(query)
    if not query:
        return []
    backend = backend_for_language(locale.language_code)
    suggestions = []
    try:
        for search_type in SEARCH_TYPES.values():
            queryset = _base_queryset(search_type.model, locale)
            found, _count = _run(backend, "autocomplete", query, queryset, limit)
            for score, pk in found:
                suggestions.append((score, search_type, pk))
    except BACKEND_ERRORS as error:
        raise SearchUnavailable(str(error)) from error
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
                "url": search_type.url_of(obj, request),
                "api_url": _absolute(request, f"/api/v1/{search_type.api_path}/{obj.pk}/"),
            }
        )
    return out


__all__ = [
    "SEARCH_TYPES",
    "SearchInputError",
    "SearchResult",
    "SearchUnavailable",
    "autocomplete",
    "highlight",
    "normalise_query",
    "search",
]
