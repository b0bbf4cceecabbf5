"""The content API's response cache (courses/api/cache.py): a repeated request is answered
from the cache, and any change of content is visible at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

from .conftest import translate


def queries_of(api, url, **extra):
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url, **extra)
    return response, len(captured)


@pytest.fixture
def course(catalogue):
    return catalogue["borders"]


def test_repeated_list_is_served_from_the_cache(api, course):
    first, computed = queries_of(api, "/api/v1/courses/?locale=en")
    second, cached = queries_of(api, "/api/v1/courses/?locale=en")
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Content-Language"] == "en"
    assert "Accept-Language" in second["Vary"]
    # No locale negotiation, no queryset, no serializer look-ups: no query at all.
    assert cached == 0 < computed


def test_repeated_detail_is_served_from_the_cache(api, course):
    url = f"/api/v1/courses/{course.pk}/"
    first, computed = queries_of(api, url)
    second, cached = queries_of(api, url)
    assert second.content == first.content
    assert cached == 0 < computed


def test_cached_response_answers_if_none_match_with_304(api, course):
    url = f"/api/v1/lessons/{course.get_lessons().first().pk}/"
    etag = api.get(url)["ETag"]
    response, cached = queries_of(api, url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert cached == 0


def test_publish_makes_the_change_visible_at_once(api, course):
    url = f"/api/v1/courses/{course.pk}/"
    assert api.get_json(url)["title"] == "Working across borders"
    course.title = "Working across borders, revised"
    course.save_revision().publish()
    assert api.get_json(url)["title"] == "Working across borders, revised"
    listed = api.get_json("/api/v1/courses/")["results"]
    assert "Working across borders, revised" in [item["title"] for item in listed]


def test_unpublish_removes_the_page_at_once(api, course):
    url = f"/api/v1/courses/{course.pk}/"
    api.get_json(url)
    course.unpublish()
    api.get_json(url, status=404)
    assert course.pk not in [item["id"] for item in api.get_json("/api/v1/courses/")["results"]]


def test_new_translation_shows_in_available_locales_at_once(api, course):
    url = f"/api/v1/courses/{course.pk}/?locale=pl"
    assert api.get_json(url)["is_fallback"] is True
    translate(course, "pl", title="Praca ponad granicami")
    data = api.get_json(url)
    assert data["is_fallback"] is False
    assert data["title"] == "Praca ponad granicami"


def test_snippet_change_shows_at_once(api, course, directory):
    url = f"/api/v1/courses/{course.pk}/"
    assert api.get_json(url)["subsectors"][0]["name"] == "Design"
    directory["design"].name = "Product design"
    directory["design"].save()
    assert api.get_json(url)["subsectors"][0]["name"] == "Product design"


def test_new_page_shows_at_once(api, course, course_index):
    assert api.get_json("/api/v1/courses/")["count"] == 3
    factories.CoursePageFactory(parent=course_index, locale=course_index.locale, title="New one")
    assert api.get_json("/api/v1/courses/")["count"] == 4


def test_each_locale_and_query_is_cached_apart(api, course):
    translate(course, "pl", title="Praca ponad granicami")
    url = f"/api/v1/courses/{course.pk}/"
    assert api.get_json(url, HTTP_ACCEPT_LANGUAGE="pl")["title"] == "Praca ponad granicami"
    english = api.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["title"] == "Working across borders"
    assert english["Content-Language"] == "en"
    polish = api.get(f"{url}?locale=pl")
    assert polish.json()["title"] == "Praca ponad granicami"
    assert polish["Content-Language"] == "pl"
    # Same parameters in another order: the same response.
    first = api.get("/api/v1/courses/?locale=en&level=beginner")
    second = api.get("/api/v1/courses/?level=beginner&locale=en")
    assert first.content == second.content
    assert [item["title"] for item in first.json()["results"]] == ["Working across borders"]


@pytest.mark.parametrize(
    "query, status",
    [("locale=xx", 400), ("nonsense=1", 400), ("page=99", 404), ("page_size=0", 400)],
)
def test_bad_requests_are_never_cached_nor_hidden_by_the_cache(api, course, query, status):
    api.get_json("/api/v1/courses/")
    for _ in range(2):
        data = api.get_json(f"/api/v1/courses/?{query}", status=status)
        assert "detail" in data or data


def test_turned_off_by_setting(api, course, settings):
    settings.HARBOUR_API_CACHE = False
    url = f"/api/v1/courses/{course.pk}/"
    queries_of(api, url)
    _, again = queries_of(api, url)
    # Computed anew: the whole queryset and its look-ups, not the one query of a hit.
    assert again > 5


def test_writes_are_never_cached(api, course):
    response = api.post("/api/v1/courses/", {}, content_type="application/json")
    assert response.status_code == 405
    assert api.get("/api/v1/courses/").status_code == 200


def test_cached_responses_still_count_against_the_rate_limit(api, course, settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": "2/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    url = f"/api/v1/courses/{course.pk}/"
    assert [api.get(url).status_code for _ in range(3)] == [200, 200, 429]
