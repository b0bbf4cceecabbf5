"""Every page type renders in English, in a translated locale and in a fallback locale."""

import pytest
from bs4 import BeautifulSoup

from tests import factories

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_home_renders_with_landmarks_and_language(client, course, case_study_index):
    page = soup(client.get("/en/"))
    assert page.html["lang"] == "en"
    assert page.find("header") and page.find("main", id="main") and page.find("footer")
    assert page.select_one("a.skip-link")["href"] == "#main"
    assert page.find("nav", attrs={"aria-label": "Main"})
    assert course.title in page.get_text()
    assert page.select_one("link[rel=stylesheet]")["href"].endswith("harbour/harbour.css")


@pytest.mark.parametrize("path", ["/en/", "/en/courses/", "/en/case-studies/", "/en/partners/"])
def test_listing_pages_render_in_english(client, course, case_study_index, path):
    assert soup(client.get(path)).html["lang"] == "en"


def test_course_page_shows_syllabus_in_order(client, course):
    page = soup(client.get(course.url))
    assert page.h1.get_text(strip=True) == course.title
    assert [a.get_text(strip=True) for a in page.select(".syllabus a")] == [
        "Lesson 1",
        "Lesson 2",
        "Lesson 3",
    ]


def test_course_page_for_learner_shows_status_and_enrol_action(client, course):
    client.force_login(factories.UserFactory())
    page = soup(client.get(course.url))
    assert [s.get_text(strip=True) for s in page.select(".syllabus .status")] == ["Not started"] * 3
    assert page.find("form", action=f"/en/learn/courses/{course.pk}/enrol/")


def test_lesson_page_renders_blocks_quiz_form_and_neighbours(client, course):
    lessons = list(course.get_lessons())
    page = soup(client.get(lessons[1].url))
    assert "Lesson 2 text." in page.get_text()
    quiz = page.find("form", class_="quiz")
    assert quiz["action"].startswith(f"/en/learn/lessons/{lessons[1].pk}/quiz/")
    assert quiz.find("input", attrs={"name": "q-q1", "value": "0"})
    assert page.find("a", rel="prev")["href"] == lessons[0].url
    assert page.find("a", rel="next")["href"] == lessons[2].url


def test_first_and_last_lessons_have_one_neighbour(client, course):
    lessons = list(course.get_lessons())
    first = soup(client.get(lessons[0].url))
    last = soup(client.get(lessons[-1].url))
    assert not first.find("a", rel="prev") and first.find("a", rel="next")
    assert last.find("a", rel="prev") and not last.find("a", rel="next")


def test_case_study_list_and_detail(client, case_study_index):
    case = factories.CaseStudyPageFactory(
        parent=case_study_index,
        locale=case_study_index.locale,
        title="Shared studio",
        project_name="South Baltic Creative Clusters",
        challenge="<p>Small towns far apart.</p>",
    )
    listing = soup(client.get(case_study_index.url))
    assert listing.find("a", string="Shared studio")["href"] == case.url
    detail = soup(client.get(case.url))
    assert detail.h1.get_text(strip=True) == "Shared studio"
    assert "Small towns far apart." in detail.get_text()
    assert "South Baltic Creative Clusters" in detail.get_text()


def test_translated_pages_render_in_their_language(client, de_course):
    page = soup(client.get(de_course.url))
    assert de_course.url.startswith("/de/")
    assert page.html["lang"] == "de"
    assert page.h1.get_text(strip=True) == "Kurs auf Deutsch"
    assert not page.select(".notice[role=note]")
    lesson = soup(client.get(de_course.get_lessons()[0].url))
    assert lesson.h1.get_text(strip=True) == "Lektion 1"


@pytest.mark.parametrize("suffix", ["", "courses/", "case-studies/", "partners/"])
def test_every_language_prefix_serves_something(client, course, case_study_index, suffix):
    for code in ["de", "da", "sv", "fi", "et", "lv", "lt", "pl"]:
        page = soup(client.get(f"/{code}/{suffix}"))
        assert page.html["lang"] == code


@pytest.mark.parametrize(
    "path", ["/en/no-such-page/", "/lt/no-such-page/", "/en/courses/nope/", "/en/partners/nope/"]
)
def test_unknown_pages_are_404(client, course, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"Page not found" in response.content or b"page" in response.content.lower()


def test_draft_pages_are_not_served(client, course):
    draft = factories.LessonPageFactory(parent=course, locale=course.locale, live=False)
    assert client.get(f"/en/courses/{course.slug}/{draft.slug}/").status_code == 404
    assert client.get(f"/lt/courses/{course.slug}/{draft.slug}/").status_code == 404


def test_case_study_in_a_translation_and_in_the_fallback(client, case_study_index):
    from tests.pages.conftest import publish_translation_of_ancestors, translate_page

    case = factories.CaseStudyPageFactory(
        parent=case_study_index, locale=case_study_index.locale, title="Shared studio"
    )
    german = translate_page(case, "de", title="Geteiltes Atelier")
    publish_translation_of_ancestors(case, "de")
    assert soup(client.get(german.url)).h1.get_text(strip=True) == "Geteiltes Atelier"
    fallback = soup(client.get(f"/fi/case-studies/{case.slug}/"))
    assert fallback.h1.get_text(strip=True) == "Shared studio"
    assert fallback.select_one(".notice[role=note]")


def test_lesson_blocks_carry_their_ids_for_resuming(client, course):
    lesson = course.get_lessons()[1]
    page = soup(client.get(lesson.url))
    for block in lesson.body:
        assert page.find(id=block.id) is not None
