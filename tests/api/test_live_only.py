"""The API serves live, public pages only: never drafts, private pages or unpublished
translations."""

import pytest
from wagtail.models import PageViewRestriction

from tests import factories
from tests.api.conftest import translate


def ids(data):
    return {item["id"] for item in data["results"]}


@pytest.fixture
def draft_course(course_index):
    page = factories.CoursePageFactory(
        parent=course_index, locale=course_index.locale, title="Draft", live=False
    )
    return page


@pytest.fixture
def private_course(course_index):
    page = factories.CoursePageFactory(
        parent=course_index, locale=course_index.locale, title="Members only"
    )
    factories.LessonPageFactory(parent=page, locale=page.locale, title="Secret lesson")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    return page


def test_catalogue_has_no_drafts_or_private_pages(api, course, draft_course, private_course):
    data = api.get_json("/api/v1/courses/")
    assert ids(data) == {course.pk}
    for page in (draft_course, private_course):
        api.get_json(f"/api/v1/courses/{page.pk}/", status=404)


def test_lessons_under_private_course_are_hidden(api, private_course):
    lesson = private_course.get_children().first()
    api.get_json(f"/api/v1/lessons/{lesson.pk}/", status=404)


def test_draft_lesson_is_not_in_syllabus_nor_served(api, course):
    draft = factories.LessonPageFactory(
        parent=course, locale=course.locale, title="Unfinished", live=False
    )
    data = api.get_json(f"/api/v1/courses/{course.pk}/")
    assert [lesson["title"] for lesson in data["lessons"]] == ["Lesson 1", "Lesson 2", "Lesson 3"]
    api.get_json(f"/api/v1/lessons/{draft.pk}/", status=404)


def test_unpublished_translation_never_appears(api, course):
    draft = translate(course, "pl", live=False, title="Szkic")
    data = api.get_json("/api/v1/courses/?locale=pl")
    assert ids(data) == {course.pk}
    assert data["results"][0]["is_fallback"] is True
    assert data["results"][0]["available_locales"] == ["en"]
    detail = api.get_json(f"/api/v1/courses/{course.pk}/?locale=pl")
    assert detail["id"] == course.pk and detail["is_fallback"] is True
    api.get_json(f"/api/v1/courses/{draft.pk}/", status=404)


def test_unpublishing_removes_from_the_api(api, course):
    course.unpublish()
    assert api.get_json("/api/v1/courses/")["count"] == 0


def test_private_case_study_hidden(api, case_study_index):
    public = factories.CaseStudyPageFactory(parent=case_study_index, locale=case_study_index.locale)
    private = factories.CaseStudyPageFactory(
        parent=case_study_index, locale=case_study_index.locale
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert ids(api.get_json("/api/v1/case-studies/")) == {public.pk}
    api.get_json(f"/api/v1/case-studies/{private.pk}/", status=404)


def test_locale_counts_exclude_drafts_and_private(api, course, draft_course, private_course):
    data = api.get_json("/api/v1/locales/")
    assert data[0]["courses"] == 1
