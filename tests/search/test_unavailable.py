"""Every use of the search backend degrades to a 503 when it is down, never a 500: the search
API and its autocomplete, the lists' ``?search=`` in the API and on the web pages, and the search
page. The backend is a real Elasticsearch backend pointed at a closed port on loopback."""

import pytest
from django.test import override_settings

from tests.search.test_api import UNREACHABLE

ERROR = {
    "detail": "Search is unavailable at the moment. Please try again later.",
    "code": "search_unavailable",
}

API_ENTRY_POINTS = [
    ("/api/v1/search/", {"q": "harbour", "locale": "en"}),
    ("/api/v1/search/autocomplete/", {"q": "harb", "locale": "en"}),
    ("/api/v1/courses/", {"search": "harbour"}),
    ("/api/v1/case-studies/", {"search": "harbour"}),
    ("/api/v1/partners/", {"search": "harbour"}),
]
WEB_ENTRY_POINTS = [
    ("/{lang}/search/", {"q": "harbour"}),
    ("/{lang}/courses/", {"search": "harbour"}),
    ("/{lang}/case-studies/", {"search": "harbour"}),
    ("/{lang}/partners/", {"search": "harbour"}),
]


@pytest.mark.parametrize("path, params", API_ENTRY_POINTS)
@override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE)
def test_the_api_answers_503_in_the_one_error_shape(client, corpus, path, params):
    response = client.get(path, params)
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == ERROR
    # The same list without ?search= does not need the backend.
    if "search" in params:
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("path, params", WEB_ENTRY_POINTS)
@override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE)
def test_web_pages_answer_503_with_a_readable_translated_message(client, corpus, path, params):
    response = client.get(path.format(lang="en"), params)
    assert response.status_code == 503
    assert "Search is unavailable at the moment" in response.content.decode()
    polish = client.get(path.format(lang="pl"), params)
    assert polish.status_code == 503
    assert "Wyszukiwanie jest teraz niedostępne" in polish.content.decode()
    assert client.get(path.format(lang="en")).status_code == 200


def test_the_same_entry_points_answer_when_the_backend_is_up(client, corpus):
    for path, params in API_ENTRY_POINTS:
        assert client.get(path, params).status_code == 200, path
    for path, params in WEB_ENTRY_POINTS:
        assert client.get(path.format(lang="en"), params).status_code == 200, path
