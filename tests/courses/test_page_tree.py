"""The page tree: home → course index → course → lesson; home → case-study index → case study."""

import pytest
from wagtail.models import Page

from courses.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    CourseIndexPage,
    CoursePage,
    HomePage,
    LessonPage,
)
from network.models import EventIndexPage, EventPage
from tests import factories


@pytest.fixture
def tree(course, case_study_index):
    case_study = factories.CaseStudyPageFactory(parent=case_study_index, locale=course.locale)
    return {
        "root": Page.get_first_root_node(),
        "home": course.get_parent().get_parent().specific,
        "course_index": course.get_parent().specific,
        "course": course,
        "lesson": course.get_children().first().specific,
        "case_study_index": case_study_index,
        "case_study": case_study,
    }


ALLOWED_PARENT = {
    HomePage: "root",
    CourseIndexPage: "home",
    CoursePage: "course_index",
    LessonPage: "course",
    CaseStudyIndexPage: "home",
    CaseStudyPage: "case_study_index",
}
PLACES = ["root", "home", "course_index", "course", "lesson", "case_study_index", "case_study"]


@pytest.mark.parametrize("model", list(ALLOWED_PARENT), ids=lambda model: model.__name__)
@pytest.mark.parametrize("place", PLACES)
def test_each_page_type_exists_only_under_its_parent_type(tree, model, place):
    assert model.can_exist_under(tree[place]) is (ALLOWED_PARENT[model] == place)


@pytest.mark.parametrize(
    ("model", "place", "creatable"),
    [
        (CoursePage, "course_index", True),
        (LessonPage, "course", True),
        (CaseStudyPage, "case_study_index", True),
        # One index of each kind per home page.
        (CourseIndexPage, "home", False),
        (CaseStudyIndexPage, "home", False),
        (LessonPage, "course_index", False),
        (CoursePage, "home", False),
        (CaseStudyPage, "course_index", False),
        (LessonPage, "lesson", False),
    ],
)
def test_can_create_at(tree, model, place, creatable):
    assert model.can_create_at(tree[place]) is creatable


def test_allowed_subpage_models():
    assert HomePage.allowed_subpage_models() == [
        CourseIndexPage,
        CaseStudyIndexPage,
        EventIndexPage,
    ]
    assert EventIndexPage.allowed_subpage_models() == [EventPage]
    assert CourseIndexPage.allowed_subpage_models() == [CoursePage]
    assert CoursePage.allowed_subpage_models() == [LessonPage]
    assert CaseStudyIndexPage.allowed_subpage_models() == [CaseStudyPage]
    assert LessonPage.allowed_subpage_models() == []
    assert CaseStudyPage.allowed_subpage_models() == []


def test_admin_refuses_a_lesson_outside_a_course(admin_client, tree):
    refused = admin_client.get(f"/admin/pages/add/courses/lessonpage/{tree['home'].pk}/")
    allowed = admin_client.get(f"/admin/pages/add/courses/lessonpage/{tree['course'].pk}/")
    # Wagtail answers a refused creation with a redirect to the dashboard and an error message.
    assert refused.status_code == 302 and refused.url == "/admin/"
    assert allowed.status_code == 200
    assert LessonPage.objects.count() == 3
