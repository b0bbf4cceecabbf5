from courses.models import LessonPage


def test_course_fixture_builds_three_lessons_in_order(course):
    titles = [lesson.title for lesson in course.get_lessons()]
    assert titles == ["Lesson 1", "Lesson 2", "Lesson 3"]
    quiz = LessonPage.objects.get(title="Lesson 2").quiz_blocks()
    assert len(quiz) == 1 and quiz[0].value["pass_mark"] == 50
