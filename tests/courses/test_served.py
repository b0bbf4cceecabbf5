"""A page is served only while it is live, public and under live pages: a lesson whose course
was unpublished is served nowhere (API, page, syllabus, search, progress), although the lesson
itself is still live."""

import pytest
from rest_framework.test import APIClient

from courses.models import CoursePage, LessonPage
from lms import services
from lms.models import LessonProgress
from search import services as search
from tests import factories
from tests.api.conftest import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def orphan(course):
    """A lesson, live itself, whose course is unpublished."""
    lesson = course.get_lessons().first().specific
    lesson.title = "Harbourmaster lesson"
    lesson.save_revision().publish()
    course.unpublish()
    lesson.refresh_from_db()
    assert lesson.live and not CoursePage.objects.get(pk=course.pk).live
    return lesson


def test_served_excludes_pages_under_an_unpublished_page(course, orphan):
    assert LessonPage.objects.filter(pk=orphan.pk).live().exists()
    assert not LessonPage.objects.served().filter(pk=orphan.pk).exists()
    assert not CoursePage.objects.served().filter(pk=course.pk).exists()


def test_republishing_the_course_serves_its_lessons_again(course, orphan):
    course.refresh_from_db()
    course.save_revision().publish()
    assert LessonPage.objects.served().filter(pk=orphan.pk).exists()


def test_the_api_does_not_serve_the_lesson(client, course, orphan):
    assert client.get(f"/api/v1/lessons/{orphan.pk}/").status_code == 404
    assert client.get(f"/api/v1/courses/{course.pk}/").status_code == 404
    listed = client.get("/api/v1/courses/").json()["results"]
    assert course.pk not in [item["id"] for item in listed]


def test_the_web_page_is_not_found(client, orphan):
    assert client.get(f"/en{orphan.url_path[len('/home-en') :]}").status_code == 404


def test_search_does_not_find_the_lesson(course, orphan):
    found = search.search("Harbourmaster", "en")
    assert orphan.pk not in [hit.id for hit in found.hits if hit.type == "lesson"]
    suggestions = search.autocomplete("Harbourm", "en")
    assert orphan.pk not in [s["id"] for s in suggestions if s["type"] == "lesson"]


def test_progress_cannot_be_recorded(course, orphan):
    learner = factories.UserFactory()
    client = APIClient()
    client.force_authenticate(learner)
    response = client.put(
        f"/api/v1/progress/lessons/{orphan.pk}/", {"status": "completed"}, format="json"
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    with pytest.raises(services.NotFound):
        services.live_lesson(orphan.pk)


def test_progress_cannot_be_recorded_on_a_lesson_of_a_private_course(course):
    """The progress write checks the course's view restriction inside its own query."""
    from wagtail.models import PageViewRestriction

    lesson = course.get_lessons().first().specific
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    client = APIClient()
    client.force_authenticate(factories.UserFactory())
    response = client.put(
        f"/api/v1/progress/lessons/{lesson.pk}/", {"status": "completed"}, format="json"
    )
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert not LessonProgress.objects.exists()


def test_a_translated_syllabus_does_not_fall_back_to_an_unpublished_course(client, course):
    """The Polish course is live, the English one it falls back to is not: the Polish syllabus
    lists the Polish lessons only, never the English lessons under the unpublished course."""
    polish = translate(course, "pl", title="Kurs")
    first = course.get_lessons().first()
    polish_lesson = translate(first, "pl", title="Lekcja")
    course.unpublish()
    data = client.get(f"/api/v1/courses/{polish.pk}/?locale=pl").json()
    assert [lesson["id"] for lesson in data["lessons"]] == [polish_lesson.pk]


def test_progress_cannot_be_recorded_on_a_page_that_is_not_a_lesson(course):
    """The lesson and its course come in one query: a course's own id is no lesson."""
    client = APIClient()
    client.force_authenticate(factories.UserFactory())
    response = client.put(
        f"/api/v1/progress/lessons/{course.pk}/", {"status": "completed"}, format="json"
    )
    assert response.status_code == 404
    assert not LessonProgress.objects.exists()
    lesson = services.live_lesson(course.get_lessons().first().pk)
    assert services.lesson_course(lesson).pk == course.pk


def test_a_new_course_in_a_deleted_unpublished_course_s_place_is_served(course, orphan):
    """Look-ups of one page keep the unpublished sections in the process (served_inline):
    deleting one makes them stale at once, as treebeard gives its tree path to the next page
    added there."""
    from lms.services.pages import live_lesson

    with pytest.raises(services.NotFound):
        live_lesson(orphan.pk)  # the unpublished course is kept as hidden
    parent = course.get_parent()
    unpublished = CoursePage.objects.get(pk=course.pk)
    assert unpublished.get_next_sibling() is None
    unpublished.delete()
    new = factories.CoursePageFactory(parent=parent.specific, locale=course.locale)
    lesson = factories.LessonPageFactory(parent=new, locale=course.locale)
    assert new.path == unpublished.path
    assert live_lesson(lesson.pk).pk == lesson.pk
