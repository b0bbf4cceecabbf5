"""courses/demo/bulk.py: the private Django and treebeard APIs it calls still have the shape it
expects, and pages inserted with it make a tree that treebeard and Wagtail accept."""

import inspect

import pytest
from django.utils.module_loading import import_string
from wagtail.models import Page

from courses.demo import bulk
from courses.models import CoursePage, LessonPage
from tests import factories


def private_api(dotted):
    module_path, class_name, name = dotted.rsplit(".", 2)
    return getattr(import_string(f"{module_path}.{class_name}"), name)


@pytest.mark.parametrize("dotted", sorted(bulk.PRIVATE_APIS))
def test_private_api_has_the_expected_signature(dotted):
    expected = bulk.PRIVATE_APIS[dotted]
    parameters = list(inspect.signature(private_api(dotted)).parameters.values())
    leading = parameters[: len(expected)]
    assert tuple(parameter.name for parameter in leading) == expected, (
        f"{dotted} changed its signature to {inspect.signature(private_api(dotted))}: "
        "update courses/demo/bulk.py"
    )
    assert all(parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for parameter in leading)
    # Anything after the relied-on parameters must stay optional.
    assert all(
        parameter.default is not inspect.Parameter.empty
        for parameter in parameters[len(expected) :]
    )


def test_insert_is_reachable_from_a_manager():
    # bulk.insert_pages calls it on the page type's base manager, which Django gives only the
    # QuerySet methods not marked queryset_only.
    assert hasattr(LessonPage._base_manager, "_insert")


def test_paths_are_the_ones_treebeard_gives(course_index):
    assert bulk.next_child_step(course_index) == 1
    factories.CoursePageFactory(parent=course_index, locale=course_index.locale)
    assert bulk.next_child_step(course_index) == 2
    placed = CoursePage(title="Placed", slug="placed")
    bulk.place_children(course_index, [placed], 2)
    # The position add_child gives the next child.
    added = factories.CoursePageFactory(parent=course_index, locale=course_index.locale)
    assert (placed.path, placed.depth) == (added.path, added.depth)
    assert placed.url_path == f"{course_index.url_path}placed/"
    assert bulk.next_child_step(course_index) == 3


def new_course(number, course_index):
    return CoursePage(
        title=f"Bulk course {number}",
        slug=f"bulk-course-{number}",
        locale=course_index.locale,
        summary=f"Summary {number}",
        live=True,
    )


def test_inserted_pages_make_a_valid_tree(course_index):
    existing = factories.CoursePageFactory(parent=course_index, locale=course_index.locale)
    courses = [new_course(number, course_index) for number in (1, 2)]
    bulk.add_children(course_index, CoursePage, courses)
    lessons = [
        LessonPage(
            title=f"Lesson of {course.title}",
            slug="lesson-1",
            locale=course.locale,
            live=True,
            body=[{"type": "rich_text", "value": "<p>Text.</p>"}],
        )
        for course in courses
    ]
    for course, lesson in zip(courses, lessons, strict=True):
        bulk.place_children(course, [lesson], bulk.next_child_step(course))
        bulk.count_children(course, 1)
    bulk.insert_pages(LessonPage, lessons)

    assert Page.find_problems() == ([], [], [], [], [])
    course_index.refresh_from_db()
    assert course_index.numchild == 3
    assert [page.pk for page in course_index.get_children()] == [
        existing.pk,
        *(course.pk for course in courses),
    ]
    # Wagtail's public querysets find them, with their own fields.
    found = list(CoursePage.objects.live().child_of(course_index).order_by("path"))
    assert found == [existing.specific, *courses]
    assert [course.summary for course in found[1:]] == ["Summary 1", "Summary 2"]
    for course, lesson in zip(courses, lessons, strict=True):
        stored = Page.objects.get(pk=course.pk)
        assert stored.specific_class is CoursePage
        assert stored.get_parent().pk == course_index.pk
        assert [child.specific for child in stored.get_children()] == [lesson]
        assert LessonPage.objects.descendant_of(course_index).get(pk=lesson.pk).get_parent().pk == (
            course.pk
        )
        assert stored.specific.url_path == f"{course_index.url_path}{course.slug}/"

    # treebeard carries on from the inserted pages.
    after = course_index.add_child(instance=new_course(3, course_index))
    assert [page.pk for page in course_index.get_children()][-2:] == [courses[-1].pk, after.pk]
    assert Page.find_problems() == ([], [], [], [], [])
