"""The backend settings and Harbour's adjustments to Wagtail's database backends."""

import pytest
from django.db import connection
from modelsearch.backends import get_search_backend

from courses.models import LessonPage
from search.backend_settings import (
    ELASTICSEARCH_ANALYZERS,
    POSTGRES_LANGUAGE_CONFIGS,
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
    assert set(ELASTICSEARCH_ANALYZERS) == set(POSTGRES_LANGUAGE_CONFIGS)


def test_postgres_configurations():
    assert database_backend()["LANGUAGE_CONFIGS"] == {
        "en": "english",
        "de": "german",
        "da": "danish",
        "sv": "swedish",
        "fi": "finnish",
        "et": "simple",
        "lv": "simple",
        "lt": "simple",
        "pl": "simple",
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgres_queries_use_the_language_configuration(settings, db):
    settings.WAGTAILSEARCH_BACKENDS = {"default": database_backend()}
    assert backend_for_language("de").config == "german"
    assert backend_for_language("pl").config == "simple"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_sqlite_ranking_matches_wagtails_own(corpus, locales, settings):
    """The one-query ranking returns what Wagtail's stock SQLite backend returns, in order."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": database_backend()}
    for number, text in enumerate(
        ["kite kite kite festival", "kite beach", "beach kite festival harbour", "no match"]
    ):
        factories.LessonPageFactory(
            parent=corpus.course_en,
            locale=locales["en"],
            title=f"Kite {number}" if number % 2 else f"Lesson {number}",
            body=rich(text),
        )
    ours = get_search_backend()
    stock = get_search_backend("modelsearch.backends.database.sqlite.sqlite")
    assert type(ours) is not type(stock)
    queryset = LessonPage.objects.live().filter(locale=locales["en"])
    for query in ("kite", "kite festival", "beach"):
        expected = [page.pk for page in stock.search(query, queryset, operator="and")]
        got = ours.search(query, queryset, operator="and")
        assert [page.pk for page in got] == expected
        assert got.count() == len(expected)
        assert [page.pk for page in got[1:3]] == expected[1:3]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgres_query_for_no_language_asks_every_configuration(corpus, settings):
    """Wagtail's admin searches without a language: English and German stems both match."""
    from courses.models import CoursePage

    settings.WAGTAILSEARCH_BACKENDS = {"default": database_backend()}
    backend = get_search_backend()
    assert set(backend.query_config) == {
        "english",
        "german",
        "danish",
        "swedish",
        "finnish",
        "simple",
    }
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
