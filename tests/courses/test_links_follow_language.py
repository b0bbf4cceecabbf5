"""Links inside a translated lesson follow the reader's language: a case-study link block
and an internal page link lead to the linked page's translation when that is served, on the
web page and in the API, else to the page the editor linked. (Documents have no locale in
Wagtail: a document link is the same in every language.)"""

import pytest
from bs4 import BeautifulSoup

from courses.models import LessonPage
from tests import factories
from tests.pages.conftest import publish_translation_of_ancestors, translate_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_study(case_study_index):
    return factories.CaseStudyPageFactory(
        parent=case_study_index,
        locale=case_study_index.locale,
        title="Creative Ports",
        slug="creative-ports",
    )


@pytest.fixture
def polish_lesson(course, case_study):
    """The course's first lesson in Polish, its body linking the English case study and the
    English second lesson (links in a translation keep the source's targets)."""
    lesson = LessonPage.objects.child_of(course).order_by("path").first()
    second = LessonPage.objects.child_of(course).order_by("path")[1]
    lesson.body = [
        {"type": "case_study_link", "value": {"case_study": case_study.pk, "note": "Why"}},
        {
            "type": "rich_text",
            "value": f'<p>Then <a linktype="page" id="{second.pk}">the next lesson</a>.</p>',
        },
    ]
    lesson.save_revision().publish()
    translate_page(course, "pl", title="Kurs", slug="kurs")
    publish_translation_of_ancestors(course, "pl")
    return translate_page(lesson, "pl", title="Lekcja 1", slug="lekcja-1")


@pytest.fixture
def polish_case_study(case_study):
    translated = translate_page(case_study, "pl", title="Kreatywne Porty", slug="kreatywne-porty")
    publish_translation_of_ancestors(case_study, "pl")
    return translated


def web_links(client, lesson):
    response = client.get(lesson.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    case_study = soup.select_one(".block--case_study_link a")
    page_link = soup.select_one(".block--rich_text a")
    return (case_study.get_text(), case_study["href"]), page_link["href"]


def api_links(client, lesson):
    body = client.get(f"/api/v1/lessons/{lesson.pk}/?locale=pl").json()["body"]
    blocks = {block["type"]: block["value"] for block in body}
    return blocks["case_study_link"], BeautifulSoup(blocks["rich_text"], "html.parser").a["href"]


def test_a_case_study_link_leads_to_the_live_polish_case_study(
    client, polish_lesson, polish_case_study
):
    (title, href), _ = web_links(client, polish_lesson)
    assert (title, href) == ("Kreatywne Porty", polish_case_study.url)
    assert href.startswith("/pl/")

    link, _ = api_links(client, polish_lesson)
    assert link["id"] == polish_case_study.pk
    assert link["title"] == "Kreatywne Porty"
    assert link["url"] == f"http://testserver{polish_case_study.url}"
    assert link["note"] == "Why"


def test_a_case_study_link_leads_to_the_english_one_while_the_polish_is_a_draft(
    client, polish_lesson, polish_case_study, case_study
):
    polish_case_study.unpublish()
    (title, href), _ = web_links(client, polish_lesson)
    # The English case study, under the Polish prefix so that the interface stays Polish.
    assert (title, href) == ("Creative Ports", "/pl/case-studies/creative-ports/")

    link, _ = api_links(client, polish_lesson)
    assert (link["id"], link["title"]) == (case_study.pk, "Creative Ports")
    # The API links the way the web page does.
    assert link["url"] == f"http://testserver{href}"


def test_a_case_study_link_without_a_translation_leads_to_the_english_one(
    client, polish_lesson, case_study
):
    (title, _href), _ = web_links(client, polish_lesson)
    assert title == "Creative Ports"
    link, _ = api_links(client, polish_lesson)
    assert link["id"] == case_study.pk


def test_a_link_to_an_unpublished_case_study_is_left_out(client, polish_lesson, case_study):
    case_study.unpublish()
    response = client.get(polish_lesson.url)
    assert response.status_code == 200
    assert not BeautifulSoup(response.content, "html.parser").select(".block--case_study_link a")
    link, _ = api_links(client, polish_lesson)
    assert link is None


def test_a_page_link_leads_to_the_polish_page_while_it_is_live(client, course, polish_lesson):
    second = LessonPage.objects.child_of(course).order_by("path")[1]
    polish_second = translate_page(second, "pl", title="Lekcja 2", slug="lekcja-2")
    _, href = web_links(client, polish_lesson)
    assert href == polish_second.url
    _, href = api_links(client, polish_lesson)
    assert href == f"http://testserver{polish_second.url}"

    polish_second.unpublish()
    _, href = web_links(client, polish_lesson)
    assert href.endswith(f"/{second.slug}/") and "/kurs/" not in href
    _, href = api_links(client, polish_lesson)
    # The English lesson under the Polish prefix, so that the interface stays Polish.
    assert href == "http://testserver/pl/" + second.url.split("/", 2)[2]
