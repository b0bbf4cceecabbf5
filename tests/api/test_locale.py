"""Locale negotiation and fallback: ?locale= > Accept-Language > en."""

import pytest

from lms.i18n import UnknownLocale, locale_from_accept_language, negotiate_locale
from tests import factories
from tests.api.conftest import translate, translate_snippet


@pytest.fixture
def polish(catalogue):
    """ "Working across borders" is translated into Polish; the other two courses are not."""
    return translate(catalogue["borders"], "pl", title="Praca ponad granicami")


def by_title(data):
    return {item["title"]: item for item in data["results"]}


def test_list_serves_translation_or_fallback_with_correct_count(api, catalogue, polish):
    data = api.get_json("/api/v1/courses/?locale=pl")
    assert data["count"] == 3
    items = by_title(data)
    assert set(items) == {"Praca ponad granicami", "Sound of the Baltic", "Audiences abroad"}
    translated = items["Praca ponad granicami"]
    assert translated["id"] == polish.pk
    assert translated["locale"] == "pl" and translated["is_fallback"] is False
    assert translated["available_locales"] == ["en", "pl"]
    fallback = items["Sound of the Baltic"]
    assert fallback["locale"] == "en" and fallback["is_fallback"] is True
    assert fallback["available_locales"] == ["en"]


def test_english_list_never_mixes_in_translations(api, catalogue, polish):
    data = api.get_json("/api/v1/courses/?locale=en")
    assert data["count"] == 3
    assert {item["locale"] for item in data["results"]} == {"en"}
    assert all(item["is_fallback"] is False for item in data["results"])
    borders = by_title(data)["Working across borders"]
    assert borders["available_locales"] == ["en", "pl"]


def test_pagination_counts_stay_right_with_fallback(api, catalogue, polish):
    first = api.get_json("/api/v1/courses/?locale=pl&page_size=2")
    second = api.get_json("/api/v1/courses/?locale=pl&page_size=2&page=2")
    assert first["count"] == second["count"] == 3
    ids = [item["id"] for item in first["results"] + second["results"]]
    assert len(ids) == len(set(ids)) == 3


def test_accept_language_picks_best_supported(api, catalogue, polish):
    response = api.get("/api/v1/courses/", HTTP_ACCEPT_LANGUAGE="fr-FR, pl-PL;q=0.8, de;q=0.5")
    # Polish first; the courses without a Polish translation come in English.
    assert response["Content-Language"] == "pl, en"
    assert "Praca ponad granicami" in by_title(response.json())


def test_locale_parameter_wins_over_accept_language(api, catalogue, polish):
    response = api.get("/api/v1/courses/?locale=en", HTTP_ACCEPT_LANGUAGE="pl")
    assert response["Content-Language"] == "en"
    assert "Working across borders" in by_title(response.json())


def test_without_locale_or_header_english(api, catalogue, polish):
    response = api.get("/api/v1/courses/")
    assert response["Content-Language"] == "en"
    assert {item["locale"] for item in response.json()["results"]} == {"en"}


def test_unsupported_accept_language_falls_back_to_english(api, catalogue):
    response = api.get("/api/v1/courses/", HTTP_ACCEPT_LANGUAGE="fr, es;q=0.5")
    assert response.status_code == 200
    assert response["Content-Language"] == "en"


def test_detail_with_any_id_of_the_group_serves_requested_locale(api, catalogue, polish):
    english = catalogue["borders"]
    data = api.get_json(f"/api/v1/courses/{english.pk}/?locale=pl")
    assert data["id"] == polish.pk and data["locale"] == "pl" and data["is_fallback"] is False
    data = api.get_json(f"/api/v1/courses/{polish.pk}/?locale=en")
    assert data["id"] == english.pk and data["locale"] == "en"


def test_detail_without_translation_serves_fallback(api, catalogue, polish):
    response = api.get(f"/api/v1/courses/{polish.pk}/?locale=de")
    data = response.json()
    assert data["id"] == catalogue["borders"].pk
    assert data["locale"] == "en" and data["is_fallback"] is True
    # The language of the body actually served, not the one asked for.
    assert response["Content-Language"] == "en"


def test_detail_without_locale_serves_the_page_as_it_is(api, catalogue, polish):
    response = api.get(f"/api/v1/courses/{polish.pk}/")
    assert response.json()["id"] == polish.pk
    assert response.json()["is_fallback"] is False
    assert response["Content-Language"] == "pl"


def test_syllabus_of_translation_falls_back_per_lesson(api, catalogue, polish):
    english_lessons = list(catalogue["borders"].get_lessons())
    polish_first = translate(english_lessons[0], "pl", title="Lekcja 1")
    data = api.get_json(f"/api/v1/courses/{polish.pk}/?locale=pl")
    lessons = data["lessons"]
    assert [lesson["title"] for lesson in lessons] == ["Lekcja 1", "Borders lesson 2"]
    assert lessons[0]["id"] == polish_first.pk and lessons[0]["is_fallback"] is False
    assert lessons[0]["available_locales"] == ["en", "pl"]
    assert lessons[1]["locale"] == "en" and lessons[1]["is_fallback"] is True
    assert lessons[1]["api_url"].endswith(f"/api/v1/lessons/{english_lessons[1].pk}/")


def test_linked_snippets_named_in_requested_locale(api, catalogue, directory, polish):
    translate_snippet(directory["design"], "pl", name="Wzornictwo")
    translate_snippet(directory["PL"], "pl", name="Polska")
    data = api.get_json(f"/api/v1/courses/{polish.pk}/?locale=pl")
    assert data["subsectors"] == [{"slug": "design", "name": "Wzornictwo"}]
    assert {"code": "PL", "name": "Polska"} in data["countries"]
    assert {"code": "DE", "name": "Germany"} in data["countries"]


def test_snippet_lists_fall_back(api, directory):
    polish_design = translate_snippet(directory["design"], "pl", name="Wzornictwo")
    data = api.get_json("/api/v1/subsectors/?locale=pl")
    items = {item["slug"]: item for item in data["results"]}
    assert data["count"] == 2
    assert items["design"]["id"] == polish_design.pk
    assert items["design"]["name"] == "Wzornictwo" and items["design"]["is_fallback"] is False
    assert items["design"]["available_locales"] == ["en", "pl"]
    assert items["music"]["locale"] == "en" and items["music"]["is_fallback"] is True


def test_partner_detail_in_requested_locale(api, directory):
    goethe = directory["goethe"]
    german = translate_snippet(goethe, "de", description="Ein Kulturinstitut")
    data = api.get_json(f"/api/v1/partners/{goethe.pk}/?locale=de")
    assert data["id"] == german.pk and data["locale"] == "de"
    assert data["description"] == "Ein Kulturinstitut"
    assert data["country"] == {"code": "DE", "name": "Germany"}


def test_unknown_locale_message_and_codes(api, catalogue):
    for value in ["xx", "de-AT", "", "en "]:
        data = api.get_json(f"/api/v1/courses/?locale={value}", status=400)
        assert "en, de, da, sv, fi, et, lv, lt, pl" in data["detail"]


@pytest.mark.parametrize(
    "header,expected",
    [
        ("pl", "pl"),
        ("de-AT,de;q=0.9", "de"),
        ("fr;q=1, lt;q=0.4, sv;q=0.6", "sv"),
        ("*", None),
        ("", None),
        ("garbage;;;q=x", None),
    ],
)
def test_accept_language_parsing(header, expected):
    assert locale_from_accept_language(header) == expected


def test_negotiate_locale_rejects_unknown(db):
    with pytest.raises(UnknownLocale) as error:
        negotiate_locale("klingon")
    assert error.value.valid[0] == "en"


def test_uppercase_locale_is_accepted(api, catalogue, polish):
    response = api.get("/api/v1/courses/?locale=PL")
    assert response.status_code == 200 and response["Content-Language"] == "pl, en"


def test_case_study_fallback(api, case_study_index):
    study = factories.CaseStudyPageFactory(
        parent=case_study_index, locale=case_study_index.locale, title="Studio"
    )
    lithuanian = translate(study, "lt", title="Studija")
    other = factories.CaseStudyPageFactory(
        parent=case_study_index, locale=case_study_index.locale, title="Festival"
    )
    data = api.get_json("/api/v1/case-studies/?locale=lt")
    items = by_title(data)
    assert items["Studija"]["id"] == lithuanian.pk
    assert items["Festival"]["id"] == other.pk and items["Festival"]["is_fallback"] is True
