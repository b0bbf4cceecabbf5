"""The course beside every lesson: the outline with each lesson's status, the next lesson,
the course's progress; opening a lesson starts it; the place in a lesson is kept quietly."""

import pytest
from django.contrib.messages import get_messages

from lms import services
from lms.models import Enrolment, LessonProgress
from tests.lms.test_pages import text, url

COMPLETED = services.Status.COMPLETED


@pytest.fixture
def logged_in(client, learner):
    client.force_login(learner)
    return client


def test_the_outline_shows_the_course_beside_the_lesson(logged_in, learner, course, lessons):
    services.record_progress(learner, lessons[0], status=COMPLETED)
    html = text(logged_in.get(lessons[1].url))
    outline = html[html.index('class="course-outline"') :]
    assert course.title in outline
    assert "1 of 3 lessons done (33%)" in outline
    # Lesson 1 done, lesson 2 opened just now, lesson 3 not started.
    assert outline.index("status--completed") < outline.index("status--in_progress")
    assert outline.count("status--not_started") == 1
    assert f'<span aria-current="page">{lessons[1].title}</span>' in outline
    assert f'href="{lessons[2].url}" rel="next">Next lesson: {lessons[2].title}' in outline


def test_opening_a_lesson_marks_it_in_progress(logged_in, learner, course, lessons):
    services.enrol(learner, course)
    assert services.lesson_status(learner, lessons[2]) == "not_started"
    logged_in.get(lessons[2].url)
    assert services.lesson_status(learner, lessons[2]) == "in_progress"
    # Opening a finished lesson leaves it finished.
    services.record_progress(learner, lessons[0], status=COMPLETED)
    logged_in.get(lessons[0].url)
    assert services.lesson_status(learner, lessons[0]) == COMPLETED


def test_opening_a_lesson_does_not_enrol_a_visitor(logged_in, learner, lessons):
    html = text(logged_in.get(lessons[0].url))
    assert not Enrolment.objects.exists() and not LessonProgress.objects.exists()
    # Nothing to keep the place for: no script and no address to send it to.
    assert "data-position-url" not in html and "lesson-position.js" not in html


def test_the_position_script_is_a_file_on_enrolled_lessons(logged_in, learner, course, lessons):
    services.enrol(learner, course)
    html = text(logged_in.get(lessons[0].url))
    assert f'data-position-url="{url("lms:lesson-position", lessons[0].pk)}"' in html
    assert "harbour/lesson-position.js" in html
    assert "<script>" not in html


def test_the_script_stores_the_position_without_a_message(logged_in, learner, course, lessons):
    services.enrol(learner, course)
    response = logged_in.post(
        url("lms:lesson-position", lessons[0].pk),
        {"position": "b-2"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 204
    assert services.lesson_progress(learner, lessons[0]).position == "b-2"
    assert list(get_messages(response.wsgi_request)) == []
    # The lesson offers to resume there, and still shows no message.
    html = text(logged_in.get(lessons[0].url))
    assert 'href="#b-2"' in html and 'class="messages' not in html


def test_a_bad_position_from_the_script_is_a_json_400(logged_in, learner, course, lessons):
    response = logged_in.post(
        url("lms:lesson-position", lessons[0].pk),
        {"position": "x" * 300},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body) >= {"detail", "code"} and "255" in body["detail"]
    assert not LessonProgress.objects.filter(position__startswith="x").exists()


def test_a_position_form_saves_without_a_success_message(logged_in, learner, lessons):
    response = logged_in.post(url("lms:lesson-position", lessons[0].pk), {"position": "b-3"})
    assert response.status_code == 302
    assert list(get_messages(response.wsgi_request)) == []
    assert services.lesson_progress(learner, lessons[0]).position == "b-3"
