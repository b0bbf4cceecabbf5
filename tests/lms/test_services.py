"""lms.services: progress across languages and edits, grading, completion, certificates and
the learner's own data."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from lms import services
from lms.models import Certificate, Enrolment, LessonProgress, Profile, QuizAttempt
from tests import factories
from tests.lms.conftest import HALF, RIGHT, WRONG, publish

COMPLETED = services.Status.COMPLETED


def complete_course(user, lessons, quiz_lesson, quiz_id):
    services.grade_quiz(user, quiz_lesson, quiz_id, RIGHT)
    for lesson in lessons:
        services.record_progress(user, lesson, status=COMPLETED)


# --- Enrolment ------------------------------------------------------------------------------


def test_enrolling_twice_returns_the_first_enrolment(learner, course, course_pl):
    first, created = services.enrol(learner, course)
    again, created_again = services.enrol(learner, course_pl)
    assert created and not created_again
    assert first.pk == again.pk and first.locale == "en"
    assert Enrolment.objects.count() == 1


def test_a_draft_course_cannot_be_enrolled_in(learner, course):
    course.unpublish()
    with pytest.raises(services.NotFound):
        services.enrol(learner, course)
    with pytest.raises(services.NotFound):
        services.live_course(course.pk)
    assert not Enrolment.objects.exists()


# --- Progress across languages ---------------------------------------------------------------


def test_progress_made_in_polish_counts_in_english(
    learner, course, lessons, course_pl, lessons_pl, quiz_id
):
    services.record_progress(learner, lessons_pl[0], status=COMPLETED)
    services.record_progress(learner, lessons_pl[2], position="b-3", time_spent=40)
    services.grade_quiz(learner, lessons_pl[1], quiz_id, RIGHT)

    english = services.course_progress(learner, course, "en")
    assert english.enrolment is not None
    # Passing the quiz completed its lesson (the completion rule).
    assert [lesson.status for lesson in english.lessons] == [
        "completed",
        "completed",
        "in_progress",
    ]
    assert english.lessons[1].quizzes_passed == {quiz_id}
    assert english.completed == 2 and english.total == 3 and english.percent == 67
    assert services.lesson_status(learner, lessons[0]) == COMPLETED
    assert services.lesson_progress(learner, lessons[2]).position == "b-3"
    # Titles and links follow the learner's language, the record does not.
    assert english.course.pk == course.pk and english.lessons[0].page.pk == lessons[0].pk
    polish = services.course_progress(learner, course, "pl")
    assert polish.course.pk == course_pl.pk and polish.lessons[0].page.pk == lessons_pl[0].pk
    assert Enrolment.objects.get().locale == "pl"
    assert LessonProgress.objects.count() == 3


def test_a_language_without_translation_falls_back_to_the_source(learner, course, lessons):
    services.record_progress(learner, lessons[0], status=COMPLETED)
    state = services.course_progress(learner, course, "de")
    assert state.course.pk == course.pk and state.completed == 1


# --- Merging progress -----------------------------------------------------------------------


def test_status_only_moves_forward_and_time_keeps_the_maximum(learner, lessons):
    lesson = lessons[0]
    services.record_progress(learner, lesson, status="in_progress", time_spent=120)
    services.record_progress(learner, lesson, status=COMPLETED, time_spent=60)
    row = services.record_progress(learner, lesson, status="in_progress", time_spent=90)
    assert row.status == COMPLETED and row.time_spent == 120 and row.completed_at is not None
    row = services.record_progress(learner, lesson, status="not_started")
    assert row.status == COMPLETED


def test_the_same_report_twice_changes_nothing(learner, lessons):
    first = services.record_progress(learner, lessons[0], status="in_progress", position="b-2")
    second = services.record_progress(learner, lessons[0], status="in_progress", position="b-2")
    assert second.pk == first.pk and second.updated_at == first.updated_at
    assert LessonProgress.objects.count() == 1


def test_a_position_older_than_the_stored_one_is_ignored(learner, lessons):
    row = services.record_progress(learner, lessons[0], position="b-5")
    stale = row.updated_at - timedelta(minutes=5)
    row = services.record_progress(learner, lessons[0], position="b-1", client_updated_at=stale)
    assert row.position == "b-5"
    fresh = timezone.now() + timedelta(seconds=1)
    row = services.record_progress(learner, lessons[0], position="b-7", client_updated_at=fresh)
    assert row.position == "b-7"


def test_a_position_or_time_starts_the_lesson(learner, lessons):
    assert services.record_progress(learner, lessons[0], time_spent=5).status == "in_progress"


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"status": "done"},
        {"status": None, "position": "x" * 256},
        {"time_spent": -1},
        {"time_spent": 1.5},
        {"time_spent": True},
        {"time_spent": services.MAX_TIME_SPENT + 1},
        {"position": ["b-1"]},
    ],
)
def test_bad_progress_is_refused_and_nothing_is_stored(learner, lessons, kwargs):
    with pytest.raises(services.LearnerError):
        services.record_progress(learner, lessons[0], **kwargs)
    assert not Enrolment.objects.exists() and not LessonProgress.objects.exists()


def test_a_lesson_of_an_unpublished_course_is_refused(learner, course, lessons):
    course.unpublish()
    with pytest.raises(services.NotFound):
        services.record_progress(learner, lessons[0], status=COMPLETED)


# --- Quizzes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answers, score, passed, correct",
    [
        (RIGHT, 100, True, [True, True]),
        (HALF, 50, True, [True, False]),  # the fixture's pass mark is 50 %
        (WRONG, 0, False, [False, False]),
        ({"q1": ["0"], "q2": ["0", "1", "2"]}, 50, True, [True, False]),
    ],
)
def test_quizzes_are_graded_against_the_stored_answers(
    learner, quiz_lesson, quiz_id, answers, score, passed, correct
):
    attempt = services.grade_quiz(learner, quiz_lesson, quiz_id, answers)
    assert (attempt.score, attempt.passed) == (score, passed)
    assert [result["correct"] for result in attempt.results] == correct
    assert attempt.results[0]["explanation"] == "The Goethe-Institut led the consortium."
    chosen = attempt.results[0]["feedback"][0]
    assert chosen["feedback"] in {"Right.", "No."}
    assert "correct" not in chosen  # the right answer itself is never revealed


def test_every_attempt_is_recorded(learner, quiz_lesson, quiz_id):
    for answers in (WRONG, HALF, RIGHT):
        services.grade_quiz(learner, quiz_lesson, quiz_id, answers)
    assert list(QuizAttempt.objects.values_list("score", flat=True)) == [100, 50, 0]
    # 50% passes (the pass mark), and passing the lesson's only quiz completes it.
    assert services.lesson_status(learner, quiz_lesson) == COMPLETED


def test_each_quiz_has_its_own_pass_mark(learner, course):
    strict = factories.LessonPageFactory(
        parent=course, body=[factories.quiz_block(title="Strict", pass_mark=100)]
    )
    quiz = strict.quiz_blocks()[0].id
    assert not services.grade_quiz(learner, strict, quiz, HALF).passed
    assert services.grade_quiz(learner, strict, quiz, RIGHT).passed


@pytest.mark.parametrize(
    "answers, message",
    [
        ({}, "^Answer question 1, “Who leads Creative Ports.*Answer question 2, “"),
        (None, "Send an answer"),
        (["0"], "Send an answer"),
        ({"q1": ["0"], "q2": ["0"], "q9": ["0"]}, "Unknown question id: q9"),
        ({"q1": ["0"]}, "^Answer question 2, “"),
        ({"q1": ["0", "1"], "q2": ["0"]}, "only one answer to question 1, “Who leads"),
        ({"q1": ["7"], "q2": ["0"]}, "no answer 7 to question 1"),
        ({"q1": ["x"], "q2": ["0"]}, "no answer x to question 1"),
        ({"q1": [], "q2": ["0"]}, "at least one answer"),
        ({"q1": {"0": True}, "q2": ["0"]}, "at least one answer"),
    ],
)
def test_invalid_answers_are_refused_and_not_recorded(
    learner, quiz_lesson, quiz_id, answers, message
):
    with pytest.raises(services.LearnerError, match=message):
        services.grade_quiz(learner, quiz_lesson, quiz_id, answers)
    assert not QuizAttempt.objects.exists() and not Enrolment.objects.exists()


def test_an_unknown_quiz_is_not_found(learner, quiz_lesson):
    with pytest.raises(services.NotFound):
        services.grade_quiz(learner, quiz_lesson, "nope", RIGHT)


# --- Completion and certificates ------------------------------------------------------------


def test_the_course_is_complete_when_every_lesson_is_done_and_every_quiz_passed(
    learner, course, lessons, quiz_lesson, quiz_id
):
    for lesson in lessons:
        services.record_progress(learner, lesson, status=COMPLETED)
    state = services.course_progress(learner, course)
    # Every lesson is marked complete, but the quiz has not been passed.
    assert not state.is_complete and state.completed == 2 and state.percent == 67
    assert state.next_lesson.pk == quiz_lesson.pk
    assert not Certificate.objects.exists()

    services.grade_quiz(learner, quiz_lesson, quiz_id, WRONG)
    assert not services.course_progress(learner, course).is_complete
    services.grade_quiz(learner, quiz_lesson, quiz_id, RIGHT)
    state = services.course_progress(learner, course)
    assert state.is_complete and state.percent == 100 and state.next_lesson is None
    certificate = Certificate.objects.get()
    assert state.certificate == certificate
    assert certificate.learner_name == "Ada Nowak" and certificate.course_title == course.title
    assert Enrolment.objects.get().completed_at is not None


def test_a_certificate_is_issued_once(learner, course, lessons, quiz_lesson, quiz_id):
    complete_course(learner, lessons, quiz_lesson, quiz_id)
    code = Certificate.objects.get().code
    services.record_progress(learner, lessons[0], status=COMPLETED)
    services.grade_quiz(learner, quiz_lesson, quiz_id, RIGHT)
    enrolment = Enrolment.objects.get()
    assert services.issue_certificate(enrolment).code == code
    assert Certificate.objects.count() == 1


def test_certificate_codes_are_random_groups_of_base32():
    codes = {services.new_certificate_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}", code) for code in codes)


def test_verifying_accepts_any_case_and_spacing(learner, course, lessons, quiz_lesson, quiz_id):
    complete_course(learner, lessons, quiz_lesson, quiz_id)
    code = Certificate.objects.get().code
    assert services.verify_certificate(code.lower().replace("-", " ")).code == code
    assert services.verify_certificate("AAAA-BBBB-CCCC-DDDD") is None
    assert services.verify_certificate("") is None
    assert services.verify_certificate("x" * 500) is None


def test_a_lesson_added_after_completion_reopens_the_course_and_is_named_new(
    learner, course, lessons, quiz_lesson, quiz_id
):
    complete_course(learner, lessons, quiz_lesson, quiz_id)
    assert services.course_progress(learner, course).new_lessons == []
    new = factories.LessonPageFactory(parent=course, title="What changed in 2026", live=False)
    publish(new)

    state = services.course_progress(learner, course)
    assert not state.is_complete and state.percent == 75
    assert [lesson.title for lesson in state.new_lessons] == ["What changed in 2026"]
    # The certificate already issued stays valid; finishing the new lesson completes again.
    services.record_progress(learner, new, status=COMPLETED)
    state = services.course_progress(learner, course)
    assert state.is_complete and state.new_lessons == []
    assert Certificate.objects.count() == 1


def test_lessons_of_the_source_locale_define_the_course(
    learner, course, course_pl, lessons_pl, quiz_id
):
    # A lesson that exists only in Polish does not count; the English lessons do.
    extra = factories.LessonPageFactory(parent=course_pl, locale=course_pl.locale)
    state = services.course_progress(learner, course_pl, "pl")
    assert state.total == 3 and extra.pk not in [lesson.page.pk for lesson in state.lessons]


def test_deleting_a_lesson_page_keeps_the_history(learner, course, lessons, quiz_lesson, quiz_id):
    services.grade_quiz(learner, quiz_lesson, quiz_id, RIGHT)
    services.record_progress(learner, quiz_lesson, status=COMPLETED, time_spent=300)
    key = quiz_lesson.translation_key
    quiz_lesson.delete()

    row = LessonProgress.objects.get(lesson_key=key)
    assert row.status == COMPLETED and row.time_spent == 300
    assert QuizAttempt.objects.filter(lesson_key=key, passed=True).exists()
    assert services.course_progress(learner, course).total == 2


# --- The learner's own data ------------------------------------------------------------------


def test_export_holds_every_record(learner, course, lessons, quiz_lesson, quiz_id):
    Profile.objects.create(
        user=learner, preferred_language="pl", organisation="Baltic Lab", lesson_emails=True
    )
    complete_course(learner, lessons, quiz_lesson, quiz_id)
    data = services.export_learner_data(learner)
    assert data["account"]["username"] == learner.username
    assert data["profile"]["organisation"] == "Baltic Lab"
    assert data["profile"]["lesson_emails"] is True
    assert len(data["enrolments"]) == 1 and len(data["enrolments"][0]["lessons"]) == 3
    assert data["quiz_attempts"][0]["answers"] == RIGHT
    assert data["certificates"][0]["code"] == Certificate.objects.get().code


def test_deleting_the_account_removes_personal_data_and_anonymises_certificates(
    learner, other_learner, course, lessons, quiz_lesson, quiz_id
):
    complete_course(learner, lessons, quiz_lesson, quiz_id)
    services.record_progress(other_learner, lessons[0], status=COMPLETED)
    code = Certificate.objects.get().code
    with pytest.raises(services.LearnerError):
        services.delete_learner(learner, "wrong password")
    assert Enrolment.objects.filter(user=learner).exists()

    services.delete_learner(learner, "correct-horse-battery")
    assert not Enrolment.objects.filter(user__username=learner.username).exists()
    assert not QuizAttempt.objects.exists()
    assert LessonProgress.objects.count() == 1  # the other learner's
    certificate = services.verify_certificate(code)
    assert certificate.user is None and certificate.learner_name == ""
    assert certificate.course_title == course.title


def test_records_made_with_the_factories_count_as_progress(course, lessons):
    enrolment = factories.EnrolmentFactory(course=course)
    factories.LessonProgressFactory(enrolment=enrolment, lesson=lessons[0])
    factories.ProfileFactory(user=enrolment.user)
    state = services.course_progress(enrolment.user, course)
    assert state.enrolment == enrolment and state.completed == 1 and state.percent == 33
