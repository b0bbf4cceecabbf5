"""Language prefixes, the fallback language, the switcher and hreflang links."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def switcher(page):
    return {a["hreflang"]: a["href"] for a in page.select(".lang-switcher a")}


def hreflang(page):
    return {link["hreflang"]: link["href"] for link in page.select("link[rel=alternate]")}


def test_fallback_page_says_which_language_it_shows(client, course):
    page = soup(client.get(f"/lt/courses/{course.slug}/"))
    assert page.html["lang"] == "lt"
    notice = page.select_one(".notice[role=note]").get_text(" ", strip=True)
    assert "Lietuvių" in notice and "English" in notice
    # The English text is marked as English for screen readers.
    assert page.find("article")["lang"] == "en"
    assert page.h1.get_text(strip=True) == course.title


def test_page_in_its_own_language_has_no_notice(client, course):
    assert not soup(client.get(course.url)).select(".notice[role=note]")


def test_links_on_a_fallback_page_keep_the_language_prefix(client, course):
    page = soup(client.get(f"/lt/courses/{course.slug}/"))
    lesson_links = [a["href"] for a in page.select(".syllabus a")]
    assert lesson_links and all(href.startswith("/lt/") for href in lesson_links)
    # …and they lead to the lesson, still in the Lithuanian UI.
    lesson = soup(client.get(lesson_links[0]))
    assert lesson.html["lang"] == "lt" and lesson.h1.get_text(strip=True) == "Lesson 1"


def test_switcher_offers_the_translation_or_the_fallback(client, de_course, course):
    page = soup(client.get(de_course.url))
    targets = switcher(page)
    assert targets["en"] == course.url
    assert targets["de"] == de_course.url
    assert targets["lt"] == f"/lt/courses/{course.slug}/"
    assert page.select_one('.lang-switcher a[aria-current="true"]')["hreflang"] == "de"
    # From the fallback side the German link leads to the German translation.
    assert switcher(soup(client.get(f"/lt/courses/{course.slug}/")))["de"] == de_course.url


def test_switcher_on_a_view_swaps_the_prefix_and_keeps_the_query(client, course):
    page = soup(client.get("/pl/partners/?country=PL"))
    assert switcher(page)["fi"] == "/fi/partners/?country=PL"
    assert switcher(page)["pl"] == "/pl/partners/?country=PL"


def test_hreflang_lists_real_translations_and_x_default(client, de_course, course):
    links = hreflang(soup(client.get(de_course.url)))
    assert set(links) == {"en", "de", "x-default"}
    assert links["de"] == f"http://testserver{de_course.url}"
    assert links["x-default"] == f"http://testserver{course.url}"


def test_hreflang_on_a_view_lists_every_language(client, course):
    links = hreflang(soup(client.get("/de/partners/")))
    assert set(links) == {"en", "de", "da", "sv", "fi", "et", "lv", "lt", "pl", "x-default"}
    assert links["x-default"] == "http://testserver/en/partners/"


def test_fallback_path_of_a_translated_page_serves_the_translation(client, de_course, course):
    """/de/<English path> finds the German translation even though its slug differs."""
    page = soup(client.get(f"/de/courses/{course.slug}/"))
    assert page.h1.get_text(strip=True) == "Kurs auf Deutsch"
    assert not page.select(".notice[role=note]")


def test_translated_locale_falls_back_for_untranslated_pages(client, de_course, course_index):
    from tests import factories

    only_english = factories.CoursePageFactory(
        parent=course_index, locale=course_index.locale, title="Only in English"
    )
    page = soup(client.get(f"/de/courses/{only_english.slug}/"))
    assert page.h1.get_text(strip=True) == "Only in English"
    assert page.select_one(".notice[role=note]")


def test_header_links_follow_the_active_language(client, de_course):
    page = soup(client.get("/de/partners/"))
    nav = {a.get_text(strip=True): a["href"] for a in page.select(".site-nav a")}
    assert all(href.startswith("/de/") for href in nav.values())


def test_ui_strings_are_translated(client, course):
    # "Partners" in the header, translated by the catalogues in locale/.
    page = soup(client.get("/lt/partners/"))
    assert page.h1.get_text(strip=True) == "Partneriai"
    assert soup(client.get("/de/partners/")).h1.get_text(strip=True) == "Partner"


def test_switcher_on_a_page_keeps_filters(client, course):
    page = soup(client.get("/en/courses/?level=beginner"))
    assert switcher(page)["pl"] == "/pl/courses/?level=beginner"
    # hreflang links name the page itself, without filters.
    assert hreflang(page)["en"] == "http://testserver/en/courses/"


def test_not_found_page_offers_each_language_home_and_no_hreflang(client, course):
    response = client.get("/lt/no-such-page/")
    assert response.status_code == 404
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.html["lang"] == "lt"
    assert switcher(page)["de"] == "/de/"
    assert not hreflang(page)


def test_switcher_says_which_languages_show_english_text(client, de_course):
    page = soup(client.get(de_course.url))
    noted = {a["hreflang"] for a in page.select(".lang-switcher a") if a.select(".lang-note")}
    assert noted == {"da", "sv", "fi", "et", "lv", "lt", "pl"}
    not_found = BeautifulSoup(client.get("/de/nothing-here/").content.decode(), "html.parser")
    assert not not_found.select(".lang-switcher .lang-note")
