"""A response costs a fixed number of queries, however many items or blocks it has."""

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests import factories
from tests.api.conftest import translate
from tests.api.test_lessons import lesson_body


def add_courses(course_index, directory, count, start=0):
    image = wagtail_factories.ImageFactory(title="Cover")
    for number in range(start, start + count):
        course = factories.CoursePageFactory(
            parent=course_index,
            locale=course_index.locale,
            title=f"Course {number:03d}",
            cover_image=image if number % 2 else None,
        )
        course.subsectors.set([directory["design"], directory["music"]])
        course.countries.set([directory["PL"]])
        course.partners.set([directory["goethe"]])
        course.save()
        if number % 3 == 0:
            translate(course, "pl", title=f"Kurs {number:03d}")


@pytest.fixture(autouse=True)
def uncached(settings):
    # What is measured is the work of a response, not a copy kept by a response cache.
    settings.HARBOUR_API_CACHE = False


def measure(api, url):
    api.get_json(url)  # the first request makes missing renditions
    with CaptureQueriesContext(connection) as queries:
        api.get_json(url)
    return len(queries)


@pytest.mark.parametrize("locale", ["en", "pl"])
def test_catalogue_with_5_or_50_courses_costs_the_same(
    api, course_index, directory, django_assert_num_queries, locale
):
    url = f"/api/v1/courses/?locale={locale}&page_size=100"
    add_courses(course_index, directory, 5)
    five = measure(api, url)
    assert api.get_json(url)["count"] == 5

    add_courses(course_index, directory, 45, start=5)
    api.get_json(url)
    with django_assert_num_queries(five):
        data = api.get_json(url)
    assert data["count"] == 50
    print(f"catalogue ({locale}): {five} queries for 5 and for 50 courses")


def test_case_studies_and_partners_cost_the_same_for_more(
    api, case_study_index, directory, django_assert_num_queries
):
    def add(count):
        for _number in range(count):
            study = factories.CaseStudyPageFactory(
                parent=case_study_index, locale=case_study_index.locale
            )
            study.partners.set([directory["goethe"]])
            study.subsectors.set([directory["design"]])
            study.save()
            factories.PartnerFactory(country=directory["DE"], logo=None)

    add(3)
    costs = {url: measure(api, url) for url in ["/api/v1/case-studies/", "/api/v1/partners/"]}
    add(12)
    for url, cost in costs.items():
        with django_assert_num_queries(cost):
            api.get_json(url)


def test_lesson_with_few_or_many_blocks_costs_the_same(
    api, course, case_study_index, django_assert_num_queries
):
    image = wagtail_factories.ImageFactory(title="One")
    document = wagtail_factories.DocumentFactory(title="Doc")
    study = factories.CaseStudyPageFactory(parent=case_study_index, locale=course.locale)
    draft = factories.CoursePageFactory(
        parent=course.get_parent(), locale=course.locale, live=False
    )
    few = factories.LessonPageFactory(
        parent=course,
        locale=course.locale,
        body=lesson_body(course, draft, image, document, study, copies=1),
    )
    images = [wagtail_factories.ImageFactory(title=f"Image {n}") for n in range(10)]
    documents = [wagtail_factories.DocumentFactory(title=f"Doc {n}") for n in range(10)]
    studies = [
        factories.CaseStudyPageFactory(parent=case_study_index, locale=course.locale)
        for _n in range(10)
    ]
    targets = [factories.LessonPageFactory(parent=course, locale=course.locale) for _n in range(10)]
    body = []
    for number in range(10):
        body += lesson_body(
            targets[number], draft, images[number], documents[number], studies[number]
        )
    many = factories.LessonPageFactory(parent=course, locale=course.locale, body=body)
    assert len(many.body) > 8 * len(few.body)

    cost = measure(api, f"/api/v1/lessons/{few.pk}/")
    api.get_json(f"/api/v1/lessons/{many.pk}/")
    with django_assert_num_queries(cost):
        data = api.get_json(f"/api/v1/lessons/{many.pk}/")
    assert len([block for block in data["body"] if block["type"] == "image"]) == 10
    print(f"lesson: {cost} queries for {len(few.body)} and for {len(many.body)} blocks")


def test_course_detail_costs_the_same_for_more_lessons(
    api, course, case_study_index, django_assert_num_queries
):
    url = f"/api/v1/courses/{course.pk}/?locale=pl"
    cost = measure(api, url)
    for _number in range(20):
        factories.LessonPageFactory(parent=course, locale=course.locale)
    with django_assert_num_queries(cost):
        assert len(api.get_json(url)["lessons"]) == 23
    print(f"course detail: {cost} queries")


@pytest.mark.parametrize(
    "path", ["courses/?locale=pl", "courses/{course}/?locale=pl", "lessons/{lesson}/?locale=pl"]
)
def test_private_sections_are_looked_up_once_per_response(api, course, path):
    """Every ``.public()`` queries the page view restrictions; a response needs them once at
    most (kept in the process until one changes: courses.querysets.kept_hidden_q)."""
    lessons = list(course.get_children().specific())
    PageViewRestriction.objects.create(page=lessons[2], restriction_type=PageViewRestriction.LOGIN)
    url = "/api/v1/" + path.format(course=course.pk, lesson=lessons[0].pk)
    api.get_json(url)
    with CaptureQueriesContext(connection) as queries:
        data = api.get_json(url)
    restriction_table = PageViewRestriction._meta.db_table
    looked_up = [q for q in queries if f'FROM "{restriction_table}"' in q["sql"]]
    assert len(looked_up) <= 1
    if path.startswith("courses/{course}"):
        # The restriction still applies wherever pages are served: the syllabus skips it.
        assert [lesson["id"] for lesson in data["lessons"]] == [lessons[0].pk, lessons[1].pk]


def test_leaving_out_relations_drops_their_queries(api, course_index, directory):
    """Without its snippets, cover image and machine translation marks, a catalogue page
    costs fewer queries: their prefetches and batch look-ups are skipped."""
    add_courses(course_index, directory, 6)
    url = "/api/v1/courses/?locale=pl&page_size=100"
    full = measure(api, url)
    no_snippets = measure(api, url + "&fields=-subsectors,-countries,-partners")
    # Three prefetches and the Polish names of three kinds of snippet.
    assert no_snippets <= full - 3
    brief = measure(api, url + "&fields=title,url")
    assert brief < no_snippets
    print(f"catalogue: {full} queries, {no_snippets} without snippets, {brief} for title,url")


def test_a_detail_without_its_syllabus_drops_its_queries(api, course):
    url = f"/api/v1/courses/{course.pk}/?locale=pl"
    full = measure(api, url)
    without = measure(api, url + "&fields=-lessons,-related_case_studies")
    assert without < full
    print(f"course detail: {full} queries, {without} without syllabus and case studies")


@pytest.mark.parametrize(
    "path", ["courses/?locale=pl", "courses/{course}/", "lessons/{lesson}/?locale=pl"]
)
def test_the_locale_and_the_site_are_kept_with_the_cache_off(api, course, path):
    """With ``HARBOUR_API_CACHE`` off, changes still bump the tags, so the negotiated locale
    and the site stay kept in the process (lms/api/cache.py, ``kept_locale_now``)."""
    lessons = list(course.get_children().specific())
    url = "/api/v1/" + path.format(course=course.pk, lesson=lessons[0].pk)
    api.get_json(url)
    with CaptureQueriesContext(connection) as queries:
        api.get_json(url)
    read = [q["sql"].split(" WHERE ")[0] for q in queries if q["sql"].startswith("SELECT")]
    assert not [
        sql
        for sql in read
        if sql.endswith(('FROM "wagtailcore_locale"', 'FROM "wagtailcore_site"'))
    ]


@pytest.mark.parametrize("model", ["course", "lesson"])
def test_a_detail_loads_only_the_translation_it_serves(api, course, directory, model):
    """Asked for by the English id with ?locale=pl, a detail serves the Polish translation:
    only the Polish page's relations are loaded, and its row once."""
    course.subsectors.set([directory["design"]])
    course.save()
    lesson = course.get_children().specific().first()
    polish_course = translate(course, "pl", title="Kurs")
    polish_lesson = translate(lesson, "pl", title="Lekcja")
    page, served, path = {
        "course": (course, polish_course, "courses"),
        "lesson": (lesson, polish_lesson, "lessons"),
    }[model]
    url = f"/api/v1/{path}/{page.pk}/?locale=pl"
    api.get_json(url)
    with CaptureQueriesContext(connection) as queries:
        data = api.get_json(url)
    assert (data["id"], data["locale"], data["is_fallback"]) == (served.pk, "pl", False)
    table = type(page)._meta.db_table
    full_rows = [
        q["sql"]
        for q in queries
        if f'"{table}"."summary"' in q["sql"] and f'FROM "{table}"' in q["sql"]
    ]
    # The id's row without its relations, then the translation served.
    assert len(full_rows) == 2, "\n".join(full_rows)
    assert f'"page_ptr_id" = {served.pk})' in full_rows[1]
    if model == "course":
        # Its subsectors (as its countries and partners): the Polish course's alone.
        prefetched = [q["sql"] for q in queries if '"courses_coursepage_subsectors"' in q["sql"]]
        assert len(prefetched) == 1, "\n".join(prefetched)
        assert f"IN ({served.pk})" in prefetched[0]


def test_a_detail_served_in_the_fallback_locale_loads_its_row_once(api, course, directory):
    """Asked for by the English id with ?locale=lv, which has no translation, a course detail
    serves the English page it read first: its row once, its relations once."""
    course.subsectors.set([directory["design"]])
    course.save()
    url = f"/api/v1/courses/{course.pk}/?locale=lv"
    api.get_json(url)
    with CaptureQueriesContext(connection) as queries:
        data = api.get_json(url)
    assert (data["id"], data["locale"], data["is_fallback"]) == (course.pk, "en", True)
    assert [subsector["slug"] for subsector in data["subsectors"]] == ["design"]
    full_rows = [
        q["sql"]
        for q in queries
        if '"courses_coursepage"."summary"' in q["sql"] and 'FROM "courses_coursepage"' in q["sql"]
    ]
    assert len(full_rows) == 1, "\n".join(full_rows)
    prefetched = [q["sql"] for q in queries if '"courses_coursepage_subsectors"' in q["sql"]]
    assert len(prefetched) == 1, "\n".join(prefetched)
