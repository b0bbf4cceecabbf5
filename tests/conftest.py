import pytest
from django.conf import settings
from wagtail.models import Locale, Page, Site

from tests import factories


@pytest.fixture(autouse=True)
def clear_cache():
    """API throttles count requests in the cache; each test starts with none counted."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def locales(db):
    """All nine content locales."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }


@pytest.fixture
def home(locales):
    """An English home page served by the default site."""
    root = Page.get_first_root_node()
    home = factories.HomePageFactory(parent=root, locale=locales["en"], slug="home-en")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"root_page": home, "hostname": "localhost", "port": 80, "site_name": "Harbour"},
    )
    return home


@pytest.fixture
def course_index(home):
    return factories.CourseIndexPageFactory(parent=home, locale=home.locale)


@pytest.fixture
def case_study_index(home):
    return factories.CaseStudyIndexPageFactory(parent=home, locale=home.locale)


@pytest.fixture
def course(course_index):
    """A course with three lessons; the second has a quiz."""
    course = factories.CoursePageFactory(parent=course_index, locale=course_index.locale)
    for number in range(1, 4):
        body = [{"type": "rich_text", "value": f"<p>Lesson {number} text.</p>"}]
        if number == 2:
            body.append(factories.quiz_block())
        factories.LessonPageFactory(
            parent=course, locale=course.locale, title=f"Lesson {number}", body=body
        )
    return course


def pytest_collection_modifyitems(items):
    """Every test on a transactional database (the live server's, the worker's) gets its data
    back the serialized way. A plain flush re-creates the content types with new ids on
    PostgreSQL, and the next serialized test then cannot load its own."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction"):
            continue
        if not marker.kwargs.get("serialized_rollback"):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)
