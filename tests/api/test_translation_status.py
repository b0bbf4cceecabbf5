"""GET /api/v1/translation-status/: the translation status of the served courses and case
studies, from the same service as the admin's report."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.courses.translation_helpers import (
    add_translated_courses,
    lessons,
    republish,
    submit,
    translate_fully,
    translate_segments,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/translation-status/"


@pytest.fixture(autouse=True)
def uncached(settings):
    settings.HARBOUR_API_CACHE = False


@pytest.fixture
def content(course, case_study_index, locales):
    """The fixture course fully in Polish, then a lesson changed in English; a case study
    half translated into German; a course that is a draft."""
    pl, de = locales["pl"], locales["de"]
    translate_fully(course, pl)
    for lesson in lessons(course):
        translate_fully(lesson, pl)
    republish(lessons(course)[1], title="Finding partners abroad")
    study = factories.CaseStudyPageFactory(
        parent=case_study_index, locale=case_study_index.locale, title="Creative Ports"
    )
    submit(study, de)
    translate_segments(study, de, share=0.5)
    draft = factories.CoursePageFactory(
        parent=course.get_parent(), locale=course.locale, title="A draft course"
    )
    draft.unpublish()
    return {"course": course, "study": study, "draft": draft}


def test_every_served_course_and_case_study_with_its_state_in_each_locale(api, content):
    course, study = content["course"], content["study"]
    response = api.get(URL)
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    data = response.json()
    assert data["count"] == 2
    first, second = data["results"]
    assert (first["id"], first["type"], first["locale"]) == (course.pk, "course", "en")
    assert first["lessons"] == 3
    assert first["api_url"].endswith(f"/api/v1/courses/{course.pk}/")
    assert [entry["locale"] for entry in first["locales"]] == [
        "de", "da", "sv", "fi", "et", "lv", "lt", "pl"
    ]  # fmt: skip
    polish = first["locales"][-1]
    assert polish["state"] == "outdated"
    assert polish["own_state"] == "up_to_date"
    assert polish["lessons"] == {
        "missing": 0,
        "outdated": 1,
        "in_progress": 0,
        "not_synced": 0,
        "up_to_date": 2,
    }
    assert polish["translation"] == course.get_translation(factories.locale("pl")).pk
    assert polish["segments"] == polish["translated_segments"] > 0
    assert polish["last_synced_at"]
    assert first["locales"][0]["state"] == "missing"
    assert first["locales"][0]["translation"] is None

    assert (second["id"], second["type"], second["lessons"]) == (study.pk, "case_study", 0)
    german = second["locales"][0]
    assert german["state"] == "in_progress"
    assert 0 < german["translated_segments"] < german["segments"]
    # The draft course is not served, so it is not listed.
    assert content["draft"].pk not in {item["id"] for item in data["results"]}


def test_filters_by_locale_state_and_type(api, content):
    data = api.get_json(f"{URL}?locale=pl&state=outdated&type=course")
    assert [item["id"] for item in data["results"]] == [content["course"].pk]
    assert [entry["locale"] for entry in data["results"][0]["locales"]] == ["pl"]

    data = api.get_json(f"{URL}?state=in_progress")
    assert [item["id"] for item in data["results"]] == [content["study"].pk]
    data = api.get_json(f"{URL}?type=case_study&locale=de")
    assert [(item["id"], len(item["locales"])) for item in data["results"]] == [
        (content["study"].pk, 1)
    ]
    assert api.get_json(f"{URL}?locale=fi&state=up_to_date")["count"] == 0


def test_accept_language_picks_no_locale(api, content):
    data = api.get_json(URL, HTTP_ACCEPT_LANGUAGE="pl")
    assert len(data["results"][0]["locales"]) == 8


@pytest.mark.parametrize(
    "query, field",
    [("state=lost", "state"), ("type=lesson", "type"), ("locale=en", "locale")],
)
def test_a_bad_filter_value_is_a_400_in_the_one_error_shape(api, content, query, field):
    data = api.get_json(f"{URL}?{query}", status=400)
    assert data["code"] == "invalid"
    assert set(data) == {"detail", "code", "errors"}
    assert list(data["errors"]) == [field]
    assert all(isinstance(message, str) for message in data["errors"][field])


def test_an_unknown_locale_or_parameter_is_a_400(api, content):
    assert api.get_json(f"{URL}?locale=xx", status=400)["code"] == "unknown_locale"
    assert api.get_json(f"{URL}?status=missing", status=400)["code"] == "unknown_parameter"


def test_it_is_paged(api, content):
    data = api.get_json(f"{URL}?page_size=1&page=2")
    assert (data["count"], len(data["results"])) == (2, 1)
    assert data["previous"] and data["next"] is None
    assert api.get_json(f"{URL}?page=3&page_size=1", status=404)["code"] == "not_found"


def test_a_page_costs_the_same_for_2_or_10_courses(api, course_index, locales):
    def measure(url):
        with CaptureQueriesContext(connection) as queries:
            api.get_json(url)
        return len(queries)

    urls = [f"{URL}?page_size=100", f"{URL}?locale=pl&state=outdated&page_size=100"]
    add_translated_courses(course_index, locales, 2)
    for url in urls:
        api.get_json(url)  # the first fills Django's cache of content types
    two = {url: measure(url) for url in urls}
    add_translated_courses(course_index, locales, 8, start=2)
    ten = {url: measure(url) for url in urls}
    assert api.get_json(urls[0])["count"] == 10
    assert ten == two
    print(f"translation status API: {two} queries for 2 and for 10 courses")
