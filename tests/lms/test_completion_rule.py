"""The completion rule, the same in the service layer, the pages, the API and the report: a
lesson with quizzes completes when its quizzes are passed, a lesson without one when the
learner marks it done."""

from django.urls import reverse

from lms import reports, services
from lms.models import Certificate, LessonProgress
from tests import factories
from tests.lms.conftest import RIGHT, WRONG

COMPLETED = services.Status.COMPLETED
IN_PROGRESS = services.Status.IN_PROGRESS


def progress_url(lesson):
    return f"/api/v1/progress/lessons/{lesson.pk}/"


def test_passing_the_last_quiz_completes_the_lesson(learner, course, quiz_lesson, quiz_id):
    services.grade_quiz(learner, quiz_lesson, quiz_id, WRONG)
    assert services.lesson_status(learner, quiz_lesson) == IN_PROGRESS
    services.grade_quiz(learner, quiz_lesson, quiz_id, RIGHT)
    row = LessonProgress.objects.get(lesson_key=quiz_lesson.translation_key)
    assert row.status == COMPLETED and row.completed_at is not None
    state = services.lesson_state(learner, quiz_lesson)
    assert state.is_done and state.status == COMPLETED and state.quizzes_to_pass == 0


def test_marking_a_lesson_with_a_quiz_done_waits_for_the_quiz(
    learner, course, lessons, quiz_lesson, quiz_id
):
    row = services.record_progress(learner, quiz_lesson, status=COMPLETED)
    assert row.status == IN_PROGRESS and row.completed_at is None
    state = services.course_progress(learner, course)
    assert [lesson.status for lesson in state.lessons] == [
        "not_started",
        IN_PROGRESS,
        "not_started",
    ]
    assert state.lessons[1].quizzes_to_pass == 1 and state.completed == 0


def test_a_lesson_with_two_quizzes_completes_with_the_second(learner, course):
    lesson = factories.LessonPageFactory(
        parent=course,
        body=[factories.quiz_block(title="One"), factories.quiz_block(title="Two")],
    )
    first, second = (block.id for block in lesson.quiz_blocks())
    services.grade_quiz(learner, lesson, first, RIGHT)
    state = services.lesson_state(learner, lesson)
    assert state.status == IN_PROGRESS and state.quizzes_to_pass == 1
    services.grade_quiz(learner, lesson, second, RIGHT)
    assert services.lesson_state(learner, lesson).status == COMPLETED


def test_every_view_of_progress_agrees(client, api, learner, course, lessons, quiz_lesson, quiz_id):
    """Every lesson marked done, the quiz not passed: the syllabus, the panel, the dashboard,
    the API and the report all count two of three lessons."""
    for lesson in lessons:
        services.record_progress(learner, lesson, status=COMPLETED)
    state = services.course_progress(learner, course)
    assert (state.completed, state.percent, state.is_complete) == (2, 67, False)
    assert state.next_lesson.pk == quiz_lesson.pk

    client.force_login(learner)
    page = client.get(course.url).content.decode()
    assert page.count("status--completed") == 2 and page.count("status--in_progress") == 1
    assert "Completes when its quiz is passed" in page
    assert "2 of 3 lessons done (67%)" in page
    lesson_page = client.get(quiz_lesson.url).content.decode()
    assert "Pass the quiz in this lesson to complete it." in lesson_page
    assert "Mark as complete" not in lesson_page
    assert "2 of 3 lessons done (67%)" in client.get(reverse("lms:dashboard")).content.decode()

    progress = api(learner).get("/api/v1/me/progress/").json()
    course_state = progress["courses"][0]
    assert course_state["completed"] == 2 and course_state["percent"] == 67
    assert course_state["next_lesson"]["id"] == quiz_lesson.pk
    statuses = [api(learner).get(progress_url(lesson)).json()["status"] for lesson in lessons]
    assert statuses == [COMPLETED, IN_PROGRESS, COMPLETED]

    report = reports.course_report(course)
    assert [row["completed"] for row in report["lessons"]] == [1, 0, 1]
    assert report["completions"] == 0 and not Certificate.objects.exists()

    services.grade_quiz(learner, quiz_lesson, quiz_id, RIGHT)
    assert services.course_progress(learner, course).is_complete
    assert [row["completed"] for row in reports.course_report(course)["lessons"]] == [1, 1, 1]
    assert reports.course_report(course)["completions"] == 1
    assert Certificate.objects.count() == 1


def test_the_api_records_a_quiz_lesson_as_in_progress(api, learner, quiz_lesson):
    answer = api(learner).put(progress_url(quiz_lesson), {"status": COMPLETED}, format="json")
    assert answer.status_code == 200 and answer.json()["status"] == IN_PROGRESS


def test_the_mark_as_complete_form_says_the_quiz_blocks(client, learner, quiz_lesson):
    client.force_login(learner)
    answer = client.post(reverse("lms:lesson-complete", args=[quiz_lesson.pk]), follow=True)
    assert "Pass the quizzes in this lesson to complete it." in answer.content.decode()
    assert services.lesson_status(learner, quiz_lesson) == IN_PROGRESS


def test_a_quiz_added_after_completion_reopens_the_lesson(learner, course, lessons):
    lesson = lessons[0]
    services.record_progress(learner, lesson, status=COMPLETED)
    assert services.lesson_status(learner, lesson) == COMPLETED
    lesson.body.append(
        (
            "quiz",
            lesson.body.stream_block.child_blocks["quiz"].to_python(
                factories.quiz_block()["value"]
            ),
        )
    )
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert services.lesson_status(learner, lesson) == IN_PROGRESS
    assert [row["completed"] for row in reports.course_report(course)["lessons"]][0] == 0
