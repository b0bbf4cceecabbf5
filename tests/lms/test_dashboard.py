"""The learner's dashboard leads somewhere: the catalogue when empty, the lesson to continue,
and courses suggested from the profile's subsector and country."""

import pytest
from django.urls import reverse

from lms import services
from lms.models import Profile
from tests import factories
from tests.lms.conftest import publish
from tests.lms.test_pages import text

COMPLETED = services.Status.COMPLETED


@pytest.fixture
def logged_in(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture
def catalogue(course_index):
    """Three more courses: one for design in Poland, one for design, one for Finland."""
    design = factories.SubsectorFactory(slug="design", name="Design")
    poland = factories.CountryFactory(code="PL", name="Poland")
    finland = factories.CountryFactory(code="FI", name="Finland")

    def course(title, subsectors=(), countries=()):
        page = factories.CoursePageFactory(parent=course_index, title=title)
        page.subsectors.set(subsectors)
        page.countries.set(countries)
        return publish(page)

    return {
        "both": course("Zebra design in Poland", [design], [poland]),
        "design": course("Design basics", [design]),
        "finland": course("Finnish festivals", [], [finland]),
    }


def test_an_empty_dashboard_links_to_the_catalogue(logged_in, course_index):
    html = text(logged_in.get(reverse("lms:dashboard")))
    assert "You are not enrolled in any course yet." in html
    assert f'href="{course_index.url}">Browse the courses' in html
    assert "Continue where you left off" not in html
    # Logging out is a plain link-like button, not the page's main action.
    assert 'class="link-button"' in html


def test_continue_where_you_left_off(logged_in, learner, course, lessons):
    services.record_progress(learner, lessons[0], status=COMPLETED)
    services.record_progress(learner, lessons[2], position="b-7")
    html = text(logged_in.get(reverse("lms:dashboard")))
    resume = html[html.index("Continue where you left off") :]
    assert f'href="{lessons[2].url}#b-7">{lessons[2].title}' in resume


def test_the_next_lesson_when_nothing_is_open(learner, course, lessons):
    services.enrol(learner, course)
    state, lesson = services.resume_point(services.progress_summary(learner)["courses"])
    assert state.key == course.translation_key and lesson.page.pk == lessons[0].pk


def test_nothing_to_continue_in_a_finished_course(learner, course, lessons, quiz_id):
    from tests.lms.conftest import RIGHT

    services.grade_quiz(learner, lessons[1], quiz_id, RIGHT)
    for lesson in (lessons[0], lessons[2]):
        services.record_progress(learner, lesson, status=COMPLETED)
    assert services.resume_point(services.progress_summary(learner)["courses"]) is None


def test_suggestions_follow_the_profile(logged_in, learner, catalogue, course):
    Profile.objects.update_or_create(
        user=learner, defaults={"subsector": "design", "country": "PL"}
    )
    suggested = services.suggested_courses(learner)
    # Matching both first, then by title; a course matching neither is not suggested.
    assert [page.pk for page in suggested] == [catalogue["both"].pk, catalogue["design"].pk]
    html = text(logged_in.get(reverse("lms:dashboard")))
    assert "Suggested for you" in html and catalogue["design"].title in html
    assert catalogue["finland"].title not in html

    services.enrol(learner, catalogue["both"])
    assert [page.pk for page in services.suggested_courses(learner)] == [catalogue["design"].pk]


def test_no_suggestions_without_a_profile(logged_in, learner, catalogue):
    assert services.suggested_courses(learner) == []
    html = text(logged_in.get(reverse("lms:dashboard")))
    assert "Suggested for you" not in html
    assert "to get suggestions" in html


def test_the_profile_has_no_code_jargon_and_deleting_is_no_primary_button(logged_in):
    profile = text(logged_in.get(reverse("lms:profile")))
    assert "ISO 3166" not in profile
    delete = text(logged_in.get(reverse("lms:account-delete")))
    assert 'class="button button--danger"' in delete and "harbour/learner.css" in delete
