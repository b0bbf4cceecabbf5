"""What can be searched, and the errors search can raise."""

import math
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from courses.filters import QUERY_MAX_LENGTH, QUERY_MAX_TERMS
from courses.models import CaseStudyPage, CoursePage, LessonPage, Partner
from lms.api.exceptions import SearchUnavailable
from lms.i18n import fallback_page_path

__all__ = ["QUERY_MAX_LENGTH", "QUERY_MAX_TERMS", "SearchUnavailable"]

PAGE_SIZE_MAX = 50
# Hits are ranked across types by merging each type's matches; counts and facets cover all of
# them up to this many per type (Elasticsearch's default result window), and so does paging.
HITS_PER_TYPE = 10_000
SNIPPET_LENGTH = 220
SUMMARY_LENGTH = 300


class SearchInputError(ValueError):
    """A parameter the caller should have validated (unknown type, locale, page size …);
    ``field`` names it."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class SearchType:
    name: str
    model: type
    label: str
    # The URL name of the API's detail endpoint, in the ``api`` namespace.
    api_name: str
    # For objects that are not pages: the URL name of their page on the site, given the slug.
    url_name: str | None = None

    def url_of(self, obj, request=None, language=None):
        """The object's page on the site for a reader of ``language`` (the requested locale):
        a fallback page under that language's prefix, as the rest of the API links it
        (``lms.i18n.fallback_page_path``)."""
        if isinstance(obj, Page):
            return fallback_page_path(obj.get_url(request=request), language)
        return self._url_of_slug(obj.slug, language or obj.locale.language_code)

    def _url_of_slug(self, slug, language):
        if self.url_name is None or not slug:
            return None
        try:
            with translation.override(language):
                return reverse(self.url_name, kwargs={"slug": slug})
        except NoReverseMatch:
            return None

    def url_of_row(self, url_path, slug, request, language, page):
        """``url_of`` from what the search table holds (``shown``, and a page's url_path from
        the page table), without the object: Wagtail builds the URL of a page from its
        url_path and the site roots alone. ``page``: an unsaved Page for one search's URLs
        (making a Page costs more than its URL); without a request it keeps the site roots."""
        if issubclass(self.model, Page):
            if url_path is None:
                return None
            page.url_path = url_path
            return fallback_page_path(page.get_url(request=request), language)
        return self._url_of_slug(slug, language)

    @staticmethod
    def shown(obj):
        """What a hit shows of ``obj``: its title, summary and slug (search.models)."""
        summary = getattr(obj, "summary", "") or getattr(obj, "description", "") or ""
        return {
            "title": str(obj),
            "summary": Truncator(summary).chars(SUMMARY_LENGTH),
            "slug": getattr(obj, "slug", None),
        }


SEARCH_TYPES = {
    search_type.name: search_type
    for search_type in (
        SearchType("course", CoursePage, _("Course"), "course-detail"),
        SearchType("lesson", LessonPage, _("Lesson"), "lesson-detail"),
        SearchType("case_study", CaseStudyPage, _("Case study"), "case-study-detail"),
        SearchType("partner", Partner, _("Partner"), "partner-detail", "courses:partner"),
    )
}

# Facet dimensions: the relation on a model (the first that exists) and the key that is the
# same in every locale (subsector slugs and country codes are synchronised, not translated).
FACET_DIMENSIONS = {
    "subsector": (("subsectors",), "slug", "name"),
    "country": (("countries", "country"), "code", "name"),
}


@dataclass
class Hit:
    type: str
    id: int
    title: str
    summary: str
    url: str | None
    api_url: str
    locale: str
    snippet: SafeString
    score: float
    # True when the hit is the fallback locale's version of content not served in the locale
    # searched.
    is_fallback: bool = False


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class SearchResult:
    query: str
    locale: str
    hits: list
    count: int
    page: int
    page_size: int
    facets: dict = field(default_factory=dict)
    # How many of the ``count`` hits can be paged through (HITS_PER_TYPE per type).
    ranked: int = 0

    @property
    def num_pages(self):
        return math.ceil(self.ranked / self.page_size)

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def has_previous(self):
        return self.page > 1
