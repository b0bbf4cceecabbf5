"""The search API through the response cache (lms/api/cache.py): a repeated search or
autocomplete is served with no query, and every change of the search index (search.table.TAG)
or of what a hit shows reaches the next search, also when the task worker updates the index
after the publish; the lists' ``?search=`` likewise."""

import io

import pytest
import wagtail_factories
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from courses.models import LessonPage
from tests import factories
from tests.lms.test_tasks import worker_process_state  # noqa: F401 (a fixture)
from tests.search.conftest import refresh_index
from tests.search.test_api import UNREACHABLE

SEARCH = "/api/v1/search/"
AUTOCOMPLETE = "/api/v1/search/autocomplete/"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def get(client, url, params):
    """(response, number of queries it cost)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return response, len(captured)


def titles(client, query, **params):
    response, _ = get(client, SEARCH, {"q": query, "locale": "en", **params})
    return {(hit["type"], hit["id"]): hit["title"] for hit in response.json()["results"]}


@pytest.mark.parametrize(
    "url, params",
    [
        (SEARCH, {"q": "lighthouse", "locale": "en"}),
        (SEARCH, {"q": "festiwale", "locale": "pl", "type": "lesson,course"}),
        (SEARCH, {"q": "lighthouse", "locale": "lv", "subsector": "music"}),
        (AUTOCOMPLETE, {"q": "lightho", "locale": "en"}),
    ],
)
def test_a_repeated_search_is_served_from_the_cache_with_no_query(client, corpus, url, params):
    first, computed = get(client, url, params)
    second, cached = get(client, url, params)
    assert first.json()["results"]
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Language"] == first["Content-Language"]
    assert cached == 0 < computed


def test_an_edited_and_a_new_lesson_reach_the_cached_search(client, corpus, locales):
    lesson = ("lesson", corpus.lesson_en.pk)
    assert titles(client, "festivals")[lesson] == "Finding partners"
    page = LessonPage.objects.get(pk=corpus.lesson_en.pk)
    page.title = "Finding partners at festivals"
    page.save_revision().publish()
    refresh_index()
    assert titles(client, "festivals")[lesson] == "Finding partners at festivals"

    new = factories.LessonPageFactory(
        parent=corpus.course_en, locale=locales["en"], title="Festivals on the quay"
    )
    refresh_index()
    assert titles(client, "festivals")[("lesson", new.pk)] == "Festivals on the quay"


def test_an_unpublished_lesson_leaves_the_cached_search_and_autocomplete(client, corpus):
    lesson = ("lesson", corpus.lesson_en.pk)
    assert lesson in titles(client, "festivals")
    suggest = {"q": "findin", "locale": "en"}
    assert get(client, AUTOCOMPLETE, suggest)[0].json()["results"]
    LessonPage.objects.get(pk=corpus.lesson_en.pk).unpublish()
    refresh_index()
    assert lesson not in titles(client, "festivals")
    assert get(client, AUTOCOMPLETE, suggest)[0].json()["results"] == []


def test_a_course_s_new_slug_reaches_the_urls_of_its_lessons_in_a_cached_search(client, corpus):
    """A lesson's URL comes from its url_path in the page table, which Wagtail rewrites under
    a page whose slug changed."""

    def url():
        data = get(client, SEARCH, {"q": "festivals", "locale": "en", "type": "lesson"})[0].json()
        return data["results"][0]["url"]

    assert "/cooperation-renamed/" not in url()
    corpus.course_en.slug = "cooperation-renamed"
    corpus.course_en.save_revision().publish()
    refresh_index()
    assert "/cooperation-renamed/" in url()


def test_a_renamed_subsector_reaches_the_facets_of_a_cached_search(client, corpus):
    def labels():
        data = get(client, SEARCH, {"q": "lighthouse", "locale": "en"})[0].json()
        return {facet["value"]: facet["label"] for facet in data["facets"]["subsector"]}

    assert labels()["music"] == "Music"
    corpus.music.name = "Music and sound"
    corpus.music.save()
    assert labels()["music"] == "Music and sound"


def test_rebuild_search_table_reaches_the_cached_search(client, corpus):
    """A bulk write that Wagtail does not index (an update() of the pages) reaches the search
    once the operator rebuilds the table; the rebuild drops the cached searches."""
    lesson = ("lesson", corpus.lesson_en.pk)
    assert titles(client, "festivals")[lesson] == "Finding partners"
    LessonPage.objects.filter(pk=corpus.lesson_en.pk).update(title="Partners from the quay")
    assert titles(client, "festivals")[lesson] == "Finding partners"  # the table says so
    call_command("rebuild_search_table", stdout=io.StringIO())
    assert titles(client, "festivals")[lesson] == "Partners from the quay"


def test_a_change_search_does_not_show_keeps_the_search_cached(client, corpus):
    """An image is indexed by Wagtail too, but search finds no images."""
    params = {"q": "lighthouse", "locale": "en"}
    first, _ = get(client, SEARCH, params)
    wagtail_factories.ImageFactory(title="Lighthouse at dusk")
    refresh_index()
    again, queries = get(client, SEARCH, params)
    assert again.content == first.content and queries == 0


def test_only_a_200_is_stored_never_a_503_nor_a_400(client, corpus):
    params = {"q": "lighthouse", "locale": "en"}
    listed = "/api/v1/case-studies/"
    with override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE):
        for _ in range(2):
            assert client.get(SEARCH, params).status_code == 503
            assert client.get(AUTOCOMPLETE, {"q": "lightho"}).status_code == 503
            assert client.get(listed, {"search": "lighthouse"}).status_code == 503
    # The backend is back: the same searches are answered, not the outage's 503.
    assert get(client, SEARCH, params)[0].json()["count"] == 3
    assert get(client, AUTOCOMPLETE, {"q": "lightho"})[0].json()["results"]
    found = get(client, listed, {"search": "lighthouse"})[0].json()["results"]
    assert [item["id"] for item in found] == [corpus.case_study.pk]
    for bad in ({"page_size": "0"}, {"locale": "xx"}, {"nonsense": "1"}, {"type": "nope"}):
        for _ in range(2):
            response = client.get(SEARCH, {**params, **bad})
            assert response.status_code == 400, bad
            assert response.json()["code"]


# Wagtail's own database backend, not Harbour's: its index writes bump nothing, as
# Elasticsearch's do not (lms.api.cache.not_stored).
UNBUMPED = {"default": {"BACKEND": "wagtail.search.backends.database"}}


@pytest.mark.parametrize(
    "url, params",
    [
        (SEARCH, {"q": "harbour", "locale": "en"}),
        (AUTOCOMPLETE, {"q": "harb", "locale": "en"}),
        ("/api/v1/partners/", {"search": "harbour"}),
    ],
)
def test_what_a_backend_found_whose_index_bumps_nothing_is_never_stored(
    client, corpus, url, params
):
    with override_settings(WAGTAILSEARCH_BACKENDS=UNBUMPED):
        first, _ = get(client, url, params)
        second, computed = get(client, url, params)
    assert first.json()["results"]
    assert second.content == first.content
    assert computed > 0
    # The same request through Harbour's backend is stored.
    get(client, url, params)
    assert get(client, url, params)[1] == 0


# The worker claims each task in a transaction of its own, as in production: so the test runs
# on the real database, not in a transaction.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("worker_process_state")
def test_an_index_update_by_the_worker_reaches_cached_searches_and_search_lists(
    client, corpus, settings
):
    """Harbour's queue: the publish bumps the page's tags at once, but Wagtail's index update
    (and so the search table's) waits for the worker. A search made between the two is
    computed from the old index and stored; the worker's update must drop it."""
    settings.TASKS = DATABASE_TASKS
    course = ("course", corpus.course_en.pk)
    lists = [
        ("/api/v1/courses/?search=zanzibar&locale=en", "title", corpus.course_en.pk),
        ("/api/v1/partners/?search=zanzibar&locale=en", "name", corpus.partner.pk),
    ]
    assert course not in titles(client, "zanzibar")
    for url, _field, _pk in lists:
        assert client.get(url).json()["results"] == []

    page = corpus.course_en.specific
    page.title = "Harbour cooperation from Zanzibar"
    page.save_revision().publish()
    corpus.partner.name = "Zanzibar Lighthouse Association"
    corpus.partner.save()
    # Not indexed yet: computed anew (the publish bumped the course), and stored.
    assert course not in titles(client, "zanzibar")
    for url, _field, _pk in lists:
        assert client.get(url).json()["results"] == []

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    assert titles(client, "zanzibar")[course] == "Harbour cooperation from Zanzibar"
    found = {
        url: [(item["id"], item[field]) for item in client.get(url).json()["results"]]
        for url, field, _pk in lists
    }
    assert found == {
        lists[0][0]: [(corpus.course_en.pk, "Harbour cooperation from Zanzibar")],
        lists[1][0]: [(corpus.partner.pk, "Zanzibar Lighthouse Association")],
    }
