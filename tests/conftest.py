import pytest
from django.conf import settings
from wagtail.models import Locale, Page, Site

from tests import factories


@pytest.fixture(autouse=True, scope="session")
def badge_key(tmp_path_factory):
    """A signing key of the test run's own, never the site's (lms.services.credentials)."""
    from lms.services import credentials

    path = tmp_path_factory.mktemp("keys") / "open-badges-ed25519.pem"
    settings.HARBOUR_BADGE_KEY_FILE = path
    credentials.create_key(path)
    return path


@pytest.fixture(autouse=True)
def clear_cache():
    """API throttles count requests in the cache; each test starts with none counted. The
    versions of what processes keep go with it (lms.memo), and so do the lessons' tags that
    ``live_lesson`` learned: a page id of an earlier test may be another lesson's now."""
    from django.core.cache import cache

    from lms.services import pages

    cache.clear()
    pages._lesson_tags.clear()
    yield


@pytest.fixture
def locales(db):
    """All nine content locales."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }


def tree_roots(locales):
    """Wagtail's root page and root collection, which its migrations make. A transactional
    test (the live server's, the worker's) ends with a flush that removes them; the next one
    puts them back, so every language's home page hangs below the root, as in a real site."""
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locales["en"]))
    return root


@pytest.fixture
def home(locales):
    """An English home page served by the default site."""
    root = tree_roots(locales)
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
