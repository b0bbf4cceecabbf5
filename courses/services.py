"""Content services shared by the web pages, the API and the management commands."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count
from wagtail.models import Locale, Page, Site

from lms.i18n import fallback_locale_code

from .models import CaseStudyIndexPage, CaseStudyPage, CourseIndexPage, CoursePage, HomePage

# --- Site structure -----------------------------------------------------------------------


@dataclass
class SiteStructure:
    """The pages every locale's tree hangs from: home, the course index, the case-study index."""

    home: HomePage
    course_index: CourseIndexPage
    case_study_index: CaseStudyIndexPage


def ensure_locales():
    """The nine content locales of settings.LANGUAGES, keyed by language code."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }


def _publish(page):
    page.save_revision().publish()
    return page


def publish_latest(page, user=None):
    """Publish a page's latest revision (a draft made by wagtail-localize, for example)."""
    page = page.specific
    revision = page.get_latest_revision() or page.save_revision(user=user)
    revision.publish(user=user)
    page.refresh_from_db()
    return page


def _remove_welcome_page(root):
    """Wagtail's migrations create a bare "Welcome" page; Harbour's HomePage takes its place."""
    page_type = ContentType.objects.get_for_model(Page)
    for page in root.get_children().filter(content_type=page_type, numchild=0):
        # The default Site cascades with its root page; it is re-created for the new home.
        page.delete()


def _child_of_type(parent, model):
    return model.objects.child_of(parent).filter(locale_id=parent.locale_id).first()


@transaction.atomic
def ensure_site_structure():
    """Create what every Harbour site needs, once: nine locales, the English home page as the
    default site's root, and its course and case-study indexes. Safe to call repeatedly."""
    locales = ensure_locales()
    source_locale = locales[settings.LANGUAGE_CODE]
    root = Page.get_first_root_node()

    home = HomePage.objects.filter(depth=2, locale=source_locale).first()
    if home is None:
        _remove_welcome_page(root)
        home = HomePage(
            title="Harbour",
            slug="home",
            locale=source_locale,
            summary=(
                "Learning modules and case studies from the cultural and creative industries "
                "of the Baltic Sea Region."
            ),
        )
        root.add_child(instance=home)
        _publish(home)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=settings.WAGTAIL_SITE_NAME,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()

    course_index = _child_of_type(home, CourseIndexPage)
    if course_index is None:
        course_index = CourseIndexPage(
            title="Courses",
            slug="courses",
            locale=source_locale,
            summary="Learning modules about working across borders in the creative industries.",
        )
        home.add_child(instance=course_index)
        _publish(course_index)

    case_study_index = _child_of_type(home, CaseStudyIndexPage)
    if case_study_index is None:
        case_study_index = CaseStudyIndexPage(
            title="Case studies",
            slug="case-studies",
            locale=source_locale,
            summary="What partner projects learned from cooperating across the Baltic Sea.",
        )
        home.add_child(instance=case_study_index)
        _publish(case_study_index)

    return SiteStructure(home=home, course_index=course_index, case_study_index=case_study_index)


@transaction.atomic
def ensure_locale_structure(structure, locale, user=None):
    """The home page and indexes of ``locale``, translated from English through wagtail-localize
    where they do not exist yet (their text falls back to English until an editor translates it)."""
    from wagtail_localize.models import Translation, TranslationSource

    pages = []
    for page in (structure.home, structure.course_index, structure.case_study_index):
        translated = page.get_translation_or_none(locale)
        if translated is None:
            source, _created = TranslationSource.get_or_create_from_instance(page)
            translation, _created = Translation.objects.get_or_create(
                source=source, target_locale=locale, defaults={"enabled": True}
            )
            # A draft first, then publish here: wagtail-localize would publish on commit, which
            # never comes inside a caller's transaction or a test.
            translation.save_target(user=user, publish=False)
            translated = page.get_translation(locale)
        if not translated.live:
            publish_latest(translated, user=user)
        pages.append(translated.specific)
    return SiteStructure(*pages)


# --- Locales --------------------------------------------------------------------------------


def locale_summary():
    """The content locales with their names and how many served courses and case studies
    each has: three queries."""

    def counts(model):
        rows = (
            model.objects.served()
            .order_by()
            .values("locale__language_code")
            .annotate(n=Count("pk"))
        )
        return {row["locale__language_code"]: row["n"] for row in rows}

    courses, case_studies = counts(CoursePage), counts(CaseStudyPage)
    fallback = fallback_locale_code()
    return [
        {
            "code": code,
            "name": str(name),
            "is_fallback_locale": code == fallback,
            "courses": courses.get(code, 0),
            "case_studies": case_studies.get(code, 0),
        }
        for code, name in settings.WAGTAIL_CONTENT_LANGUAGES
    ]
