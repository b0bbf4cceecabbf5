"""A member of the CCI network looks at the partner map in Danish, in a real browser: the
region's coastlines and borders (Natural Earth), one marker per city with its count, Munich's
partner listed below the map; at 1280 px and at 360 px without sideways scrolling, with
axe-core and screenshots in tests/browser/screenshots/ (partner-map-da-*.png)."""

import pytest

from tests.browser.conftest import SCREENSHOTS
from tests.pages.test_partner_map import network  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 360])
def test_the_partner_map_in_danish(page, network, screenshot, axe_check, width):  # noqa: F811
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/da/partners/")
    assert page.locator("html").get_attribute("lang") == "da"
    figure = page.locator(".partner-map")
    figure.scroll_into_view_if_needed()
    svg = figure.locator("svg")
    box = svg.bounding_box()
    assert box["width"] <= width and box["height"] > box["width"] * 0.5
    # The geography is drawn: the land fills a good part of the map, not a sliver.
    land = svg.locator("path.land").bounding_box()
    assert land["width"] >= box["width"] * 0.95 and land["height"] >= box["height"] * 0.95
    assert svg.locator("path.border").count() == 1
    tallinn = svg.locator("a.marker", has_text="3")
    assert tallinn.count() == 1
    assert tallinn.get_attribute("aria-label").startswith("Tallinn")
    # Each marker sits inside the drawn map.
    for marker in svg.locator("a.marker circle").all():
        spot = marker.bounding_box()
        centre_x, centre_y = spot["x"] + spot["width"] / 2, spot["y"] + spot["height"] / 2
        assert box["x"] <= centre_x <= box["x"] + box["width"]
        assert box["y"] <= centre_y <= box["y"] + box["height"]
    elsewhere = page.locator(".partner-map-elsewhere")
    assert elsewhere.locator("a").all_inner_texts() == ["Goethe-Institut"]
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    screenshot(page, f"partner-map-da-{width}", full_page=False)
    # The map with its caption and the list of partners outside it, as one picture.
    page.locator("section[aria-labelledby=map-heading]").screenshot(
        path=str(SCREENSHOTS / f"partner-map-da-{width}-section.png")
    )
    axe_check(page, f"partner map da {width}")
    # Without JavaScript nothing changes: the map is drawn on the server. A marker leads to
    # its partner in the directory below.
    tallinn.click()
    assert page.url.endswith("/da/partners/#partner-creative-estonia")
    assert page.locator("#partner-creative-estonia").is_visible()


def test_the_partner_map_without_javascript(browser, live_server, network, screenshot):  # noqa: F811
    context = browser.new_context(
        viewport={"width": 360, "height": 780}, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto("/da/partners/")
        svg = page.locator(".partner-map svg")
        assert svg.locator("path.land").bounding_box()["width"] > 300
        assert svg.locator("a.marker").count() == 14  # 20 partners on the map in 14 cities
        assert page.locator(".partner-map-elsewhere a").all_inner_texts() == ["Goethe-Institut"]
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
        screenshot(page, "partner-map-da-360-no-js", full_page=False)
    finally:
        context.close()
