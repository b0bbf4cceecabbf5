"""One contract for every search backend.

Runs against the database backend of the test database (SQLite FTS5, or PostgreSQL full-text
search when DATABASE_URL points at PostgreSQL) always, and against Elasticsearch/OpenSearch when
ELASTICSEARCH_URL is set (ELASTICSEARCH_VERSION picks the backend); otherwise those cases are
skipped with the reason.
"""

import io
import os

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import PageViewRestriction

from search import services
from search.backend_settings import database_backend, elasticsearch_backends
from tests import factories
from tests.search.conftest import ANSWER_WORDS, refresh_index, rich

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL")


@pytest.fixture(
    params=[
        pytest.param("database", id="database"),
        pytest.param(
            "elasticsearch",
            id="elasticsearch",
            marks=pytest.mark.skipif(
                not ELASTICSEARCH_URL,
                reason="ELASTICSEARCH_URL is not set: no Elasticsearch or OpenSearch server",
            ),
        ),
    ]
)
def search_backend(request, settings, db):
    if request.param == "database":
        settings.WAGTAILSEARCH_BACKENDS = {"default": database_backend()}
        return connection.vendor
    settings.WAGTAILSEARCH_BACKENDS = elasticsearch_backends(
        ELASTICSEARCH_URL,
        version=os.environ.get("ELASTICSEARCH_VERSION", "9"),
        prefix="harbour_test_",
        timeout=10,
    )
    # Create the indexes with their mappings before any document arrives.
    call_command("update_index", verbosity=0)
    return "elasticsearch"


def ids(result):
    return {(hit.type, hit.id) for hit in result.hits}


def test_polish_query_finds_polish_content_not_its_english_twin(corpus):
    polish = services.search("Creative Ports", "pl")
    assert ids(polish) == {("course", corpus.course_pl.pk)}
    assert polish.hits[0].locale == "pl"
    english = services.search("Creative Ports", "en")
    assert ids(english) == {("course", corpus.course_en.pk)}
    assert services.search("festiwale", "en").count == 0
    assert services.search("festiwale", "pl").hits[0].id == corpus.lesson_pl.pk


def test_lesson_body_blocks_are_searchable(corpus):
    result = services.search("festivals", "en", types=["lesson"])
    assert [hit.id for hit in result.hits] == [corpus.lesson_en.pk]
    assert "<mark>Festivals</mark>" in result.hits[0].snippet


def test_every_word_must_match(corpus):
    assert services.search("lighthouse towns", "en").count == 1
    assert services.search("lighthouse zzyzx", "en").count == 0


def test_title_weighs_more_than_body(corpus, locales):
    body_only = factories.LessonPageFactory(
        parent=corpus.course_en,
        locale=locales["en"],
        title="Weather",
        summary="",
        body=rich("On windy days a kite festival fills the beach near the harbour."),
    )
    in_title = factories.LessonPageFactory(
        parent=corpus.course_en,
        locale=locales["en"],
        title="Kite",
        summary="",
        body=rich("On windy days the beach near the harbour fills with people."),
    )
    refresh_index()
    result = services.search("kite", "en")
    assert [hit.id for hit in result.hits] == [in_title.pk, body_only.pk]


def test_stemming_on_every_backend(corpus):
    german = services.search("Netzwerke", "de")
    assert ids(german) == {("course", corpus.course_de.pk)}
    assert services.search("cooperating", "en").hits[0].id == corpus.course_en.pk


def test_facets(corpus):
    result = services.search("lighthouse", "en")
    facets = {
        dimension: {facet.value: facet.count for facet in values}
        for dimension, values in result.facets.items()
    }
    assert facets == {
        "type": {"lesson": 1, "case_study": 1, "partner": 1},
        "subsector": {"music": 2, "design": 1},
        "country": {"DE": 2, "PL": 1},
    }
    polish = services.search("Creative Ports", "pl")
    assert [(facet.value, facet.label) for facet in polish.facets["subsector"]] == [
        ("design", "Wzornictwo")
    ]


def test_filters(corpus):
    assert ids(services.search("lighthouse", "en", subsector="music")) == {
        ("case_study", corpus.case_study.pk),
        ("partner", corpus.partner.pk),
    }
    assert ids(services.search("lighthouse", "en", country="PL")) == {
        ("lesson", corpus.lesson_en.pk)
    }
    assert ids(services.search("lighthouse", "en", types=["partner"])) == {
        ("partner", corpus.partner.pk)
    }


def test_autocomplete(corpus):
    titles = [item["title"] for item in services.autocomplete("lightho", "en")]
    assert sorted(titles) == ["Harbour Lighthouse Association", "Lighthouse festival in Rostock"]
    assert [item["id"] for item in services.autocomplete("wsp", "pl")] == [corpus.course_pl.pk]
    assert services.autocomplete("wsp", "en") == []
    assert len(services.autocomplete("lightho", "en", limit=1)) == 1


def test_unpublished_and_private_pages_never_appear(corpus):
    assert services.search("secrets", "en").count == 0
    assert services.autocomplete("secre", "en") == []

    corpus.lesson_en.unpublish()
    refresh_index()
    assert ("lesson", corpus.lesson_en.pk) not in ids(services.search("lighthouse", "en"))

    PageViewRestriction.objects.create(
        page=corpus.case_study, restriction_type=PageViewRestriction.LOGIN
    )
    assert ("case_study", corpus.case_study.pk) not in ids(services.search("lighthouse", "en"))


def test_publishing_and_deleting_update_the_index(corpus, search_backend):
    lesson = corpus.lesson_en
    lesson.title = "Finding partners at the Seebrücke"
    lesson.save_revision().publish()
    refresh_index()
    # The new word is only findable if publishing re-indexed the page.
    assert ids(services.search("Seebrücke", "en")) == {("lesson", lesson.pk)}

    entries = lesson_index_entries(lesson.pk, search_backend)
    assert entries is None or entries.exists()
    lesson.delete()
    refresh_index()
    assert services.search("Seebrücke", "en").count == 0
    assert entries is None or not entries.exists()


def lesson_index_entries(pk, search_backend):
    """The database backends' index rows for a lesson (None on Elasticsearch)."""
    if search_backend == "elasticsearch":
        return None
    from wagtail.search.models import IndexEntry

    return IndexEntry.objects.filter(object_id=str(pk), content_type__model="lessonpage")


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"lighthouse',
        "*",
        "light*",
        "(lighthouse",
        "title:lighthouse",
        "'",
        "O'Brien",
        "AND OR NOT",
        "lighthouse AND NOT",
        "\\",
        "%",
        "50%",
        "a\x00b",
        "-",
        "--lighthouse",
        "~lighthouse^2",
        "&|!<>",
        "[]{}",
    ],
)
def test_special_characters_give_results_or_nothing_never_an_error(corpus, query):
    result = services.search(query, "en")
    assert result.count >= 0
    services.autocomplete(query, "en")


def test_special_characters_around_words_still_find_them(corpus):
    assert services.search('"lighthouse"', "en").count == 3
    assert services.search("(lighthouse)", "en").count == 3
    assert services.search("lighthouse!", "en").count == 3


def test_very_long_queries_are_cut_not_refused(corpus):
    result = services.search("lighthouse " + "word " * 2000, "en")
    assert len(result.query) <= services.QUERY_MAX_LENGTH
    services.autocomplete("lighthouse " * 500, "en")
    assert services.search("lighthouse" * 100, "en").count == 0


def test_update_index_rebuilds_and_shows_progress(corpus, search_backend):
    out = io.StringIO()
    call_command("update_index", stdout=out)
    output = out.getvalue()
    assert "courses.LessonPage" in output and "indexed" in output
    assert "." in output  # one dot per chunk of objects
    refresh_index()
    assert services.search("lighthouse", "en").count == 3


# --- Languages: stemming, fallback --------------------------------------------------------

# For each content language: a text and a query whose words are other forms of the text's.
INFLECTED = {
    "en": ("Cooperation between partners", "cooperating partner"),
    "de": ("Das Netzwerk der Häfen", "Netzwerke Hafen"),
    "da": ("Samarbejdet mellem havnene", "samarbejde havne"),
    "sv": ("Samarbetet mellan hamnarna", "samarbete hamnen"),
    "fi": ("Yhteistyö satamien välillä", "yhteistyötä satamissa"),
    "et": ("Koostöö sadamate vahel", "koostööd sadamas"),
    "lt": ("Bendradarbiavimas tarp uostų", "bendradarbiavimo uostuose"),
    "pl": ("Finansowania portów", "finansowaniem porty"),
    "lv": ("Sadarbība starp ostām", "sadarbības ostās"),
}


@pytest.mark.parametrize("code", list(INFLECTED))
def test_an_inflected_query_finds_the_text_in_every_language(corpus, locales, code):
    text, query = INFLECTED[code]
    partner = factories.PartnerFactory(
        name=f"Harbour {code}",
        description=text,
        country=corpus.partner.country,
        locale=locales[code],
    )
    refresh_index()
    result = services.search(query, code)
    assert ids(result) == {("partner", partner.pk)}
    assert result.hits[0].is_fallback is False
    assert "<mark>" in result.hits[0].snippet


def test_a_locale_without_content_finds_the_english_version_marked_as_fallback(corpus):
    english = services.search("lighthouse", "en")
    latvian = services.search("lighthouse", "lv")
    assert ids(latvian) == ids(english) and latvian.count == english.count == 3
    assert {(hit.locale, hit.is_fallback) for hit in latvian.hits} == {("en", True)}
    assert latvian.facets["type"] == english.facets["type"]
    assert latvian.facets["country"] == english.facets["country"]
    # The query is analysed in English too: an inflected English word finds English text.
    assert ids(services.search("festivals cooperate", "lv")) == set()
    assert ("case_study", corpus.case_study.pk) in ids(services.search("festivals", "lv"))
    suggestions = services.autocomplete("lightho", "lv")
    assert {(item["locale"], item["is_fallback"]) for item in suggestions} == {("en", True)}
    assert len(suggestions) == 2


def test_each_translation_group_is_found_once_in_the_language_it_is_served_in(corpus):
    # The English course speaks of "clusters"; Polish readers are served its Polish version,
    # which does not, so neither version is found, and the English one never stands in for it.
    assert services.search("clusters", "en").count == 1
    assert services.search("clusters", "pl").count == 0
    # English-only content is found in Polish, marked as such, beside Polish content.
    polish = services.search("lighthouse", "pl")
    assert ids(polish) == {
        ("case_study", corpus.case_study.pk),
        ("partner", corpus.partner.pk),
    }
    assert all(hit.is_fallback and hit.locale == "en" for hit in polish.hits)
    # Every hit is one translation group.
    both = services.search("partners partnerów", "pl", types=["lesson"])
    assert ids(both) <= {("lesson", corpus.lesson_pl.pk)}
    assert services.search("partnerów", "pl").hits[0].is_fallback is False


def test_facet_counts_and_paging_are_exact_past_two_hundred_hits(corpus, locales):
    countries = {
        "DE": factories.CountryFactory(code="DE", name="Germany", locale=locales["lv"]),
        "PL": factories.CountryFactory(code="PL", name="Polija", locale=locales["lv"]),
    }
    for number in range(215):
        factories.PartnerFactory(
            name=f"Ostas partneris {number}",
            description="Ostu apvienība.",
            country=countries["DE" if number < 130 else "PL"],
            locale=locales["lv"],
        )
    refresh_index()
    result = services.search("ostu partneri", "lv", types=["partner"], page=11, page_size=20)
    assert result.count == 215
    assert {facet.value: facet.count for facet in result.facets["country"]} == {
        "DE": 130,
        "PL": 85,
    }
    assert result.num_pages == 11 and len(result.hits) == 15


# --- What is indexed -------------------------------------------------------------------------


def test_no_answer_feedback_explanation_or_block_label_can_be_found(quiz_lesson):
    for word in ANSWER_WORDS:
        assert services.search(word, "en").count == 0, word
        assert services.autocomplete(word, "en") == [], word
    # What a learner sees before an attempt is found: the question and its answers' text.
    for word in ("harbour hosts", "Karlshamn", "Warnemünde", "Windy", "basics"):
        assert ("lesson", quiz_lesson.pk) in ids(services.search(word, "en")), word
    snippet = services.search("Karlshamn", "en").hits[0].snippet
    assert "zephyrine" not in snippet and "quorlish" not in snippet
