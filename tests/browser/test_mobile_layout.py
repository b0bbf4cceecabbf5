"""At 360 px the header is one compact row whose menu drops down from a disclosure (no
JavaScript), the catalogue's filters fold away, and no page scrolls sideways; on a wide
screen the menu and the filters are simply there."""

import pytest

from tests.browser.test_learner_journey import site_content  # noqa: F401

PATHS = ["/{lang}/", "/{lang}/courses/", "/{lang}/courses/{course}/", "/{lang}/partners/"]


@pytest.mark.parametrize("language", ["fi", "pl"])
def test_at_360_pixels_the_header_is_compact_and_nothing_scrolls_sideways(
    page,
    site_content,  # noqa: F811
    screenshot,
    axe_check,
    language,
):
    page.set_viewport_size({"width": 360, "height": 780})
    for template in PATHS:
        path = template.format(lang=language, course=site_content.slug)
        page.goto(path)
        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= 120, (path, header)
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 360, path

    # The menu: closed, its links hidden; opened, they drop down below the header's row.
    page.goto(f"/{language}/courses/")
    courses_link = page.locator(".site-nav a[aria-current='page']")
    assert not courses_link.is_visible()
    filters = page.locator(".filters .fields")
    assert not filters.is_visible()
    screenshot(page, f"mobile-360-catalogue-closed-{language}", full_page=False)
    page.locator(".site-menu > summary").click()
    assert courses_link.is_visible()
    assert page.locator(".site-header").bounding_box()["height"] <= 120
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    screenshot(page, f"mobile-360-menu-open-{language}", full_page=False)
    axe_check(page, f"menu open {language}")
    page.locator(".site-menu > summary").click()

    # The filters: one row until opened.
    page.locator(".filters-toggle > summary").click()
    assert filters.is_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    screenshot(page, f"mobile-360-filters-open-{language}")
    axe_check(page, f"filters open {language}")


def test_on_a_wide_screen_the_menu_and_filters_are_open(page, site_content, screenshot):  # noqa: F811
    page.goto("/pl/courses/")
    assert not page.locator(".site-menu > summary").is_visible()
    assert page.locator(".site-nav a[aria-current='page']").is_visible()
    assert not page.locator(".filters-toggle > summary").is_visible()
    assert page.locator(".filters .fields").is_visible()
    assert page.locator(".site-header").bounding_box()["height"] <= 120
    screenshot(page, "wide-catalogue-pl", full_page=False)


# Each language's own words: long German and Finnish compounds, Latvian and Lithuanian
# inflections. Every page type of the learner's first visit, in all nine languages.
ALL_LANGUAGES = ["en", "de", "da", "sv", "fi", "et", "lv", "lt", "pl"]
FIRST_VISIT = [*PATHS, "/{lang}/search/?q=borders", "/{lang}/accounts/signup/"]


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_no_page_scrolls_sideways_at_360_pixels_in_any_language(
    page,
    site_content,  # noqa: F811
    screenshot,
    language,
):
    page.set_viewport_size({"width": 360, "height": 780})
    wide = {}
    for template in FIRST_VISIT:
        path = template.format(lang=language, course=site_content.slug)
        answer = page.goto(path)
        assert answer.status == 200, path
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > 360:
            wide[path] = width
        assert page.locator(".site-header").bounding_box()["height"] <= 120, path
    screenshot(page, f"mobile-360-signup-{language}", full_page=False)
    assert wide == {}, wide
