"""A learner searches in their own language with a word form the text does not use, finds the
module, and finds what exists only in English marked as such (JOURNEYS: a learner, 2)."""

from types import SimpleNamespace

import pytest

from tests import factories
from tests.search.conftest import refresh_index, tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def search_content(locales, home, course_index, case_study_index):
    english = SimpleNamespace(
        home=home, course_index=course_index, case_study_index=case_study_index
    )
    polish = tree(locales, "pl", translation_of=english)
    course = factories.CoursePageFactory(
        parent=course_index,
        locale=locales["en"],
        title="Funding a joint project",
        summary="Where partners find the money for work across borders.",
    )
    factories.CoursePageFactory(
        parent=polish.course_index,
        locale=locales["pl"],
        translation_key=course.translation_key,
        title="Źródła finansowania wspólnego projektu",
        summary="Skąd partnerzy biorą pieniądze na współpracę ponad granicami.",
    )
    factories.CaseStudyPageFactory(
        parent=case_study_index,
        locale=locales["en"],
        title="Lighthouse festivals in Rostock",
        summary="Three harbour towns run one music festival.",
    )
    refresh_index()


def search(page, path, words):
    page.goto(path)
    page.get_by_role("searchbox").fill(words)
    page.get_by_role("button", name="Szukaj").click()
    page.wait_for_load_state()


def test_a_polish_learner_finds_the_module_by_another_word_form_and_english_content_marked(
    page, search_content, axe_check, screenshot
):
    # "finansowaniem" (instrumental) finds the title's "finansowania" (genitive).
    search(page, "/pl/search/", "finansowaniem projektów")
    hits = page.locator("ol.hits > li")
    assert hits.count() == 1
    assert "Źródła finansowania wspólnego projektu" in hits.first.inner_text()
    assert hits.first.locator(".tag--lang").count() == 0
    axe_check(page, "search, Polish hit")
    screenshot(page, "search-pl-inflected")

    # The case study exists only in English: found by its English words, tagged as English.
    search(page, "/pl/search/", "festival")
    hit = page.locator("ol.hits > li").first
    assert "Lighthouse festivals in Rostock" in hit.inner_text()
    assert hit.locator("h3").get_attribute("lang") == "en"
    assert hit.locator(".tag--lang").count() == 1
    axe_check(page, "search, English fallback hit")
    screenshot(page, "search-pl-fallback")

    page.set_viewport_size({"width": 360, "height": 780})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(page, "search-pl-fallback-360")
