"""The API as a partner portal uses it: links in the reader's language, neutral 404s, honest
filters, look-ups by slug and path, sparse fields and the headers a browser may read."""

import pytest

from tests import factories
from tests.api.conftest import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def polish(catalogue):
    """ "Working across borders" is translated into Polish; the other two courses are not."""
    return translate(catalogue["borders"], "pl", title="Praca ponad granicami", slug="praca")


def by_title(data):
    return {item["title"]: item for item in data["results"]}


# --- Links in the reader's language ---------------------------------------------------------


def test_a_fallback_item_links_to_the_page_under_the_requested_language(api, catalogue, polish):
    items = by_title(api.get_json("/api/v1/courses/?locale=pl"))
    sound = items["Sound of the Baltic"]
    assert sound["is_fallback"] is True
    assert sound["url"] == f"http://testserver/pl/{catalogue['sound'].url.split('/', 2)[2]}"
    assert sound["canonical_url"] == f"http://testserver{catalogue['sound'].url}"
    assert sound["canonical_url"].startswith("http://testserver/en/")


def test_a_translated_item_links_to_its_translation(api, catalogue, polish):
    praca = by_title(api.get_json("/api/v1/courses/?locale=pl"))["Praca ponad granicami"]
    assert praca["url"] == praca["canonical_url"] == f"http://testserver{polish.url}"
    assert "/pl/" in praca["url"] and praca["url"].endswith("/praca/")


def test_the_localised_link_serves_the_page_with_the_readers_interface(api, client, catalogue):
    sound = api.get_json(f"/api/v1/courses/{catalogue['sound'].pk}/?locale=lt")
    path = sound["url"].removeprefix("http://testserver")
    assert path.startswith("/lt/")
    page = client.get(path)
    assert page.status_code == 200
    assert page["Content-Language"] == "lt"
    assert "Sound of the Baltic" in page.content.decode()


def test_a_syllabus_links_its_lessons_in_the_readers_language(api, catalogue):
    data = api.get_json(f"/api/v1/courses/{catalogue['borders'].pk}/?locale=de")
    assert data["url"].startswith("http://testserver/de/")
    assert [lesson["url"].split("/")[3] for lesson in data["lessons"]] == ["de", "de"]
    assert all("/en/" in lesson["canonical_url"] for lesson in data["lessons"])


def test_without_a_requested_locale_links_stay_canonical(api, catalogue):
    data = api.get_json(f"/api/v1/courses/{catalogue['sound'].pk}/")
    assert data["url"] == data["canonical_url"] == f"http://testserver{catalogue['sound'].url}"


# --- 404s -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("courses", "No course has this id."),
        ("lessons", "No lesson has this id."),
        ("case-studies", "No case study has this id."),
        ("partners", "No partner has this id."),
        ("subsectors", "No subsector has this id."),
        ("countries", "No country has this id."),
    ],
)
def test_a_missing_and_a_non_numeric_id_get_the_same_neutral_404(api, locales, path, message):
    answers = [
        api.get_json(f"/api/v1/{path}/{value}/", status=404)
        for value in ("987654321", "abc", "9" * 30)
    ]
    assert answers == [{"detail": message, "code": "not_found"}] * 3


# --- Filters tell the truth -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "name", "named"),
    [
        (
            "/api/v1/courses/?subsector=nonexistent",
            "subsector",
            ["design, music", "/api/v1/subsectors/"],
        ),
        ("/api/v1/courses/?country=XX", "country", ["DE, PL", "/api/v1/countries/"]),
        ("/api/v1/case-studies/?partner=nobody", "partner", ["/api/v1/partners/"]),
        ("/api/v1/partners/?subsector=nonexistent", "subsector", ["design, music"]),
        ("/api/v1/partners/?country=xx", "country", ["DE, PL"]),
        ("/api/v1/courses/?level=expert", "level", ["beginner, intermediate, advanced"]),
        ("/api/v1/partners/?kind=circus", "kind", ["cultural"]),
        ("/api/v1/courses/?language=xx", "language", ["en, de, da"]),
    ],
)
def test_an_unknown_vocabulary_value_is_a_400_naming_the_valid_ones(
    api, catalogue, query, name, named
):
    body = api.get_json(query, status=400)
    assert body["code"] == "invalid" and set(body["errors"]) == {name}
    message = body["errors"][name][0]
    assert "Unknown value" in message
    assert all(part in message for part in named), message


def test_an_unknown_locale_lists_the_valid_ones(api, catalogue):
    body = api.get_json("/api/v1/courses/?locale=xx", status=400)
    assert body["code"] == "unknown_locale" and "en, de, da, sv" in body["detail"]


def test_known_vocabulary_values_filter_in_any_case(api, catalogue):
    assert api.get_json("/api/v1/courses/?country=pl")["count"] == 1
    assert api.get_json("/api/v1/courses/?subsector=music")["count"] == 1
    assert api.get_json("/api/v1/courses/?partner=goethe-institut")["count"] == 1


def test_the_web_catalogue_keeps_its_lenient_message(client, catalogue):
    response = client.get("/en/courses/?subsector=nonexistent")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Some filters could not be used and were ignored" in page
    assert "Unknown value" not in page
    assert "Working across borders" in page


def test_a_known_value_nothing_has_is_an_empty_list(api, catalogue):
    factories.SubsectorFactory(slug="film", name="Film")
    assert api.get_json("/api/v1/courses/?subsector=film")["count"] == 0
