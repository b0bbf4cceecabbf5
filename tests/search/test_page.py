"""The search page at /<lang>/search/: works without JavaScript, with filters, facets, paging,
an empty state and an error state."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tests.search.conftest import ANSWER_WORDS
from tests.search.test_api import UNREACHABLE


def url(language="en"):
    with translation.override(language):
        return reverse("search:search")


def test_page_without_a_query_shows_the_form(client, corpus):
    response = client.get(url())
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="q"' in content and 'name="type"' in content
    assert '<option value="design">Design</option>' in content
    assert '<option value="PL">Poland</option>' in content


def test_results_snippets_and_facets(client, corpus):
    response = client.get(url(), {"q": "lighthouse"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "3 results for “lighthouse”." in content
    assert 'href="/en/case-studies/lighthouse-festival-in-rostock/"' in content
    assert "<mark>lighthouse</mark>" in content
    # Facet links keep the query and add the filter.
    assert 'href="?q=lighthouse&amp;subsector=music"' in content
    assert "secrets draft" not in content


def test_filters_and_active_facet(client, corpus):
    response = client.get(url(), {"q": "lighthouse", "type": "partner"})
    content = response.content.decode()
    assert "One result for “lighthouse”." in content
    assert "Harbour Lighthouse Association" in content
    assert '<strong aria-current="true">Partner (1)</strong>' in content
    assert 'href="?q=lighthouse"' in content  # "Show all" drops the type filter


def test_polish_page_searches_polish_content(client, corpus):
    with translation.override("pl"):
        response = client.get(url("pl"), {"q": "festiwale"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Szukanie partnerów" in content
    assert "Finding partners" not in content


def test_paging(client, corpus, monkeypatch):
    from search import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    first = client.get(url(), {"q": "lighthouse"}).content.decode()
    second = client.get(url(), {"q": "lighthouse", "page": 2}).content.decode()
    assert 'href="?q=lighthouse&amp;page=2" rel="next"' in first
    assert 'rel="prev"' in second and '<ol class="hits" start="3">' in second


def test_empty_state(client, corpus):
    response = client.get(url(), {"q": "zzyzx"})
    assert response.status_code == 200
    assert "Nothing matches all of these words in this language." in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 201},
        {"q": "harbour", "type": "recipe"},
        {"q": "harbour", "subsector": "no-such-thing"},
        {"q": "harbour", "country": "XX"},
        {"q": "harbour", "page": "zero"},
    ],
)
def test_bad_input_is_a_readable_400(client, corpus, params):
    response = client.get(url(), params)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("q", ['"', "*", "(", ":", "'", "AND OR NOT", "\\", "%", "a\x00b"])
def test_special_characters_never_break_the_page(client, corpus, q):
    response = client.get(url(), {"q": q})
    assert response.status_code in (200, 400)


@override_settings(WAGTAILSEARCH_BACKENDS=UNREACHABLE)
def test_backend_down_shows_a_message_with_503(client, corpus):
    response = client.get(url(), {"q": "harbour"})
    assert response.status_code == 503
    assert "Search is unavailable at the moment" in response.content.decode()
    assert client.get("/en/").status_code == 200


def test_latvian_page_finds_english_content_tagged_in_english(client, corpus):
    response = client.get(url("lv"), {"q": "lighthouse"})
    assert response.status_code == 200
    content = response.content.decode()
    # Served under the page's own language, as browsing serves it.
    assert 'href="/lv/case-studies/lighthouse-festival-in-rostock/"' in content
    assert content.count('<li class="tag tag--lang">') == 3
    assert '<h3 lang="en">' in content


def test_no_answer_text_can_be_found_on_the_search_page(client, quiz_lesson):
    for word in ANSWER_WORDS:
        content = client.get(url(), {"q": word}).content.decode()
        assert "Nothing matches all of these words in this language." in content, word
    content = client.get(url(), {"q": "kitefest"}).content.decode()
    assert "One result for “kitefest”." in content
    assert "zephyrine" not in content and "quorlish" not in content
