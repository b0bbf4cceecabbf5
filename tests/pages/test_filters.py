"""The catalogue's and the partner directory's filters: GET forms, readable errors, the map."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.baltic_map import (
    MAP_EAST,
    MAP_HEIGHT,
    MAP_NORTH,
    MAP_SOUTH,
    MAP_WEST,
    MAP_WIDTH,
    project,
)
from courses.models import CoursePage
from courses.web.pages import CATALOGUE_PAGE_SIZE
from tests import factories

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def titles(page):
    return sorted(a.get_text(strip=True) for a in page.select(".cards .card h3 a"))


@pytest.fixture
def catalogue(course_index, partners, locales):
    design = partners["rostock"].subsectors.get()
    film = partners["hamburg"].subsectors.get()
    germany = partners["rostock"].country
    poland = partners["szczecin"].country
    make = factories.CoursePageFactory
    a = make(parent=course_index, locale=course_index.locale, title="Design in Germany")
    a.subsectors.set([design])
    a.countries.set([germany])
    a.save()
    b = make(
        parent=course_index,
        locale=course_index.locale,
        title="Film in Poland",
        level=CoursePage.Level.ADVANCED,
    )
    b.subsectors.set([film])
    b.countries.set([poland])
    b.save()
    c = make(parent=course_index, locale=course_index.locale, title="Design everywhere")
    c.subsectors.set([design])
    c.save()
    german = a.copy_for_translation(locales["de"], copy_parents=True)
    german.title = "Gestaltung in Deutschland"
    german.save_revision().publish()
    for ancestor in german.get_ancestors().filter(depth__gt=1).specific():
        if not ancestor.live:
            ancestor.save_revision().publish()
    return course_index


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ["Design everywhere", "Design in Germany", "Film in Poland"]),
        ("?subsector=design", ["Design everywhere", "Design in Germany"]),
        ("?country=PL", ["Film in Poland"]),
        ("?level=advanced", ["Film in Poland"]),
        ("?language=de", ["Design in Germany"]),
        ("?subsector=design&country=DE", ["Design in Germany"]),
        ("?subsector=film&country=DE", []),
    ],
)
def test_catalogue_filters(client, catalogue, query, expected):
    page = soup(client.get(f"/en/courses/{query}"))
    assert titles(page) == expected
    if not expected:
        assert "No courses match these filters." in page.get_text()


def test_catalogue_in_german_mixes_translations_and_fallbacks(client, catalogue):
    page = soup(client.get("/de/courses/"))
    assert titles(page) == ["Design everywhere", "Film in Poland", "Gestaltung in Deutschland"]
    fallback_cards = [c for c in page.select(".card") if c.select(".tag--lang")]
    assert len(fallback_cards) == 2
    # The tag says the served language as a German reader says it, not "In English".
    assert {c.select_one(".tag--lang").get_text(strip=True) for c in fallback_cards} == {
        "Auf Englisch"
    }
    # The subsector filter shows the German name of the subsector, keyed by its slug.
    options = {o["value"]: o.get_text() for o in page.select("select[name=subsector] option")}
    assert options["design"] == "Gestaltung"


@pytest.mark.parametrize(
    "query",
    ["?subsector=nope", "?country=XX", "?level=expert", "?language=klingon", "?country=%00"],
)
def test_bad_filter_values_get_a_message_and_are_ignored(client, catalogue, query):
    page = soup(client.get(f"/en/courses/{query}"))
    alert = page.select_one("[role=alert]")
    assert alert is not None and "ignored" in alert.get_text()
    assert len(titles(page)) == 3


@pytest.mark.parametrize("number", ["abc", "999", "-1", "0"])
def test_bad_page_numbers_show_a_page(client, catalogue, number):
    assert len(titles(soup(client.get(f"/en/courses/?page={number}")))) == 3


def test_catalogue_paginates_and_keeps_filters(client, course_index):
    for number in range(CATALOGUE_PAGE_SIZE + 2):
        factories.CoursePageFactory(
            parent=course_index, locale=course_index.locale, title=f"Course {number:02d}"
        )
    first = soup(client.get("/en/courses/?level=beginner"))
    assert len(titles(first)) == CATALOGUE_PAGE_SIZE
    next_link = first.select_one(".pagination a[rel=next]")["href"]
    assert "level=beginner" in next_link and "page=2" in next_link
    assert len(titles(soup(client.get(f"/en/courses/{next_link}")))) == 2


def test_catalogue_query_count_does_not_grow_with_courses(client, course_index):
    def queries_for_catalogue():
        client.get("/en/courses/")  # warm Wagtail's caches (site root paths)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/courses/").status_code == 200
        return len(queries)

    factories.CoursePageFactory(parent=course_index, locale=course_index.locale)
    one = queries_for_catalogue()
    for _number in range(CATALOGUE_PAGE_SIZE - 1):
        factories.CoursePageFactory(parent=course_index, locale=course_index.locale)
    assert queries_for_catalogue() == one


def test_partner_directory_filters(client, partners):
    def names(query):
        return titles(soup(client.get(f"/en/partners/{query}")))

    assert names("") == ["Hamburg Film", "Rostock Studio", "Szczecin Media"]
    assert names("?country=DE") == ["Hamburg Film", "Rostock Studio"]
    assert names("?subsector=design") == ["Rostock Studio", "Szczecin Media"]
    assert names("?country=PL&subsector=film") == []


@pytest.mark.parametrize("query", ["?country=ZZ", "?subsector=unknown"])
def test_partner_directory_bad_filters(client, partners, query):
    page = soup(client.get(f"/en/partners/{query}"))
    assert page.select_one("[role=alert]")
    assert len(titles(page)) == 3


def test_partner_map_has_a_marker_per_placed_partner(client, partners):
    page = soup(client.get("/en/partners/"))
    svg = page.select_one(".partner-map svg")
    assert svg["viewbox"] == f"0 0 {MAP_WIDTH} {MAP_HEIGHT}"
    markers = svg.select("a.marker")
    # Szczecin Media has no coordinates: listed, but not on the map.
    assert [m["aria-label"] for m in markers] == [
        "Hamburg Film, Hamburg",
        "Rostock Studio, Rostock",
    ]
    rostock = markers[1].find("circle")
    x, y = project(12.0991, 54.0924)
    assert (float(rostock["cx"]), float(rostock["cy"])) == (x, y)
    assert markers[1]["href"] == "#partner-rostock-studio"
    assert page.find(id="partner-rostock-studio")


def test_map_projection_places_the_corners_and_drops_far_points():
    assert project(MAP_WEST, MAP_NORTH) == (0.0, 0.0)
    assert project(MAP_EAST, MAP_SOUTH) == (MAP_WIDTH, MAP_HEIGHT)
    # Kiel is west of Rostock and north of Hamburg.
    kiel, rostock, hamburg = project(10.13, 54.32), project(12.1, 54.09), project(9.99, 53.55)
    assert kiel[0] < rostock[0] and kiel[1] < hamburg[1]
    assert project(2.35, 48.86) is None


def test_partner_detail(client, partners):
    page = soup(client.get("/en/partners/rostock-studio/"))
    assert page.h1.get_text(strip=True) == "Rostock Studio"
    assert "Design" in page.get_text()


def test_partner_in_german_uses_the_german_country_name(client, partners):
    page = soup(client.get("/de/partners/rostock-studio/"))
    assert "Deutschland" in page.get_text()


def test_partner_detail_shows_its_marker_linking_to_the_directory(client, partners):
    page = soup(client.get("/en/partners/rostock-studio/"))
    markers = page.select(".partner-map a.marker")
    assert [m["href"] for m in markers] == ["/en/partners/#partner-rostock-studio"]
    # A partner without coordinates has no map.
    assert not soup(client.get("/en/partners/szczecin-media/")).select(".partner-map")


def test_catalogue_filters_by_partner_chosen_by_name_like_the_api(client, catalogue, partners):
    """The page and the API share one FilterSet: the same partner gives the same courses."""
    course = CoursePage.objects.get(title="Film in Poland")
    course.partners.set([partners["rostock"]])
    course.save_revision().publish()
    page = soup(client.get("/en/courses/"))
    options = {o["value"]: o.get_text() for o in page.select("select[name=partner] option")}
    assert options["rostock-studio"] == "Rostock Studio"
    assert titles(soup(client.get("/en/courses/?partner=rostock-studio"))) == ["Film in Poland"]
    api = client.get("/api/v1/courses/?partner=rostock-studio").json()["results"]
    assert [item["title"] for item in api] == ["Film in Poland"]
