"""The search table (search/models.py): how its rows are made, kept current and queried.

Rows are made per translation group: ``refresh(search_type, keys)`` rewrites, for those groups,
the row of every content language (the object served there, else none), in a fixed number of
queries per chunk of groups. Harbour's database backends call it whenever Wagtail indexes or
removes an object (search.backends: page publish, unpublish, edit, delete, a translation, a
partner saved), and for a page that is not searchable itself (a course index, a home page) the
groups under it (``refresh_subtree``), as does a view restriction added or removed; a page
moved has its groups and those below it rewritten (``refresh_moved``, search.apps). ``rebuild``
rewrites the whole table: ``manage.py rebuild_search_table`` and ``update_index`` call it.

A search (``find``) costs two queries whatever the number of hits: the page of hits, ranked in
the database (SQLite FTS5 bm25 with the weights of ``WEIGHTS``, PostgreSQL ts_rank over the
weighted tsvector) with LIMIT/OFFSET, and one GROUP BY over the same match for the counts by
type and every facet.

The response cache (lms/api/cache.py) serves searches again while ``TAG`` keeps its version:
every response that reads the search index depends on it (``tag_tables`` in search.apps: this
table, its FTS5 table and Wagtail's index tables, which the search API, its autocomplete and the
lists' ``?search=`` read), and every change of the index bumps it (``changed``): each write of
rows here (``refresh`` and so ``refresh_subtree``, ``refresh_moved``, ``rebuild``, the fill
after ``migrate``, ``rebuild_search_table``; ``_sync_paths``), and each time Harbour's database
backends index or remove a page or a searchable object (``refresh_objects``, also when no row
changes: Wagtail's own index did, and a page's new slug changes the URLs of the hits below it,
which come from the page table). So a cached search follows the index, whenever the task worker
updates it. The rest a hit or a facet shows is read live and tagged as any listing's: the
owners' subsectors and countries (their tables), the facets' names (``memo_of`` of subsectors
and countries), the locale (``all``); a move, a view restriction or a locale bumps ``all``.
"""

import re
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F, Q
from wagtail.models import Locale, Page
from wagtail.search import index

from courses.querysets import hidden_q
from lms import i18n
from lms.api.cache import bump, list_tag

from . import analysis
from .models import SearchEntry
from .services.types import FACET_DIMENSIONS

FTS_TABLE = "harbour_search_entry_fts"
ENTRY_TABLE = SearchEntry._meta.db_table
# The weight of a match in each column, as FTS5's bm25() takes them (language, title, boosted,
# body); PostgreSQL's ts_rank weighs A (title) 1.0, B 0.4, C 0.2.
WEIGHTS = (0.0, 10.0, 2.0, 1.0)
CHUNK = 500
# What every response that reads the search index depends on (see above).
TAG = list_tag(SearchEntry)


def changed():
    """The search index changed: every cached response that read it is stale."""
    bump({TAG})


def supported():
    """Whether this database has the table's full-text index (search/migrations/0002)."""
    return connection.vendor in ("sqlite", "postgresql")


# --- Making rows -------------------------------------------------------------------------------


def _text_of(value):
    from .services.highlight import _text_of as text_of

    return text_of(value)


def _column(search_field):
    if search_field.field_name == "title":
        return "title_terms"
    return "boosted_terms" if (search_field.boost or 1) >= 2 else "body_terms"


def _texts(obj, fields=None, column=None):
    """{column: [text, …]} of the object's search fields (related objects' into ``column``)."""
    out = {"title_terms": [], "boosted_terms": [], "body_terms": []}
    for search_field in fields if fields is not None else obj.get_search_fields():
        if isinstance(search_field, index.SearchField):
            text = _text_of(search_field.get_value(obj))
            if text:
                out[column or _column(search_field)].append(text)
        elif isinstance(search_field, index.RelatedFields):
            related = search_field.get_value(obj)
            if related is None:
                continue
            if hasattr(related, "all"):
                related = related.all()
            elif callable(related):
                related = [related()]
            else:
                related = [related]
            for sub in related:
                for column_name, texts in _texts(sub, search_field.fields, "body_terms").items():
                    out[column_name].extend(texts)
    return out


def _terms(obj, language):
    return {
        column: analysis.analyse(" ".join(texts), language) for column, texts in _texts(obj).items()
    }


def _marker(language):
    # A language code has letters only (and perhaps a hyphen, dropped): the digit ends it, so
    # no two languages' terms can be the same token.
    return re.sub(r"[^a-z]", "", language.lower()) + "0"


def in_language(terms, language):
    """``terms`` (a list, or analysed text) as the rows of a search in ``language`` store them:
    each marked with that language ("pl0festiwal"). A row's terms are its object's, analysed in
    the object's own language; the mark is the row's search language, so that every language
    has postings of its own in the full-text index and a search in Polish never walks the
    postings of the eight other languages' rows (which hold the same English text where they
    fall back to it)."""
    if isinstance(terms, str):
        terms = terms.split()
    marker = _marker(language)
    return " ".join(marker + term for term in terms)


def _base(model, hidden):
    if issubclass(model, Page):
        return model.objects.served(hidden)
    return model._default_manager.all()


def _served(search_type, language, keys, hidden):
    """[(pk, translation_key, locale_id)] of what a search in ``language`` serves of ``keys``."""
    requested = i18n.requested_locale(language)
    queryset = i18n.localized_queryset(_base(search_type.model, hidden), requested)
    rows = queryset.filter(translation_key__in=keys).values_list(
        "pk", "translation_key", "locale_id"
    )
    return requested, list(rows)


def refresh(search_type, keys):
    """Rewrite the rows of the translation groups ``keys`` of ``search_type``, in every
    language. Returns the number of rows written."""
    from .services.facets import Owner
    from .services.highlight import body_text

    keys = list(dict.fromkeys(keys))
    written = 0
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    hidden = hidden_q() if issubclass(search_type.model, Page) else None
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        served = {}
        for language in i18n.supported_locale_codes():
            requested, rows = _served(search_type, language, chunk, hidden)
            served[language] = (requested, rows)
        pks = {pk for _requested, rows in served.values() for pk, _key, _locale in rows}
        model = search_type.model
        objects = model._default_manager.filter(pk__in=pks).in_bulk() if pks else {}
        terms = {pk: _terms(obj, codes.get(obj.locale_id)) for pk, obj in objects.items()}
        texts = {pk: body_text(obj) for pk, obj in objects.items()}
        owner_of = Owner(model).owners_of(list(objects))
        entries = []
        for language, (requested, rows) in served.items():
            for pk, key, locale_id in rows:
                obj = objects.get(pk)
                if obj is None:
                    continue
                entries.append(
                    SearchEntry(
                        language=language,
                        type=search_type.name,
                        object_id=pk,
                        translation_key=key,
                        locale_code=codes.get(locale_id, ""),
                        is_fallback=locale_id != requested.locale_id,
                        path=getattr(obj, "path", ""),
                        owner_id=owner_of.get(pk),
                        snippet_text=texts[pk],
                        **search_type.shown(obj),
                        **{
                            column: in_language(text, language)
                            for column, text in terms[pk].items()
                        },
                    )
                )
        with transaction.atomic():
            SearchEntry.objects.filter(type=search_type.name, translation_key__in=chunk).delete()
            SearchEntry.objects.bulk_create(entries, batch_size=CHUNK)
        written += len(entries)
    if keys:
        changed()
    return written


def type_of(model):
    """The search type whose model is ``model``, or None."""
    from .services.types import SEARCH_TYPES

    for search_type in SEARCH_TYPES.values():
        if search_type.model is model:
            return search_type
    return None


def refresh_objects(model, objs):
    """After Wagtail (re)indexed or removed ``objs``: their groups' rows, and for pages with
    children the rows below them that depend on them (``refresh_subtree``)."""
    if not supported():
        return
    search_type = type_of(model)
    objs = list(objs)
    if search_type is not None or issubclass(model, Page):
        changed()
    if search_type is not None:
        refresh(search_type, [obj.translation_key for obj in objs])
    if issubclass(model, Page):
        parents = [obj for obj in objs if not obj.is_leaf()]
        refresh_subtree([obj for obj in parents if obj.live], withdrawn=False)
        refresh_subtree([obj for obj in parents if not obj.live], withdrawn=True)


SUBTREE_CHUNK = 100


def _below(pages):
    condition = Q()
    for page in pages:
        condition |= Q(path__startswith=page.path) & ~Q(path=page.path)
    return condition


def refresh_subtree(pages, withdrawn=True):
    """Rewrite the groups below ``pages`` (one page or several) whose rows may be wrong: with
    ``withdrawn`` (the pages were unpublished or made private) every group with a row below
    them; always, the groups of live pages below them that no row serves (a section published
    again). Publishing a section that changed nothing costs one query per page type, not a
    rewrite of everything below; many pages at once (a bulk import) are taken in chunks."""
    from .services.types import SEARCH_TYPES

    if isinstance(pages, Page):
        pages = [pages]
    pages = [page for page in pages if page.path]
    if not supported() or not pages:
        return
    for search_type in SEARCH_TYPES.values():
        model = search_type.model
        if not issubclass(model, Page):
            continue
        entries = SearchEntry.objects.filter(type=search_type.name)
        keys = set()
        for start in range(0, len(pages), SUBTREE_CHUNK):
            below = _below(pages[start : start + SUBTREE_CHUNK])
            keys.update(
                model._default_manager.filter(below, live=True)
                .exclude(pk__in=entries.values("object_id"))
                .values_list("translation_key", flat=True)
            )
            if withdrawn:
                keys.update(entries.filter(below).values_list("translation_key", flat=True))
        if keys:
            refresh(search_type, keys)


def refresh_moved(page, parent_after=None):
    """After ``page`` moved (Wagtail's ``post_page_move``): the rows of the groups of the page
    and every page below it, in every language, are rewritten (their tree paths, a lesson's
    course, whether they are served at all under their new ancestors). A move among siblings
    can also shift the tree paths of the new parent's other children and what lies below them:
    those rows get their pages' paths in one UPDATE."""
    from .services.types import SEARCH_TYPES

    if not supported() or not page.path:
        return
    for search_type in SEARCH_TYPES.values():
        model = search_type.model
        if not issubclass(model, Page):
            continue
        keys = set(
            model._default_manager.filter(path__startswith=page.path).values_list(
                "translation_key", flat=True
            )
        )
        if keys:
            refresh(search_type, keys)
    if parent_after is not None and parent_after.path:
        _sync_paths(parent_after.path)


def _sync_paths(prefix):
    """Give the page rows below the tree path ``prefix`` whose path is stale their page's."""
    names = _page_type_names()
    page_table = Page._meta.db_table
    current = f"(SELECT p.path FROM {page_table} p WHERE p.id = {ENTRY_TABLE}.object_id)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {ENTRY_TABLE} SET path = {current} "
            f"WHERE type IN ({_in(names)}) AND path LIKE %s AND path <> {current}",
            [*names, prefix + "%"],
        )
        if cursor.rowcount:
            changed()


def rebuild(progress=None):
    """Rewrite the whole table. ``progress(search_type, done, total)`` after each chunk.
    Returns {type name: rows written}."""
    from .services.types import SEARCH_TYPES

    written = {}
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        for search_type in SEARCH_TYPES.values():
            keys = sorted(
                set(search_type.model._default_manager.values_list("translation_key", flat=True)),
                key=str,
            )
            written[search_type.name] = 0
            for start in range(0, len(keys), CHUNK):
                written[search_type.name] += refresh(search_type, keys[start : start + CHUNK])
                if progress:
                    progress(search_type, min(start + CHUNK, len(keys)), len(keys))
        changed()
    return written


# --- Querying ----------------------------------------------------------------------------------


@dataclass
class Found:
    # [(score, type, object id)] of the page, best first.
    page: list
    # {(dimension, key): count} over every hit; dimension "type" gives the counts by type.
    counts: dict
    # {(type, object id): Row} of the page's hits: what the search table holds of each.
    rows: dict = None


@dataclass
class Row:
    """What the search table holds of a hit; ``title`` is None in a row written before the
    columns existed (search/migrations/0004), whose hit then reads its object."""

    locale_code: str
    is_fallback: bool
    title: str | None
    summary: str | None
    slug: str | None
    snippet_text: str | None
    # The page's url_path, from the page table; None for other types.
    url_path: str | None


def branches(query, languages):
    """The distinct analyses of ``query`` in ``languages``: any one matches (all its terms)."""
    out = []
    for language in dict.fromkeys(languages):
        terms = tuple(dict.fromkeys(analysis.terms(query, language)))
        if terms and terms not in out:
            out.append(terms)
    return out


_SAFE_TERM = re.compile(r"^[^\W_]+$")


def _fts_match(language, query_branches):
    def phrase(term):
        # Terms are search.analysis words (letters and digits): quoting is enough.
        assert _SAFE_TERM.match(term), term
        return f'"{term}"'

    alternatives = " OR ".join(
        "(" + " AND ".join(phrase(term) for term in in_language(terms, language).split()) + ")"
        for terms in query_branches
    )
    return f"{{title_terms boosted_terms body_terms}} : ({alternatives})"


def _match_sql(language, query_branches):
    """FROM, WHERE and parameters of the entries that match, and the score's SQL and its own
    parameters. The terms carry the language (``in_language``), so the match alone keeps to
    the rows of a search in ``language``."""
    if connection.vendor == "sqlite":
        weights = ", ".join(str(weight) for weight in WEIGHTS)
        source = f"{FTS_TABLE} JOIN {ENTRY_TABLE} e ON e.id = {FTS_TABLE}.rowid"
        score = f"-bm25({FTS_TABLE}, {weights})"
        return source, [f"{FTS_TABLE} MATCH %s"], [_fts_match(language, query_branches)], score, []
    texts = [in_language(terms, language) for terms in query_branches]
    tsquery = " || ".join("plainto_tsquery('simple'::regconfig, %s)" for _ in texts)
    where = [f"e.vector @@ ({tsquery})"]
    # Two lists: the caller extends the WHERE's parameters.
    return f"{ENTRY_TABLE} e", where, [*texts], f"ts_rank(e.vector, ({tsquery}))", texts


def _owner_groups(types):
    """[(Owner, [type names])]: the searched types grouped by where their tags are."""
    from .services.facets import Owner
    from .services.types import SEARCH_TYPES

    groups = {}
    for name in types:
        owner = Owner(SEARCH_TYPES[name].model)
        groups.setdefault(owner.source, (owner, []))[1].append(name)
    return list(groups.values())


_keys_sql_made = {}


def _keys_sql(owner, dimension):
    """SQL of (_owner, _key) rows: each owner object's keys in ``dimension``; None if the
    type has no such relation. Made once per process: it depends on the models alone."""
    made_key = (owner.source, dimension, connection.vendor)
    if made_key not in _keys_sql_made:
        _keys_sql_made[made_key] = _make_keys_sql(owner, dimension)
    return _keys_sql_made[made_key]


def _make_keys_sql(owner, dimension):
    relation = owner.relation(dimension)
    if relation is None:
        return None
    key = FACET_DIMENSIONS[dimension][1]
    rows = (
        owner.source._default_manager.order_by()
        .filter(**{f"{relation}__isnull": False})
        .annotate(_owner=F("pk"), _key=F(f"{relation}__{key}"))
        .values("_owner", "_key")
    )
    return rows.query.sql_with_params()


def _in(values):
    return ", ".join(["%s"] * len(values))


def _filter_sql(dimension, value, groups):
    """A condition on ``e`` and its parameters: tagged ``value`` in ``dimension``."""
    parts, params = [], []
    for owner, names in groups:
        keys = _keys_sql(owner, dimension)
        if keys is None:
            continue
        sql, keys_params = keys
        parts.append(
            f"(e.type IN ({_in(names)}) AND e.owner_id IN "
            f"(SELECT k._owner FROM ({sql}) k WHERE k._key = %s))"
        )
        params.extend([*names, *keys_params, value])
    return "(" + (" OR ".join(parts) or "1 = 0") + ")", params


def _facets_sql(groups):
    """The UNION ALL of the counts by type and by each dimension's key over ``hits``."""
    parts = ["SELECT 'type' AS dimension, hits.type AS key, COUNT(*) AS n FROM hits GROUP BY 2"]
    params = []
    for dimension in FACET_DIMENSIONS:
        for owner, names in groups:
            keys = _keys_sql(owner, dimension)
            if keys is None:
                continue
            sql, keys_params = keys
            parts.append(
                f"SELECT '{dimension}', k._key, COUNT(DISTINCT hits.id) FROM hits "
                f"JOIN ({sql}) k ON k._owner = hits.owner_id "
                f"WHERE hits.type IN ({_in(names)}) GROUP BY 2"
            )
            params.extend([*keys_params, *names])
    return " UNION ALL ".join(parts), params


def find(query, language, fallback_language, types, filters, offset, limit):
    """The page ``[offset, offset + limit)`` of the hits of ``query`` in ``language`` among
    ``types``, with ``filters`` ([(dimension, key)]) applied, and the counts of every hit:
    {(dimension, key): count}, dimension "type" for the counts by type. One query."""
    query_branches = branches(query, [language, fallback_language])
    if not query_branches or not types:
        return Found([], {})
    groups = _owner_groups(types)
    source, where, params, score, score_params = _match_sql(language, query_branches)
    # "+": SQLite must not walk an index on the type and run the match once per row.
    plus = "+" if connection.vendor == "sqlite" else ""
    where.append(f"{plus}e.type IN ({_in(types)})")
    params.extend(types)
    for dimension, value in filters:
        condition, condition_params = _filter_sql(dimension, value, groups)
        where.append(condition)
        params.extend(condition_params)
    conditions = " AND ".join(where)
    facets, facet_params = _facets_sql(groups)
    page_names = _page_type_names()
    shown = "e.locale_code, e.is_fallback, e.title, e.summary, e.slug, e.snippet_text, p.url_path"
    # One statement: the match, materialised with its score, runs once for every count and for
    # the page. Counts come as ("count", dimension, key, -, n), hits as ("hit", type, -,
    # object id, score, what the row shows).
    sql = (
        f"WITH hits AS MATERIALIZED (SELECT e.id AS id, e.type AS type, e.object_id AS "
        f"object_id, e.owner_id AS owner_id, {score} AS score FROM {source} WHERE {conditions}) "
        f"SELECT 'hit', h.type, NULL, h.object_id, h.score, {shown} FROM (SELECT id, type, object_id, "
        "score FROM hits ORDER BY score DESC, type, object_id LIMIT %s OFFSET %s) h "
        f"JOIN {ENTRY_TABLE} e ON e.id = h.id LEFT JOIN {Page._meta.db_table} p "
        f"ON p.id = e.object_id AND e.type IN ({_in(page_names)}) "
        "UNION ALL SELECT 'count', f.dimension, f.key, NULL, f.n, NULL, NULL, NULL, NULL, NULL, "
        f"NULL, NULL FROM ({facets}) f"
    )
    counts, page, rows = {}, [], {}
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [*score_params, *params, max(limit, 0), offset, *page_names, *facet_params],
        )
        for part, name, key, pk, number, *row_values in cursor.fetchall():
            if part == "count":
                counts[(name, key)] = counts.get((name, key), 0) + int(number)
                continue
            page.append((float(number or 0.0), name, pk))
            row = Row(*row_values)
            row.is_fallback = bool(row.is_fallback)
            rows[(name, pk)] = row
    page.sort(key=lambda item: (-item[0], item[1], item[2]))
    return Found(page, counts, rows)


def _page_type_names():
    from .services.types import SEARCH_TYPES

    return [t.name for t in SEARCH_TYPES.values() if issubclass(t.model, Page)]
