"""What the learner's web pages list: the catalogue and its filters, case studies, the
partner directory and its map, the home page's teasers.

Everything is served in the active UI language, with the fallback language's version of
whatever has no translation yet (``courses.api.locale.localized_queryset``, shared with
the API). Filter values come from a GET form, so the pages work without JavaScript; a bad
value gives a message and is ignored, never an error page.
"""

from dataclasses import dataclass

from django import forms
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from .api.locale import available_locales, localized_queryset, negotiate_locale
from .baltic_map import MAP_HEIGHT, MAP_WIDTH, land_paths, project
from .models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    Country,
    CourseIndexPage,
    CoursePage,
    Partner,
    Subsector,
)
from .web_i18n import active_code, language_codes, language_name

CATALOGUE_PAGE_SIZE = 12
CASE_STUDY_PAGE_SIZE = 12


def requested_locale():
    return negotiate_locale(query_value=active_code())


def live_courses():
    return CoursePage.objects.live().public()


def live_case_studies():
    return CaseStudyPage.objects.live().public()


def localized_names(model, key_field, requested=None):
    """``{key: name}`` for a translatable snippet in the active language, falling back to
    the fallback language's name where a translation is missing."""
    requested = requested or requested_locale()
    rows = localized_queryset(model.objects.all(), requested).order_by("name")
    return {getattr(row, key_field): row.name for row in rows}


def sorted_choices(names):
    return sorted(names.items(), key=lambda item: item[1].casefold())


# --- Catalogue ------------------------------------------------------------------------------


class CatalogueFilterForm(forms.Form):
    subsector = forms.ChoiceField(label=_("Subsector"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    language = forms.ChoiceField(label=_("Available in"), required=False)

    def __init__(self, *args, subsectors, countries, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["subsector"].choices = anything + sorted_choices(subsectors)
        self.fields["country"].choices = anything + sorted_choices(countries)
        self.fields["level"].choices = anything + list(CoursePage.Level.choices)
        self.fields["language"].choices = anything + [
            (code, language_name(code)) for code in language_codes()
        ]

    def valid_filters(self):
        """The filters whose values are valid; invalid ones are reported and ignored."""
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value and name not in self.errors
        }


def filter_courses(courses, filters):
    if filters.get("subsector"):
        courses = courses.filter(subsectors__slug=filters["subsector"])
    if filters.get("country"):
        courses = courses.filter(countries__code=filters["country"])
    if filters.get("level"):
        courses = courses.filter(level=filters["level"])
    if filters.get("language"):
        courses = courses.filter(
            translation_key__in=live_courses()
            .filter(locale__language_code=filters["language"])
            .values("translation_key")
        )
    return courses.distinct()


@dataclass
class CourseCard:
    page: CoursePage
    subsectors: list
    languages: list
    is_fallback: bool


def course_cards(courses, subsector_names):
    """Cards for a page of courses: subsector names in the active language and the
    languages each course is available in, in a fixed number of queries."""
    courses = list(courses)
    languages = available_locales(live_courses(), courses)
    current = active_code()
    cards = []
    for course in courses:
        slugs = [subsector.slug for subsector in course.subsectors.all()]
        cards.append(
            CourseCard(
                page=course,
                subsectors=[subsector_names.get(slug, slug) for slug in slugs],
                languages=[
                    (code, language_name(code))
                    for code in languages.get(course.translation_key, [])
                ],
                is_fallback=course.locale.language_code != current,
            )
        )
    return cards


def catalogue_context(request):
    requested = requested_locale()
    subsectors = localized_names(Subsector, "slug", requested)
    countries = localized_names(Country, "code", requested)
    form = CatalogueFilterForm(request.GET or None, subsectors=subsectors, countries=countries)
    filters = form.valid_filters() if request.GET else {}
    courses = filter_courses(localized_queryset(live_courses(), requested), filters)
    courses = courses.select_related("locale").prefetch_related("subsectors").order_by("title")
    page_obj = Paginator(courses, CATALOGUE_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "filters": filters,
        "courses": course_cards(page_obj.object_list, subsectors),
        "page_obj": page_obj,
        "filter_query": query.urlencode(),
    }


# --- Home and case studies --------------------------------------------------------------------


def localized_index(model, requested=None):
    """The live index page (course or case-study) to link in the active language."""
    requested = requested or requested_locale()
    return localized_queryset(model.objects.live().public(), requested).first()


def home_context(home, request):
    requested = requested_locale()
    courses = (
        localized_queryset(live_courses(), requested)
        .select_related("locale")
        .prefetch_related("subsectors")
        .order_by("-first_published_at", "title")[:3]
    )
    case_studies = (
        localized_queryset(live_case_studies(), requested)
        .select_related("locale")
        .order_by("-first_published_at", "title")[:3]
    )
    partners = localized_queryset(Partner.objects.all(), requested)
    return {
        "featured_courses": course_cards(courses, localized_names(Subsector, "slug", requested)),
        "featured_case_studies": list(case_studies),
        "partner_count": partners.count(),
        "country_count": partners.values("country__code").distinct().count(),
        "partner_names": list(partners.order_by("name").values_list("name", flat=True)[:8]),
        "course_index": localized_index(CourseIndexPage, requested),
        "case_study_index": localized_index(CaseStudyIndexPage, requested),
    }


def case_study_list_context(request):
    case_studies = (
        localized_queryset(live_case_studies(), requested_locale())
        .select_related("locale")
        .prefetch_related("countries")
        .order_by("-project_start", "title")
    )
    page_obj = Paginator(case_studies, CASE_STUDY_PAGE_SIZE).get_page(request.GET.get("page"))
    current = active_code()
    return {
        "case_studies": [
            (item, item.locale.language_code != current) for item in page_obj.object_list
        ],
        "page_obj": page_obj,
        "filter_query": "",
    }


# --- Partner directory and map ----------------------------------------------------------------


class PartnerFilterForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False)
    subsector = forms.ChoiceField(label=_("Subsector"), required=False)

    def __init__(self, *args, subsectors, countries, **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["country"].choices = anything + sorted_choices(countries)
        self.fields["subsector"].choices = anything + sorted_choices(subsectors)

    valid_filters = CatalogueFilterForm.valid_filters


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


def partner_directory_context(request):
    requested = requested_locale()
    subsectors = localized_names(Subsector, "slug", requested)
    countries = localized_names(Country, "code", requested)
    form = PartnerFilterForm(request.GET or None, subsectors=subsectors, countries=countries)
    filters = form.valid_filters() if request.GET else {}
    partners = localized_queryset(Partner.objects.all(), requested)
    if filters.get("country"):
        partners = partners.filter(country__code=filters["country"])
    if filters.get("subsector"):
        partners = partners.filter(subsectors__slug=filters["subsector"]).distinct()
    partners = partners.select_related("country", "locale").prefetch_related("subsectors")
    entries = [
        partner_entry(partner, countries, subsectors) for partner in partners.order_by("name")
    ]
    return {
        "filter_form": form,
        "filters": filters,
        "entries": entries,
        "markers": [entry for entry in entries if entry.position],
        "map_width": MAP_WIDTH,
        "map_height": MAP_HEIGHT,
        "map_land": land_paths(),
    }


def partner_detail_context(partner):
    """A partner's page: the courses and case studies it took part in, in the active
    language (the fallback where they are not translated)."""
    requested = requested_locale()
    same_partner = Partner.objects.filter(translation_key=partner.translation_key)
    courses = (
        localized_queryset(live_courses(), requested)
        .filter(partners__in=same_partner)
        .distinct()
        .order_by("title")
    )
    case_studies = (
        localized_queryset(live_case_studies(), requested)
        .filter(partners__in=same_partner)
        .distinct()
        .order_by("title")
    )
    countries = localized_names(Country, "code", requested)
    subsectors = localized_names(Subsector, "slug", requested)
    entry = partner_entry(partner, countries, subsectors)
    return {
        "partner": partner,
        "country": entry.country,
        "subsectors": entry.subsectors,
        "courses": list(courses),
        "case_studies": list(case_studies),
        "is_fallback": entry.is_fallback,
        "served_language": partner.locale.language_code,
        "markers": [entry] if entry.position else [],
        "map_width": MAP_WIDTH,
        "map_height": MAP_HEIGHT,
        "map_land": land_paths(),
    }


def find_partner(slug):
    """The partner with ``slug`` in the active language, else in the fallback language."""
    return (
        localized_queryset(Partner.objects.filter(slug=slug), requested_locale())
        .select_related("country", "locale")
        .first()
    )


# --- Course, lesson and case study -------------------------------------------------------------


def localized_related(page, requested):
    """The names of a page's subsectors and countries and its partners, in the requested locale.

    Translated pages keep the English snippets (they are synchronised fields), so each is
    shown through its translation where one exists.
    """
    subsectors = localized_names(Subsector, "slug", requested)
    countries = localized_names(Country, "code", requested)
    return {
        "subsector_names": [subsectors.get(s.slug, s.name) for s in page.subsectors.all()],
        "country_names": [countries.get(c.code, c.name) for c in page.countries.all()],
        "partners": list(
            localized_queryset(Partner.objects.all(), requested)
            .filter(translation_key__in=page.partners.values("translation_key"))
            .order_by("name")
        ),
    }


def course_context(course):
    requested = requested_locale()
    related = localized_related(course, requested)
    case_study_keys = CaseStudyPage.objects.filter(
        pk__in=course.related_case_studies.values("case_study_id")
    ).values("translation_key")
    return {
        "lessons": list(course.get_lessons()),
        "subsector_names": related["subsector_names"],
        "country_names": related["country_names"],
        "course_partners": related["partners"],
        "related_case_studies": list(
            localized_queryset(live_case_studies(), requested)
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
    requested = requested_locale()
    related = localized_related(case_study, requested)
    course_keys = CoursePage.objects.filter(
        pk__in=case_study.related_courses.values("course_id")
    ).values("translation_key")
    return {
        "country_names": related["country_names"],
        "subsector_names": related["subsector_names"],
        "case_study_partners": related["partners"],
        "related_courses": list(
            localized_queryset(live_courses(), requested)
            .filter(translation_key__in=course_keys)
            .order_by("title")
        ),
    }
