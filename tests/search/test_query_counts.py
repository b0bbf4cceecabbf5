"""What a search costs in queries: a fixed number, however many hits there are and whichever
locale is searched (its own content, or the fallback's). On the database backends (the search
table, search/table.py): one statement for the counts, the facets and the page of hits with all
they show (no object is loaded); the locale and the facets' names are kept in the process until
a locale, subsector or country changes. Through
Wagtail's API (Elasticsearch) it is more: one search per type, the lessons' courses, each
type's subsectors and countries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import services
from search.backends import backend_for_language
from search.services.query import uses_table
from tests import factories
from tests.search.conftest import refresh_index, rich


def queries_of(function, *args, **kwargs):
    with CaptureQueriesContext(connection) as captured:
        function(*args, **kwargs)
    return len(captured.captured_queries)


def more_content(corpus, locales, count, start=0):
    for number in range(start, start + count):
        factories.LessonPageFactory(
            parent=corpus.course_en,
            locale=locales["en"],
            title=f"Lighthouse keeping {number}",
            body=rich("How a lighthouse festival keeps its volunteers."),
        )
        factories.PartnerFactory(
            name=f"Lighthouse partner {number}",
            description="A lighthouse museum.",
            country=corpus.partner.country,
            locale=locales["en"],
        )
    refresh_index()


def test_search_costs_the_same_for_3_hits_and_for_a_full_page(corpus, locales):
    # The content types, the site's root paths, and each locale and its facet names (kept in
    # the process until a locale, subsector or country changes).
    services.search("lighthouse", "en")
    services.search("lighthouse", "lv")
    few = queries_of(services.search, "lighthouse", "en")
    fallback = queries_of(services.search, "lighthouse", "lv")
    more_content(corpus, locales, 10)
    assert services.search("lighthouse", "en").count == 23
    many = queries_of(services.search, "lighthouse", "en")
    # One query loads each type's hits on the page: fewer types on the page, fewer queries.
    assert fallback == few and many <= few
    assert many <= 20, many
    if uses_table(backend_for_language("en")):
        # The counts, facets and page of hits in one statement.
        assert few == 1, few


def test_autocomplete_costs_the_same_however_many_titles_match(corpus, locales):
    more_content(corpus, locales, 1)  # a lesson and a partner, so that every type has hits
    services.autocomplete("lightho", "en")
    few = queries_of(services.autocomplete, "lightho", "en")
    more_content(corpus, locales, 6, start=1)
    assert len(services.autocomplete("lightho", "en")) == 10
    many = queries_of(services.autocomplete, "lightho", "en")
    assert many <= few
    assert many <= 12, many
