import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from courses.models import CoursePage, LessonPage
from tests import factories


def count_version_reads(monkeypatch, cache_class):
    """The key lists of every ``get_many`` that a cache of ``cache_class`` answers from now
    on: how often the real cache is read for versions (lms.memo)."""
    reads = []
    get_many = cache_class.get_many

    def counted(self, keys, *args, **kwargs):
        reads.append(sorted(keys))
        return get_many(self, keys, *args, **kwargs)

    monkeypatch.setattr(cache_class, "get_many", counted)
    return reads


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, locale):
    """A live copy of ``page`` (and its missing parents) in ``locale``, keeping block ids."""
    copy = page.copy_for_translation(locale, copy_parents=True)
    return publish(copy.specific)


@pytest.fixture
def lessons(course):
    return list(course.get_lessons().specific())


@pytest.fixture
def quiz_lesson(lessons):
    return lessons[1]


@pytest.fixture
def quiz_id(quiz_lesson):
    return quiz_lesson.quiz_blocks()[0].id


@pytest.fixture
def course_pl(course, lessons, locales):
    """The course and all its lessons translated into Polish."""
    course_pl = translate(course, locales["pl"])
    for lesson in lessons:
        translate(lesson, locales["pl"])
    return CoursePage.objects.get(pk=course_pl.pk)


@pytest.fixture
def lessons_pl(course_pl):
    return list(LessonPage.objects.child_of(course_pl).live().order_by("path").specific())


@pytest.fixture
def learner(db):
    return factories.UserFactory(first_name="Ada", last_name="Nowak")


@pytest.fixture
def other_learner(db):
    return factories.UserFactory()


@pytest.fixture
def staff(db):
    return factories.UserFactory(is_staff=True, is_superuser=True)


def api_client_for(user):
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api():
    return api_client_for


# The quiz in the shared fixture: q1 (single) has choice 0 correct, q2 (multiple) 0 and 2.
RIGHT = {"q1": ["0"], "q2": ["0", "2"]}
HALF = {"q1": ["0"], "q2": ["0"]}
WRONG = {"q1": ["1"], "q2": ["1"]}


@pytest.fixture(autouse=True)
def reset_language():
    """Requests under /pl/ leave Polish active in the thread; start each test in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")
