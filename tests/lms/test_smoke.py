from lms import services
from tests.lms.conftest import RIGHT


def test_pl_copy_keeps_keys_and_quiz_ids(course, lessons, course_pl, lessons_pl, quiz_id):
    assert course_pl.translation_key == course.translation_key
    assert [lesson.translation_key for lesson in lessons_pl] == [
        lesson.translation_key for lesson in lessons
    ]
    assert lessons_pl[1].quiz_blocks()[0].id == quiz_id


def test_quiz_ids(quiz_lesson, quiz_id, learner):
    attempt = services.grade_quiz(learner, quiz_lesson, quiz_id, RIGHT)
    assert attempt.score == 100
