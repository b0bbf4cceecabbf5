"""The response cache drops only what a change shows (lms/api/cache.py): a change to a
lesson, a snippet, a translation or an image reaches every response that shows it, and every
other stored response stays a hit (answered with no query)."""

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

from .conftest import translate, translate_snippet


@pytest.fixture
def courses(catalogue):
    return catalogue


def fetch(api, url, **extra):
    """``(json, hit)``: a hit is an answer that cost no query."""
    with CaptureQueriesContext(connection) as captured:
        data = api.get_json(url, **extra)
    return data, len(captured) == 0


def warm(api, *urls):
    for url in urls:
        api.get_json(url)
        assert fetch(api, url)[1], f"{url} is not served from the cache"


def detail(page):
    kind = "lessons" if page.specific_class.__name__ == "LessonPage" else "courses"
    return f"/api/v1/{kind}/{page.pk}/"


def test_a_lesson_edit_reaches_its_detail_and_its_course_and_no_other_course(api, courses):
    borders, sound = courses["borders"], courses["sound"]
    lesson, sibling = borders.get_children().specific()
    warm(api, detail(lesson), detail(sibling), detail(borders), detail(sound), "/api/v1/courses/")

    lesson.title = "Borders lesson one, revised"
    lesson.save_revision().publish()

    data, hit = fetch(api, detail(lesson))
    assert data["title"] == "Borders lesson one, revised" and not hit
    data, hit = fetch(api, detail(borders))
    assert "Borders lesson one, revised" in [item["title"] for item in data["lessons"]]
    assert not hit
    # Unrelated: another course, and the catalogue (its items show no lesson titles).
    assert fetch(api, detail(sound))[1]
    assert fetch(api, "/api/v1/courses/")[1]


def test_a_new_lesson_reaches_its_course_and_its_siblings(api, courses):
    borders, sound = courses["borders"], courses["sound"]
    first = borders.get_children().first()
    warm(api, detail(borders), detail(first), detail(sound))

    factories.LessonPageFactory(parent=borders, locale=borders.locale, title="Borders lesson 3")

    data, hit = fetch(api, detail(borders))
    assert [item["title"] for item in data["lessons"]][-1] == "Borders lesson 3" and not hit
    assert not fetch(api, detail(first))[1]
    assert fetch(api, detail(sound))[1]


@pytest.mark.parametrize("snippet", ["design", "PL", "goethe"])
def test_a_snippet_edit_reaches_the_responses_that_show_it_and_no_other(
    api, courses, directory, snippet
):
    borders, sound = courses["borders"], courses["sound"]
    warm(api, detail(borders), detail(sound), "/api/v1/courses/")
    obj = directory[snippet]
    obj.name = f"{obj.name} (renamed)"
    obj.save()

    data, hit = fetch(api, detail(borders))
    names = [
        item["name"] for field in ("subsectors", "countries", "partners") for item in data[field]
    ]
    assert obj.name in names and not hit
    listed, hit = fetch(api, "/api/v1/courses/")
    assert not hit
    shown = [
        item["name"]
        for course in listed["results"]
        for field in ("subsectors", "countries", "partners")
        for item in course[field]
    ]
    assert obj.name in shown
    # "Sound of the Baltic" shows neither design, Poland nor the Goethe-Institut.
    assert fetch(api, detail(sound))[1]


def test_a_snippet_translation_reaches_the_responses_in_that_language(api, courses, directory):
    borders, sound = courses["borders"], courses["sound"]
    url = f"{detail(borders)}?locale=pl"
    warm(api, url, f"{detail(sound)}?locale=pl")
    translate_snippet(directory["design"], "pl", name="Projektowanie")

    data, hit = fetch(api, url)
    assert data["subsectors"][0]["name"] == "Projektowanie" and not hit
    assert fetch(api, f"{detail(sound)}?locale=pl")[1]


def test_a_page_translation_reaches_every_locale_of_that_page_and_no_other_page(api, courses):
    borders, sound = courses["borders"], courses["sound"]
    # The Polish tree exists already (its first page creates the Polish home and index,
    # which changes the Polish address of every course).
    translate(courses["audiences"], "pl", title="Publiczność za granicą")
    urls = [detail(borders), f"{detail(borders)}?locale=pl", f"{detail(sound)}?locale=pl"]
    warm(api, *urls)
    translate(borders, "pl", title="Praca ponad granicami")

    polish, hit = fetch(api, urls[1])
    assert polish["title"] == "Praca ponad granicami" and not hit
    english, hit = fetch(api, urls[0])
    assert "pl" in english["available_locales"] and not hit
    assert fetch(api, urls[2])[1]


def test_an_image_change_reaches_the_courses_that_show_it_and_no_other(api, courses):
    borders, sound = courses["borders"], courses["sound"]
    image = wagtail_factories.ImageFactory(title="Harbour cranes")
    borders.cover_image = image
    borders.save_revision().publish()
    warm(api, detail(borders), detail(sound))

    image.title = "Harbour cranes at dusk"
    image.save()

    data, hit = fetch(api, detail(borders))
    assert data["cover_image"]["alt"] == "Harbour cranes at dusk" and not hit
    assert fetch(api, detail(sound))[1]


def test_publishing_a_course_keeps_the_other_courses_cached(api, courses):
    borders, sound, audiences = courses["borders"], courses["sound"], courses["audiences"]
    warm(api, detail(borders), detail(sound), detail(audiences))
    sound.title = "Sound of the Baltic, revised"
    sound.save_revision().publish()
    assert fetch(api, detail(sound))[0]["title"] == "Sound of the Baltic, revised"
    assert fetch(api, detail(borders))[1]
    assert fetch(api, detail(audiences))[1]


def test_a_new_slug_reaches_the_urls_of_every_page_below(
    api, courses, django_capture_on_commit_callbacks
):
    """A section's new slug changes the URLs of the pages below it, which a stored response
    shows without reading the section: it drops every stored response, as a move does."""
    borders = courses["borders"]
    lesson = borders.get_children().first()
    warm(api, "/api/v1/courses/", detail(lesson))
    index = borders.get_parent().specific
    index.slug = "learning-modules"
    with django_capture_on_commit_callbacks(execute=True):
        index.save_revision().publish()

    data, hit = fetch(api, "/api/v1/courses/")
    assert not hit and "/learning-modules/" in str(data)
    data, hit = fetch(api, detail(lesson))
    assert not hit and "/learning-modules/" in str(data)
