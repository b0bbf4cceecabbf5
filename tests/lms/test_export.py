"""The learner's export is readable: its keys, and the titles of the courses, lessons and
quizzes they name, in the learner's preferred language."""

from lms import services
from lms.models import Profile
from tests.lms.conftest import RIGHT, publish

COMPLETED = services.Status.COMPLETED


def test_the_export_names_courses_lessons_and_quizzes(
    learner, course, lessons, course_pl, lessons_pl, quiz_lesson, quiz_id
):
    Profile.objects.update_or_create(user=learner, defaults={"preferred_language": "pl"})
    lessons_pl[0].title = "Lekcja 1"
    publish(lessons_pl[0])
    services.record_progress(learner, lessons[0], status=COMPLETED)
    services.grade_quiz(learner, quiz_lesson, quiz_id, RIGHT)

    data = services.export_learner_data(learner)
    assert data["language"] == "pl"
    enrolment = data["enrolments"][0]
    assert enrolment["course_translation_key"] == str(course.translation_key)
    assert enrolment["course_title"] == course_pl.title
    titles = {row["lesson_translation_key"]: row["lesson_title"] for row in enrolment["lessons"]}
    assert titles[str(lessons[0].translation_key)] == "Lekcja 1"
    attempt = data["quiz_attempts"][0]
    assert attempt["quiz"] == quiz_id and attempt["quiz_title"] == "Check your understanding"
    assert attempt["lesson_title"] == quiz_lesson.title


def test_a_deleted_lesson_keeps_its_record_without_a_title(learner, course, lessons):
    services.record_progress(learner, lessons[0], status=COMPLETED)
    key = lessons[0].translation_key
    lessons[0].delete()
    rows = services.export_learner_data(learner)["enrolments"][0]["lessons"]
    assert [(row["lesson_translation_key"], row["lesson_title"]) for row in rows] == [
        (str(key), None)
    ]
