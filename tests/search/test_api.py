"""The search API: parameters, response shape, errors, and a backend that is down."""

import pytest
from django.test import override_settings

from tests.search.conftest import ANSWER_WORDS

SEARCH = "/api/v1/search/"
AUTOCOMPLETE = "/api/v1/search/autocomplete/"

# A real Elasticsearch backend pointed at a closed port on loopback: every request is refused.
UNREACHABLE = {
    "default": {
        "BACKEND": "wagtail.search.backends.elasticsearch9",
        "URLS": ["http://127.0.0.1:9"],
        "TIMEOUT": 1,
        "OPTIONS": {"max_retries": 0},
        "AUTO_UPDATE": False,
    }
}


@pytest.fixture
def api(client):
    return client


def test_search_returns_hits_facets_and_paging(api, corpus):
    response = api.get(SEARCH, {"q": "lighthouse", "locale": "en"})
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]
    data = response.json()
    assert data["query"] == "lighthouse"
    assert data["count"] == 3
    assert data["num_pages"] == 1
    assert data["next"] is None and data["previous"] is None
    hit = next(hit for hit in data["results"] if hit["type"] == "case_study")
    assert hit == {
        "type": "case_study",
        "id": corpus.case_study.pk,
        "title": "Lighthouse festival in Rostock",
        "summary": "A music festival run by three harbour towns.",
        "url": "/en/case-studies/lighthouse-festival-in-rostock/",
        "api_url": f"http://testserver/api/v1/case-studies/{corpus.case_study.pk}/",
        "locale": "en",
        "is_fallback": False,
        "snippet": hit["snippet"],
        "score": hit["score"],
    }
    assert {facet["value"]: facet["count"] for facet in data["facets"]["type"]} == {
        "lesson": 1,
        "case_study": 1,
        "partner": 1,
    }
    assert {facet["value"] for facet in data["facets"]["subsector"]} == {"design", "music"}


def test_paging_links(api, corpus):
    data = api.get(SEARCH, {"q": "lighthouse", "locale": "en", "page_size": 2}).json()
    assert data["num_pages"] == 2 and len(data["results"]) == 2
    assert data["next"].endswith("page=2") and data["previous"] is None
    second = api.get(data["next"]).json()
    assert len(second["results"]) == 1 and second["previous"]
    first_ids = {(hit["type"], hit["id"]) for hit in data["results"]}
    assert (second["results"][0]["type"], second["results"][0]["id"]) not in first_ids


def test_filters_by_type_subsector_and_country(api, corpus):
    data = api.get(SEARCH, {"q": "lighthouse", "type": "partner,case_study"}).json()
    assert {hit["type"] for hit in data["results"]} == {"partner", "case_study"}
    data = api.get(SEARCH, {"q": "lighthouse", "type": ["lesson"]}).json()
    assert [hit["id"] for hit in data["results"]] == [corpus.lesson_en.pk]
    # A lesson carries its course's subsectors and countries.
    data = api.get(SEARCH, {"q": "lighthouse", "subsector": "design"}).json()
    assert [hit["id"] for hit in data["results"]] == [corpus.lesson_en.pk]
    data = api.get(SEARCH, {"q": "lighthouse", "country": "de"}).json()
    assert {hit["type"] for hit in data["results"]} == {"partner", "case_study"}
    data = api.get(SEARCH, {"q": "lighthouse", "subsector": "nothing-like-it"}).json()
    assert data["count"] == 0 and data["results"] == []


def test_locale_from_accept_language_then_english(api, corpus):
    response = api.get(SEARCH, {"q": "festiwale"}, HTTP_ACCEPT_LANGUAGE="pl-PL,pl;q=0.9")
    assert response["Content-Language"] == "pl"
    assert [hit["id"] for hit in response.json()["results"]] == [corpus.lesson_pl.pk]
    response = api.get(SEARCH, {"q": "festiwale"})
    assert response["Content-Language"] == "en"
    assert response.json()["count"] == 0


def test_autocomplete(api, corpus):
    response = api.get(AUTOCOMPLETE, {"q": "lightho", "locale": "en"})
    assert response.status_code == 200
    data = response.json()
    titles = {item["title"] for item in data["results"]}
    assert titles == {"Lighthouse festival in Rostock", "Harbour Lighthouse Association"}
    assert api.get(AUTOCOMPLETE, {"q": "wsp", "locale": "pl"}).json()["results"][0]["id"] == (
        corpus.course_pl.pk
    )
    assert api.get(AUTOCOMPLETE, {"q": "lightho", "limit": 1}).json()["results"].__len__() == 1


@pytest.mark.parametrize(
    "params, message",
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"q": "a\x00b"}, "q"),
        ({"q": "harbour", "type": "course,recipe"}, "recipe"),
        ({"q": "harbour", "locale": "xx"}, "pl"),
        ({"q": "harbour", "colour": "blue"}, "colour"),
        ({"q": "harbour", "page": "0"}, "page"),
        ({"q": "harbour", "page": "two"}, "page"),
        ({"q": "harbour", "page_size": "500"}, "page_size"),
        ({"q": "harbour", "country": "Poland"}, "country"),
        ({"q": "harbour", "subsector": "<script>"}, "subsector"),
    ],
)
def test_bad_parameters_get_json_400(api, corpus, params, message):
    response = api.get(SEARCH, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert message in str(response.json())


def test_unknown_locale_lists_the_valid_ones(api, corpus):
    detail = api.get(SEARCH, {"q": "harbour", "locale": "xx"}).json()["detail"]
    assert all(code in detail for code in ("en", "de", "da", "sv", "fi", "et", "lv", "lt", "pl"))


@pytest.mark.parametrize(
    "params", [{}, {"q": "x" * 201}, {"q": "a", "locale": "xx"}, {"q": "a", "x": "1"}]
)
def test_bad_autocomplete_parameters_get_json_400(api, corpus, params):
    response = api.get(AUTOCOMPLETE, params)
    assert response.status_code == 400
    assert "detail" in response.json() or "q" in response.json()


def test_page_past_the_end_is_empty(api, corpus):
    data = api.get(SEARCH, {"q": "lighthouse", "page": 9}).json()
    assert data["results"] == [] and data["count"] == 3


@override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE)
def test_backend_down_gives_503_and_the_rest_keeps_working(api, home):
    response = api.get(SEARCH, {"q": "harbour", "locale": "en"})
    assert response.status_code == 503
    assert response.json() == {
        "detail": "Search is unavailable at the moment. Please try again later.",
        "code": "search_unavailable",
    }
    response = api.get(AUTOCOMPLETE, {"q": "harb", "locale": "en"})
    assert response.status_code == 503
    assert "detail" in response.json()
    # Bad input is still a 400, not a 503: validation runs before the backend is asked.
    assert api.get(SEARCH, {"q": "harbour", "type": "recipe"}).status_code == 400
    assert api.get("/api/v1/courses/").status_code == 200
    assert api.get("/en/").status_code == 200


def test_schema_documents_the_search_parameters(api, db):
    response = api.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    operation = response.json()["paths"]["/api/v1/search/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "locale", "type", "subsector", "country", "page", "page_size"} <= names
    assert {"200", "400", "503"} <= set(operation["responses"])


def test_query_count_does_not_grow_with_the_hits(api, corpus, locales):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests import factories
    from tests.search.conftest import refresh_index, rich

    numbers = iter(range(100))

    def add_lessons(count):
        for _ in range(count):
            factories.LessonPageFactory(
                parent=corpus.course_en,
                locale=locales["en"],
                title=f"Lighthouse keeping {next(numbers)}",
                body=rich("A lighthouse needs a keeper."),
            )
        refresh_index()

    api.get(SEARCH, {"q": "lighthouse", "locale": "en"})  # Wagtail caches the site's root paths
    queries = []
    for expected in (8, 18):
        add_lessons(10 if expected == 18 else 5)
        with CaptureQueriesContext(connection) as captured:
            data = api.get(SEARCH, {"q": "lighthouse", "locale": "en"}).json()
        assert data["count"] == expected and len(data["results"]) == min(expected, 20)
        queries.append(len(captured))
    assert queries[0] == queries[1]


@pytest.mark.parametrize(
    "q", ['"', "*", "(", ":", "'", "AND OR NOT", "\\", "%", "light*", 'title:"x', "a" * 200]
)
def test_special_characters_get_results_never_a_500(api, corpus, q):
    for url in (SEARCH, AUTOCOMPLETE):
        response = api.get(url, {"q": q, "locale": "en"})
        assert response.status_code == 200
        assert isinstance(response.json()["results"], list)


def test_an_error_in_a_list_parameter_is_a_flat_list_of_messages(api, home):
    """``errors`` holds strings per field, also for one item of a list (``?type=``)."""
    data = api.get(SEARCH, {"q": "harbour", "type": ""}).json()
    assert data["code"] == "invalid"
    assert data["errors"]["type"] and all(isinstance(m, str) for m in data["errors"]["type"])


def test_no_answer_text_can_be_found_through_the_api(api, quiz_lesson):
    for word in ANSWER_WORDS:
        for locale in ("en", "lv"):
            data = api.get(SEARCH, {"q": word, "locale": locale}).json()
            assert data["count"] == 0 and data["results"] == [], (word, locale)
    data = api.get(SEARCH, {"q": "kitefest", "locale": "en"}).json()
    assert [hit["id"] for hit in data["results"]] == [quiz_lesson.pk]
    text = str(data)
    assert "zephyrine" not in text and "quorlish" not in text and "Correct" not in text
