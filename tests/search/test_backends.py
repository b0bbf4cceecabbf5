"""The backend settings and Harbour's adjustments to Wagtail's database backends."""

import pytest
from django.db import connection
from modelsearch.backends import get_search_backend

from courses.models import LessonPage
from lms.i18n import supported_locale_codes
from search.backend_settings import (
    ELASTICSEARCH_ANALYZERS,
    database_backend,
    elasticsearch_backends,
)
from search.backends import backend_for_language
from tests import factories
from tests.search.conftest import rich


def test_elasticsearch_gets_one_backend_per_language_with_its_analyzer():
    backends = elasticsearch_backends("http://search:9200", version="8", prefix="h_", timeout=3)
    assert set(backends) == {"default", "de", "da", "sv", "fi", "et", "lv", "lt", "pl"}
    german = backends["de"]
    assert german["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert german["INDEX_PREFIX"] == "h_de_" and german["TIMEOUT"] == 3
    assert german["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"] == {
        "type": "german"
    }
    assert backends["default"]["INDEX_PREFIX"] == "h_en_"
    opensearch = elasticsearch_backends("http://search:9200", version="opensearch3")
    assert opensearch["pl"]["BACKEND"] == "wagtail.search.backends.opensearch3"
    assert set(ELASTICSEARCH_ANALYZERS) == set(supported_locale_codes())


def test_the_database_backend_analyses_the_text_itself(settings, db):
    assert database_backend()["SEARCH_CONFIG"] == "simple"
    settings.WAGTAILSEARCH_BACKENDS = {"default": database_backend()}
    backend = backend_for_language("pl", "en")
    assert backend.query_languages == ("pl", "en")
    assert get_search_backend().query_languages is None
    if connection.vendor == "postgresql":
        # PostgreSQL only splits the analysed text into words.
        assert backend.config == "simple"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_sqlite_ranking_finds_what_wagtail_finds_with_title_matches_first(
    corpus, locales, settings
):
    """The one-query ranking finds what Wagtail's stock SQLite backend finds, pages alike; it
    weighs a title match more, where Wagtail weighs every column alike."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": database_backend()}
    pages = [
        factories.LessonPageFactory(
            parent=corpus.course_en,
            locale=locales["en"],
            title=f"Kite {number}" if number % 2 else f"Lesson {number}",
            body=rich(text),
        )
        for number, text in enumerate(
            ["kite kite kite festival", "kite beach", "beach kite festival harbour", "no match"]
        )
    ]
    ours = get_search_backend()
    stock = get_search_backend("modelsearch.backends.database.sqlite.sqlite")
    assert type(ours) is not type(stock)
    queryset = LessonPage.objects.live().filter(locale=locales["en"])
    for query in ("kite", "kite festival", "beach"):
        analysed = ours.for_language("en").analysed_query(query, "and")
        expected = [page.pk for page in stock.search(analysed, queryset)]
        got = ours.for_language("en").search(query, queryset, operator="and")
        assert sorted(page.pk for page in got) == sorted(expected)
        assert got.count() == len(expected)
        assert [page.pk for page in got[1:3]] == [page.pk for page in list(got)[1:3]]
    ranked = [page.pk for page in ours.for_language("en").search("kite", queryset)]
    assert set(ranked[:2]) == {pages[1].pk, pages[3].pk}


def test_a_query_for_no_language_asks_every_language(corpus, settings):
    """Wagtail's admin searches without a language: English and German stems both match."""
    from courses.models import CoursePage

    settings.WAGTAILSEARCH_BACKENDS = {"default": database_backend()}
    backend = get_search_backend()
    found = {page.pk for page in backend.search("cooperating", CoursePage)}
    assert corpus.course_en.pk in found
    found = {page.pk for page in backend.search("Netzwerke", CoursePage)}
    assert found == {corpus.course_de.pk}


def test_wagtail_admin_search_still_works(client, corpus, settings):
    from django.contrib.auth import get_user_model

    settings.WAGTAILSEARCH_BACKENDS = {"default": database_backend()}
    admin = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(admin)
    response = client.get("/admin/pages/search/", {"q": "cooperation"})
    assert response.status_code == 200
    assert "Harbour cooperation across borders" in response.content.decode()
