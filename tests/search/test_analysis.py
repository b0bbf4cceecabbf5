"""search.analysis: the stemmers and stop words of each content language."""

import pytest

from search import analysis
from search.analysis import latvian

# Real Latvian word forms: each group is one word's forms, which must meet on one stem.
LATVIAN_FORMS = [
    # 2nd declension noun (-is): partneris, partnera, partnerim, partneri; plural
    ["partneris", "partnera", "partnerim", "partneri", "partneru", "partneriem", "partnerus"],
    # 4th declension noun (-a)
    ["sadarbība", "sadarbības", "sadarbībai", "sadarbību", "sadarbībā", "sadarbībām"],
    ["pilsēta", "pilsētas", "pilsētai", "pilsētu", "pilsētā", "pilsētām", "pilsētās"],
    ["osta", "ostas", "ostai", "ostu", "ostā", "ostām", "ostās"],
    # 1st declension noun (-s)
    ["tirgus", "tirgum", "tirgū"],
    ["projekts", "projekta", "projektam", "projektu", "projektā", "projekti", "projektiem"],
    # 5th declension noun (-e)
    ["kultūre", "kultūres", "kultūrei", "kultūrē"],
    # adjective, indefinite and definite, masculine and feminine
    ["radošs", "radoša", "radošam", "radošais", "radošajam", "radošajiem", "radošā", "radošās"],
    ["radošajām", "radošajai", "radošajā", "radošo"],
]


@pytest.mark.parametrize("forms", LATVIAN_FORMS, ids=lambda forms: forms[0])
def test_latvian_forms_of_one_word_share_a_stem(forms):
    assert len({latvian.stem(form) for form in forms}) == 1, {
        form: latvian.stem(form) for form in forms
    }


def test_latvian_stems_keep_three_letters_and_distinct_words_apart():
    assert latvian.stem("ir") == "ir"
    assert latvian.stem("osta") == "ost"
    assert latvian.stem("sadarbība") != latvian.stem("sadarbības partneri")
    assert latvian.stem("radošs") == latvian.stem("radošajām") == "radoš"


def test_every_content_language_but_latvian_has_a_snowball_stemmer():
    assert set(analysis.STEMMED_LANGUAGES) == {"en", "de", "da", "sv", "fi", "et", "lv", "lt", "pl"}
    for code in analysis.STEMMED_LANGUAGES:
        assert analysis.stemmer(code) is not None
    assert analysis.stemmer("xx") is None


@pytest.mark.parametrize(
    "code, text, query",
    [
        ("en", "festivals", "festival"),
        ("de", "Netzwerken", "Netzwerk"),
        ("pl", "finansowania", "finansowaniem"),
        ("lt", "partneriai", "partnerių"),
        ("et", "sadamates", "sadamas"),
        ("fi", "satamissa", "satamien"),
        ("sv", "hamnarna", "hamnen"),
        ("da", "havnene", "havne"),
        ("lv", "ostām", "ostas"),
    ],
)
def test_index_and_query_analysis_meet(code, text, query):
    assert analysis.terms(text, code) == analysis.terms(query, code)


def test_stop_words_where_the_snowball_family_has_them():
    assert analysis.terms("The partners of the network", "en") == ["partner", "network"]
    assert analysis.terms("Die Partner und das Netzwerk", "de") == ["partn", "netzwerk"]
    assert analysis.stop_words("pl") == frozenset()
    assert analysis.terms("Partnerzy i sieć", "pl")[1] == "i"
    assert analysis.analyse("", "en") == ""
    assert analysis.analyse("Hello, world", None) == "hello world"
