"""What the learner's web pages list: the catalogue and its filters, case studies, the
partner directory and its map, the home page's teasers.

Everything is served in the active UI language, with the fallback language's version of
whatever has no translation yet (``lms.i18n``, shared with the API), starting from the
served pages (``courses.querysets``). Filters are the API's FilterSets in their lenient form
(``courses.filters``): a bad value gives a message and is ignored, never an error page, and
the pages work without JavaScript.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator

from lms.i18n import active_code, active_locale, available_locales, language_name, snippet_names
from lms.i18n import localized_queryset as localized

from ..baltic_map import MAP_HEIGHT, MAP_WIDTH, geography, place, project
from ..filters import LenientCaseStudyFilterSet, LenientCourseFilterSet, LenientPartnerFilterSet
from ..models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    Country,
    CourseIndexPage,
    CoursePage,
    Partner,
    Subsector,
)

CATALOGUE_PAGE_SIZE = 12
CASE_STUDY_PAGE_SIZE = 12


def subsector_names(requested):
    return snippet_names(Subsector, "slug", requested)


def country_names(requested):
    return snippet_names(Country, "code", requested)


def page_filter_names(requested, subsectors=None):
    """The choices of a page listing's filters, named in the visitor's language."""
    return {
        "subsector": subsectors if subsectors is not None else subsector_names(requested),
        "country": country_names(requested),
        "partner": snippet_names(Partner, "slug", requested),
    }


def filter_query(request):
    """The query string without the page number: what pagination links keep."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- Catalogue ------------------------------------------------------------------------------


@dataclass
class CourseCard:
    page: CoursePage
    subsectors: list
    languages: list
    is_fallback: bool


def course_cards(courses, names):
    """Cards for a page of courses: subsector names in the active language and the
    languages each course is available in, in a fixed number of queries."""
    courses = list(courses)
    languages = available_locales(CoursePage.objects.served(), courses)
    current = active_code()
    cards = []
    for course in courses:
        slugs = [subsector.slug for subsector in course.subsectors.all()]
        cards.append(
            CourseCard(
                page=course,
                subsectors=[names.get(slug, slug) for slug in slugs],
                languages=[
                    (code, language_name(code))
                    for code in languages.get(course.translation_key, [])
                ],
                is_fallback=course.locale.language_code != current,
            )
        )
    return cards


def catalogue_context(request):
    requested = active_locale()
    subsectors = subsector_names(requested)
    filterset = LenientCourseFilterSet(
        request.GET,
        CoursePage.objects.served().localized(requested),
        names=page_filter_names(requested, subsectors),
    )
    courses = filterset.qs.select_related("locale").prefetch_related("subsectors")
    if not filterset.active.get("ordering"):
        courses = courses.order_by("title", "pk")
    page_obj = Paginator(courses, CATALOGUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "filter_form": filterset.form,
        "filters": filterset.active,
        "courses": course_cards(page_obj.object_list, subsectors),
        "page_obj": page_obj,
        "filter_query": filter_query(request),
    }


# --- Home and case studies --------------------------------------------------------------------


def localized_index(model, requested=None):
    """The served index page (course or case-study) to link in the active language."""
    return model.objects.served().localized(requested or active_locale()).first()


def home_context(home, request):
    requested = active_locale()
    courses = (
        CoursePage.objects.served()
        .localized(requested)
        .select_related("locale")
        .prefetch_related("subsectors")
        .order_by("-first_published_at", "title")[:3]
    )
    case_studies = (
        CaseStudyPage.objects.served()
        .localized(requested)
        .select_related("locale")
        .order_by("-first_published_at", "title")[:3]
    )
    partners = localized(Partner.objects.all(), requested)
    return {
        "featured_courses": course_cards(courses, subsector_names(requested)),
        "featured_case_studies": list(case_studies),
        "partner_count": partners.count(),
        "country_count": partners.values("country__code").distinct().count(),
        "partner_names": list(partners.order_by("name").values_list("name", flat=True)[:8]),
        "course_index": localized_index(CourseIndexPage, requested),
        "case_study_index": localized_index(CaseStudyIndexPage, requested),
    }


def case_study_list_context(request):
    requested = active_locale()
    filterset = LenientCaseStudyFilterSet(
        request.GET,
        CaseStudyPage.objects.served().localized(requested),
        names=page_filter_names(requested),
    )
    case_studies = filterset.qs.select_related("locale").prefetch_related("countries")
    if not filterset.active.get("ordering"):
        case_studies = case_studies.order_by("-project_start", "title", "pk")
    page_obj = Paginator(case_studies, CASE_STUDY_PAGE_SIZE).get_page(request.GET.get("page"))
    current = active_code()
    return {
        "filter_form": filterset.form,
        "filters": filterset.active,
        "case_studies": [
            (item, item.locale.language_code != current) for item in page_obj.object_list
        ],
        "page_obj": page_obj,
        "filter_query": filter_query(request),
    }


# --- Partner directory and map ----------------------------------------------------------------


@dataclass
class PartnerEntry:
    partner: Partner
    country: str
    subsectors: list
    position: tuple | None
    is_fallback: bool


def partner_entry(partner, country_names, subsector_names):
    """A partner as the directory and the map show it, with names in the active language."""
    return PartnerEntry(
        partner=partner,
        country=country_names.get(partner.country.code, partner.country.name),
        subsectors=[subsector_names.get(s.slug, s.name) for s in partner.subsectors.all()],
        position=(
            project(partner.longitude, partner.latitude)
            if partner.longitude is not None and partner.latitude is not None
            else None
        ),
        is_fallback=partner.locale.language_code != active_code(),
    )


def partner_map(entries):
    """What ``includes/partner_map.html`` draws: one marker per city, and the partners that
    cannot be placed (outside the map, or without coordinates) to list beside it."""
    markers, off_map = place(
        entries,
        position=lambda entry: entry.position,
        city=lambda entry: entry.partner.city,
        name=lambda entry: entry.partner.name,
    )
    drawn = geography()
    return {
        "markers": markers,
        "off_map": off_map,
        "placed_count": len(entries) - len(off_map),
        "map_width": MAP_WIDTH,
        "map_height": MAP_HEIGHT,
        "map_land": drawn["land"],
        "map_borders": drawn["borders"],
    }


def partner_directory_context(request):
    requested = active_locale()
    subsectors = subsector_names(requested)
    countries = country_names(requested)
    filterset = LenientPartnerFilterSet(
        request.GET,
        localized(Partner.objects.all(), requested),
        names={"subsector": subsectors, "country": countries},
    )
    partners = filterset.qs.select_related("country", "locale").prefetch_related("subsectors")
    if not filterset.active.get("ordering"):
        partners = partners.order_by("name", "pk")
    entries = [partner_entry(partner, countries, subsectors) for partner in partners]
    return {
        "filter_form": filterset.form,
        "filters": filterset.active,
        "entries": entries,
        **partner_map(entries),
    }


def partner_detail_context(partner):
    """A partner's page: the courses and case studies it took part in, in the active
    language (the fallback where they are not translated)."""
    requested = active_locale()
    same_partner = Partner.objects.filter(translation_key=partner.translation_key)
    courses = (
        CoursePage.objects.served()
        .localized(requested)
        .filter(partners__in=same_partner)
        .distinct()
        .order_by("title")
    )
    case_studies = (
        CaseStudyPage.objects.served()
        .localized(requested)
        .filter(partners__in=same_partner)
        .distinct()
        .order_by("title")
    )
    entry = partner_entry(partner, country_names(requested), subsector_names(requested))
    return {
        "partner": partner,
        "country": entry.country,
        "subsectors": entry.subsectors,
        "courses": list(courses),
        "case_studies": list(case_studies),
        "is_fallback": entry.is_fallback,
        "served_language": partner.locale.language_code,
        **partner_map([entry]),
    }


def find_partner(slug):
    """The partner with ``slug`` in the active language, else in the fallback language."""
    return (
        localized(Partner.objects.filter(slug=slug), active_locale())
        .select_related("country", "locale")
        .first()
    )


# --- Course, lesson and case study -------------------------------------------------------------


# A page's relations are read with .all() and attributes, never .values(): in a preview, and
# in a draft rebuilt from its revision, they are modelcluster's in-memory fake querysets.


def localized_related(page, requested):
    """The names of a page's subsectors and countries and its partners, in the requested locale.

    Translated pages keep the English snippets (they are synchronised fields), so each is
    shown through its translation where one exists.
    """
    subsectors = subsector_names(requested)
    countries = country_names(requested)
    partner_keys = [partner.translation_key for partner in page.partners.all()]
    return {
        "subsector_names": [subsectors.get(s.slug, s.name) for s in page.subsectors.all()],
        "country_names": [countries.get(c.code, c.name) for c in page.countries.all()],
        "partners": list(
            localized(Partner.objects.all(), requested)
            .filter(translation_key__in=partner_keys)
            .order_by("name")
        ),
    }


def related_keys(model, relations, field):
    """The translation keys of the pages that ``relations`` (inline rows) link by ``field``."""
    ids = [getattr(row, field) for row in relations.all()]
    return model.objects.filter(pk__in=ids).values("translation_key")


def course_context(course):
    requested = active_locale()
    related = localized_related(course, requested)
    case_study_keys = related_keys(CaseStudyPage, course.related_case_studies, "case_study_id")
    return {
        "lessons": list(course.get_lessons()),
        "subsector_names": related["subsector_names"],
        "country_names": related["country_names"],
        "course_partners": related["partners"],
        "related_case_studies": list(
            CaseStudyPage.objects.served()
            .localized(requested)
            .filter(translation_key__in=case_study_keys)
            .order_by("title")
        ),
    }


def lesson_context(lesson):
    course = lesson.get_parent().specific
    lessons = list(course.get_lessons())
    position = next((i for i, item in enumerate(lessons) if item.pk == lesson.pk), None)
    previous_lesson = next_lesson = None
    if position is not None:
        previous_lesson = lessons[position - 1] if position > 0 else None
        next_lesson = lessons[position + 1] if position + 1 < len(lessons) else None
    return {
        "course": course,
        "lessons": lessons,
        "lesson_number": position + 1 if position is not None else None,
        "lesson_total": len(lessons),
        "previous_lesson": previous_lesson,
        "next_lesson": next_lesson,
    }


def case_study_context(case_study):
    requested = active_locale()
    related = localized_related(case_study, requested)
    course_keys = related_keys(CoursePage, case_study.related_courses, "course_id")
    return {
        "country_names": related["country_names"],
        "subsector_names": related["subsector_names"],
        "case_study_partners": related["partners"],
        "related_courses": list(
            CoursePage.objects.served()
            .localized(requested)
            .filter(translation_key__in=course_keys)
            .order_by("title")
        ),
    }
