"""The partner map: Natural Earth's geography from the committed file, one marker per city with
its count, and the partners it cannot place listed beside it, never dropped."""

import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from courses import baltic_map
from courses.demo.directory import CITY_COORDINATES
from courses.map_data import build
from tests import factories

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


# The network's partner organisations at their cities (facts of shared/partners.md): Munich's
# Goethe-Institut lies south of the map, Tallinn has three partners, Szczecin, Aarhus, Kiel and
# Rietavas two each; 21 partners, 20 of them on the map in 14 cities.
NETWORK = [
    ("goethe-institut", "Goethe-Institut", "DE", "Munich"),
    ("city-of-vilnius", "City of Vilnius", "LT", "Vilnius"),
    ("creative-estonia", "Creative Estonia", "EE", "Tallinn"),
    ("danish-cultural-institute", "Danish Cultural Institute", "DK", "Copenhagen"),
    (
        "european-russian-innopartnership",
        "European-Russian InnoPartnership",
        "RU",
        "Saint Petersburg",
    ),
    ("filmby-aarhus", "Filmby Aarhus", "DK", "Aarhus"),
    ("hamburg-kreativ-gesellschaft", "Hamburg Kreativ Gesellschaft", "DE", "Hamburg"),
    (
        "westpomeranian-marshals-office",
        "Marshal's Office of the Westpomeranian Region",
        "PL",
        "Szczecin",
    ),
    ("media-dizajn", "Media Dizajn", "PL", "Szczecin"),
    ("media-evolution-city", "Media Evolution City Malmö", "SE", "Malmö"),
    ("ars-baltica", "ARS BALTICA", "DE", "Kiel"),
    ("xamk", "South-Eastern Finland University of Applied Sciences", "FI", "Kotka"),
    ("taltech", "TalTech University", "EE", "Tallinn"),
    ("tallinn-business-incubators", "Tallinn Business Incubators", "EE", "Tallinn"),
    ("city-of-kiel", "City of Kiel, Lord Mayor's Office", "DE", "Kiel"),
    ("municipality-of-aarhus", "Municipality of Aarhus", "DK", "Aarhus"),
    (
        "rostock-urban-development",
        "Hanseatic City of Rostock, Department for Urban Development, Urban Planning and Economy",
        "DE",
        "Rostock",
    ),
    (
        "rietavas-tourism-business-centre",
        "Public Institution Rietavas Tourism and Business Information Centre",
        "LT",
        "Rietavas",
    ),
    (
        "rietavas-women-employment-centre",
        "Association Rietavas Women Employment Centre (RMUC)",
        "LT",
        "Rietavas",
    ),
    (
        "euroregion-baltic-communes",
        "Association of Polish Communes of Euroregion Baltic (ERB)",
        "PL",
        "Elbląg",
    ),
    ("kreativum", "Kreativum Science Center", "SE", "Karlshamn"),
]


@pytest.fixture
def network(locales):
    """The partners of ``NETWORK``, built with factories, with the coordinates of their
    cities."""
    countries = {}
    partners = {}
    for slug, name, code, city in NETWORK:
        if code not in countries:
            countries[code] = factories.CountryFactory(code=code, name=code)
        latitude, longitude = CITY_COORDINATES[city]
        partners[slug] = factories.PartnerFactory(
            name=name,
            slug=slug,
            city=city,
            country=countries[code],
            latitude=Decimal(str(latitude)),
            longitude=Decimal(str(longitude)),
        )
    return partners


def markers(page):
    return page.select(".partner-map svg a.marker")


def off_map(page):
    return page.select(".partner-map-elsewhere li a")


def test_munich_is_listed_outside_the_map_with_a_link(client, network):
    page = soup(client.get("/en/partners/"))
    listed = off_map(page)
    assert [a.get_text(strip=True) for a in listed] == ["Goethe-Institut"]
    assert listed[0]["href"] == "/en/partners/goethe-institut/"
    assert "(Munich)" in listed[0].parent.get_text()
    assert "outside the map" in page.select_one(".partner-map-elsewhere").get_text()
    assert not any("Goethe" in m["aria-label"] for m in markers(page))


def test_a_partner_without_coordinates_is_listed_too(client, network):
    network["kreativum"].latitude = network["kreativum"].longitude = None
    network["kreativum"].save()
    names = [a.get_text(strip=True) for a in off_map(soup(client.get("/en/partners/")))]
    assert names == ["Goethe-Institut", "Kreativum Science Center"]


def test_two_partners_in_one_city_form_one_marker_with_count_2(client, network):
    page = soup(client.get("/en/partners/"))
    (rietavas,) = [m for m in markers(page) if m["aria-label"].startswith("Rietavas")]
    assert rietavas["aria-label"] == (
        "Rietavas: 2 partners (Association Rietavas Women Employment Centre (RMUC), "
        "Public Institution Rietavas Tourism and Business Information Centre)"
    )
    assert rietavas.select_one("text.count").get_text() == "2"
    assert "marker--group" in rietavas["class"]
    (tallinn,) = [m for m in markers(page) if m["aria-label"].startswith("Tallinn")]
    assert tallinn.select_one("text.count").get_text() == "3"
    # A partner alone in its city keeps its own label and link.
    (malmo,) = [m for m in markers(page) if "Malmö" in m["aria-label"]]
    assert malmo["aria-label"] == "Media Evolution City Malmö, Malmö"
    assert malmo["href"] == "#partner-media-evolution-city"
    assert not malmo.select("text.count")


def test_every_partner_appears_exactly_once_on_the_map_or_in_the_list(client, network):
    network["xamk"].latitude = None
    network["xamk"].save()
    page = soup(client.get("/en/partners/"))
    on_map = [
        int(m.select_one("text.count").get_text()) if m.select("text.count") else 1
        for m in markers(page)
    ]
    listed = off_map(page)
    assert sum(on_map) + len(listed) == len(network) == 21
    named = [m["aria-label"] for m in markers(page)] + [a.get_text() for a in listed]
    for partner in network.values():
        assert sum(partner.name in label for label in named) == 1, partner.name
    caption = page.select_one("#partner-map-caption").get_text(" ", strip=True)
    assert caption == "Map of the Baltic Sea Region with 19 partners"


def test_markers_lie_in_the_view_box_where_their_cities_are(client, network):
    page = soup(client.get("/en/partners/"))
    svg = page.select_one(".partner-map svg")
    assert svg["viewbox"] == f"0 0 {baltic_map.MAP_WIDTH} {baltic_map.MAP_HEIGHT}"
    spots = {}
    for marker in markers(page):
        circle = marker.find("circle")
        x, y = float(circle["cx"]), float(circle["cy"])
        assert 0 <= x <= baltic_map.MAP_WIDTH and 0 <= y <= baltic_map.MAP_HEIGHT
        spots[marker["aria-label"].split(":")[0].split(", ")[-1]] = (x, y)
    # Copenhagen is west of Malmö, Kiel west of Rostock; Tallinn's three partners mark Tallinn.
    assert spots["Copenhagen"][0] < spots["Malmö"][0]
    assert spots["Kiel"][0] < spots["Rostock"][0]
    latitude, longitude = CITY_COORDINATES["Tallinn"]
    assert spots["Tallinn"] == baltic_map.project(longitude, latitude)


def test_the_svg_has_a_title_and_a_description_and_the_geography(client, network):
    page = soup(client.get("/en/partners/"))
    svg = page.select_one(".partner-map svg")
    assert svg.find("title", recursive=False).get_text(strip=True).startswith("Map of the Baltic")
    desc = svg.find("desc")
    assert desc["id"] == svg["aria-describedby"]
    assert "country borders" in desc.get_text()
    geography = baltic_map.geography()
    assert svg.select_one("path.land")["d"] == geography["land"]
    assert svg.select_one("path.border")["d"] == geography["borders"]


def test_the_map_speaks_the_readers_language(client, network):
    page = soup(client.get("/da/partners/"))
    assert page.select_one("html")["lang"] == "da"
    title = page.select_one(".partner-map svg title").get_text(strip=True)
    assert title == "Kort over Østersøregionen med 20 partnere"
    assert page.select_one("#partner-map-caption").get_text(strip=True) == title
    assert off_map(page)[0]["href"] == "/da/partners/goethe-institut/"


def test_partner_detail_outside_the_map_has_no_map(client, network):
    assert not soup(client.get("/en/partners/goethe-institut/")).select(".partner-map")
    detail = soup(client.get("/en/partners/taltech/"))
    (marker,) = markers(detail)
    assert marker["href"] == "/en/partners/#partner-taltech"
    assert not detail.select(".partner-map-elsewhere")


# --- place(): the grouping rule on plain values ---------------------------------------------


def test_place_groups_by_city_name_or_spot_and_keeps_the_unplaced():
    items = [
        ("A", "Rostock", (10.0, 10.0)),
        ("B", "rostock ", (11.0, 12.0)),
        ("C", "", (40.0, 40.0)),
        ("D", "", (41.0, 41.0)),
        ("E", "Malmö", (60.0, 40.0)),
        ("F", "Munich", None),
    ]
    markers, unplaced = baltic_map.place(
        items, position=lambda i: i[2], city=lambda i: i[1], name=lambda i: i[0]
    )
    assert [(m.label, m.names, m.position) for m in markers] == [
        ("Rostock", ["A", "B"], (10.5, 11.0)),
        ("", ["C", "D"], (40.5, 40.5)),
        ("Malmö", ["E"], (60.0, 40.0)),
    ]
    assert unplaced == [items[5]]


def test_the_same_city_name_far_away_is_another_marker():
    items = [("A", "Frankfurt", (100.0, 100.0)), ("B", "Frankfurt", (400.0, 100.0))]
    markers, _ = baltic_map.place(
        items, position=lambda i: i[2], city=lambda i: i[1], name=lambda i: i[0]
    )
    assert len(markers) == 2


# --- The geography file ---------------------------------------------------------------------


NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def absolute_points(d):
    """The points of path data written as build.path_data writes it (M x y l dx dy ...)."""
    for shape in re.findall(r"M[^M]+", d):
        start, _, rest = shape[1:].rstrip("z").partition("l")
        x, y = (float(v) for v in NUMBER.findall(start))
        yield x, y
        steps = [float(v) for v in NUMBER.findall(rest)]
        for dx, dy in zip(steps[::2], steps[1::2], strict=True):
            x, y = x + dx, y + dy
            yield x, y


def test_the_committed_file_names_its_source_licence_and_command():
    data = baltic_map.geography()
    assert "Natural Earth" in data["source"] and "world-atlas" in data["source"]
    assert "public domain" in data["licence"]
    assert data["regenerate"] == build.REGENERATE
    assert data["view_box"] == [0.0, 0.0, baltic_map.MAP_WIDTH, baltic_map.MAP_HEIGHT]
    assert baltic_map.MAP_FILE.stat().st_size < 64 * 1024


def test_the_land_and_the_borders_are_drawn_within_the_view_box():
    geography = baltic_map.geography()
    width, height = baltic_map.MAP_WIDTH, baltic_map.MAP_HEIGHT
    for kind in ("land", "borders"):
        points = list(absolute_points(geography[kind]))
        assert len(points) > 100, kind
        outside = [
            (x, y)
            for x, y in points
            if not (-1e-6 <= x <= width + 1e-6 and -1e-6 <= y <= height + 1e-6)
        ]
        assert not outside, (kind, outside[:5])
    # The coastline reaches all four quarters of the map (Norway, Finland, Germany, Lithuania).
    land = list(absolute_points(geography["land"]))
    quarters = {(x < width / 2, y < height / 2) for x, y in land}
    assert len(quarters) == 4


def test_cities_on_land_and_at_sea_where_they_should_be():
    """Coastal partner cities lie within a few map units of a coastline point, Gotland is
    drawn (its middle is near its coast), and the Baltic Proper between it and Latvia is far
    from any: the projection of the file and of the markers is the same."""
    points = list(absolute_points(baltic_map.geography()["land"]))

    def nearest(lon, lat):
        x, y = baltic_map.project(lon, lat)
        return min(((px - x) ** 2 + (py - y) ** 2) ** 0.5 for px, py in points)

    # Coastal cities are close to a coastline point.
    for lon, lat in [
        (24.7536, 59.4370),
        (12.5683, 55.6761),
        (12.0991, 54.0924),
        (19.4045, 54.1561),
    ]:
        assert nearest(lon, lat) < 25, (lon, lat)
    # Gotland is drawn: its middle is close to its own coastline.
    assert nearest(18.5, 57.45) < 25
    # The middle of the sea between Gotland and Latvia is far from any coast.
    assert nearest(20.0, 57.0) > 25


def test_the_committed_file_is_what_the_script_makes_from_world_atlas(tmp_path):
    if not build.DEFAULT_SOURCE.exists():
        # make test installs it (make browser-tools, npm ci) wherever npm is; CI always does.
        message = f"{build.DEFAULT_SOURCE} is missing: run npm ci (make browser-tools) to compare"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    topology = json.loads(Path(build.DEFAULT_SOURCE).read_text())
    made = build.serialize(build.build(topology))
    assert made == baltic_map.MAP_FILE.read_text(encoding="utf-8"), (
        f"regenerate it: {build.REGENERATE}"
    )
    output = tmp_path / "map.json"
    assert build.main(["--output", str(output)]) == 0
    assert build.main(["--check", "--output", str(output)]) == 0
    output.write_text("{}\n")
    assert build.main(["--check", "--output", str(output)]) == 1
