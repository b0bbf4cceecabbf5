"""What the detail endpoints add to the list items."""

import wagtail_factories
from wagtail.models import Locale

from courses.models import CaseStudyCourse, CourseCaseStudy
from tests import factories
from tests.api.conftest import translate


def test_course_detail_has_syllabus_outcomes_and_case_studies(api, course, case_study_index):
    study = factories.CaseStudyPageFactory(
        parent=case_study_index, locale=case_study_index.locale, title="Studio"
    )
    CourseCaseStudy.objects.create(course=course, case_study=study)
    course.introduction = f'<p>Start <a linktype="page" id="{study.pk}">here</a>.</p>'
    course.learning_outcomes = [("outcome", "Find a partner"), ("outcome", "Plan a project")]
    course.save_revision().publish()
    data = api.get_json(f"/api/v1/courses/{course.pk}/")
    assert [lesson["title"] for lesson in data["lessons"]] == ["Lesson 1", "Lesson 2", "Lesson 3"]
    first = data["lessons"][0]
    assert set(first) >= {"id", "title", "summary", "estimated_minutes", "api_url", "url"}
    assert data["learning_outcomes"] == ["Find a partner", "Plan a project"]
    assert 'href="http://testserver/en/case-studies/' in data["introduction"]
    assert [item["title"] for item in data["related_case_studies"]] == ["Studio"]


def test_cover_image_and_logo_are_renditions(api, course_index, directory):
    image = wagtail_factories.ImageFactory(title="Harbour cranes")
    factories.CoursePageFactory(parent=course_index, locale=course_index.locale, cover_image=image)
    goethe = directory["goethe"]
    goethe.logo = image
    goethe.save()
    cover = api.get_json("/api/v1/courses/")["results"][0]["cover_image"]
    assert cover["url"].startswith("http://testserver/") and cover["alt"] == "Harbour cranes"
    assert cover["width"] > 0
    logo = api.get_json(f"/api/v1/partners/{goethe.pk}/")["logo"]
    assert logo["url"] == cover["url"]


def test_case_study_detail(api, case_study_index, course, directory):
    study = factories.CaseStudyPageFactory(
        parent=case_study_index,
        locale=case_study_index.locale,
        title="Creative Ports",
        project_name="Creative Ports",
        challenge="<p>Too <b>few</b> contacts.</p>",
        results=f'<p>See <a linktype="page" id="{course.pk}">the course</a>.</p>',
        budget="264145.00",
        body=[{"type": "quote", "value": {"text": "It worked.", "attribution": "A partner"}}],
    )
    study.partners.set([directory["goethe"]])
    study.save()
    CaseStudyCourse.objects.create(case_study=study, course=course)
    data = api.get_json(f"/api/v1/case-studies/{study.pk}/")
    assert data["challenge"] == "<p>Too <b>few</b> contacts.</p>"
    assert 'href="http://testserver/en/courses/' in data["results"]
    assert data["budget"] == "264145.00"
    assert data["body"][0]["type"] == "quote"
    assert data["partners"] == [
        {"id": directory["goethe"].pk, "slug": "goethe-institut", "name": "Goethe-Institut"}
    ]
    assert [item["id"] for item in data["related_courses"]] == [course.pk]


def test_links_in_a_translation_lead_to_translated_pages(api, course):
    lesson = course.get_lessons().first().specific
    other = course.get_lessons().last().specific
    lesson.body = [
        {"type": "rich_text", "value": f'<p><a linktype="page" id="{other.pk}">Next</a></p>'}
    ]
    lesson.save_revision().publish()
    polish_course = translate(course, "pl")
    polish_lesson = translate(lesson, "pl")
    polish_other = translate(other, "pl")
    assert polish_course.locale == Locale.objects.get(language_code="pl")
    data = api.get_json(f"/api/v1/lessons/{polish_lesson.pk}/")
    html = data["body"][0]["value"]
    assert f'href="http://testserver{polish_other.url}"' in html
    assert "/pl/" in html
