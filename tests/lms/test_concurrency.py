"""Many requests for one learner at once: nothing lost, nothing duplicated.

Runs on PostgreSQL only: SQLite serialises every write, so it cannot show a race.
"""

import threading

import pytest
from django.db import connection, connections

from lms import services
from lms.models import Certificate, Enrolment, LessonProgress
from tests import factories
from tests.lms.conftest import RIGHT

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises writes, so there is no race to test",
    ),
    pytest.mark.django_db(transaction=True),
]

THREADS = 8


def run_at_once(jobs):
    """Start every job at the same moment on its own thread and database connection."""
    barrier = threading.Barrier(len(jobs))
    errors, results = [], [None] * len(jobs)

    def worker(index, job):
        try:
            barrier.wait(timeout=30)
            results[index] = job()
        except Exception as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=pair) for pair in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


@pytest.fixture
def long_course(course_index):
    course = factories.CoursePageFactory(parent=course_index)
    lessons = [factories.LessonPageFactory(parent=course) for _ in range(6)]
    return course, lessons


def test_many_threads_completing_lessons_of_one_enrolment(learner, long_course):
    course, lessons = long_course
    # Six lessons at once, two of them twice.
    jobs = [
        (lambda lesson=lesson: services.record_progress(learner, lesson, status="completed"))
        for lesson in lessons + lessons[:2]
    ]
    assert len(jobs) == THREADS
    run_at_once(jobs)

    assert Enrolment.objects.filter(user=learner).count() == 1
    rows = LessonProgress.objects.filter(enrolment__user=learner)
    assert rows.count() == 6
    assert set(rows.values_list("status", flat=True)) == {"completed"}
    assert {row.lesson_key for row in rows} == {lesson.translation_key for lesson in lessons}
    # Whichever thread finished last saw every other lesson and issued the certificate, once.
    assert Certificate.objects.filter(user=learner).count() == 1
    assert Enrolment.objects.get(user=learner).completed_at is not None
    assert services.course_progress(learner, course).is_complete


def test_the_last_quiz_and_the_last_lesson_at_once(learner, course, quiz_id):
    lessons = list(course.get_lessons().specific())
    services.record_progress(learner, lessons[0], status="completed")
    jobs = [
        lambda: services.record_progress(learner, lessons[1], status="completed"),
        lambda: services.record_progress(learner, lessons[2], status="completed"),
        lambda: services.grade_quiz(learner, lessons[1], quiz_id, RIGHT),
    ] * 2 + [lambda: services.record_progress(learner, lessons[2], time_spent=30)] * 2
    run_at_once(jobs)
    assert Certificate.objects.filter(user=learner).count() == 1
    assert LessonProgress.objects.filter(enrolment__user=learner).count() == 3


def test_simultaneous_enrolments_and_progress_reports_merge(learner, long_course):
    course, lessons = long_course
    lesson = lessons[0]
    jobs = [lambda: services.enrol(learner, course)] * 4 + [
        (lambda seconds=seconds: services.record_progress(learner, lesson, time_spent=seconds))
        for seconds in (10, 40, 30, 20)
    ]
    results = run_at_once(jobs)
    enrolments = {enrolment.pk for enrolment, _created in results[:4]}
    assert len(enrolments) == 1 and Enrolment.objects.count() == 1
    row = LessonProgress.objects.get()
    assert row.time_spent == 40 and row.status == "in_progress"


def test_certificates_are_not_duplicated_under_concurrency(learner, long_course):
    course, lessons = long_course
    for lesson in lessons:
        services.record_progress(learner, lesson, status="completed")
    Certificate.objects.all().delete()
    enrolment = Enrolment.objects.get()
    codes = run_at_once([lambda: services.issue_certificate(enrolment)] * THREADS)
    assert Certificate.objects.count() == 1
    assert {certificate.code for certificate in codes} == {Certificate.objects.get().code}


def test_the_last_two_lessons_finished_at_once_still_complete_the_course(long_course):
    course, lessons = long_course
    # Without the enrolment's row lock each of the two writers would miss the other's
    # lesson, and the course would never be marked complete. Ten learners make the race
    # near-certain to show if the lock were gone.
    learners = factories.UserFactory.create_batch(10)
    for learner in learners:
        for lesson in lessons[:-2]:
            services.record_progress(learner, lesson, status="completed")
    jobs = [
        (
            lambda learner=learner, lesson=lesson: services.record_progress(
                learner, lesson, status="completed"
            )
        )
        for learner in learners
        for lesson in lessons[-2:]
    ]
    run_at_once(jobs)
    assert Certificate.objects.count() == 10
    assert not Enrolment.objects.filter(completed_at__isnull=True).exists()
