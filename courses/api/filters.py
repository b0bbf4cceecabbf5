"""FilterSets of the content API. Each filter does nothing when its parameter is absent; a
bad value is a 400 naming the parameter. drf-spectacular lists every filter in the schema.

Filters on linked snippets match the snippet's synchronised key (a subsector's slug, a
country's ISO code, a partner's slug), so they work whichever locale's snippet a page
links to. ``?search=`` asks Wagtail's search backend, whichever is configured, for the ids of
the matching items.
"""

import datetime

import django_filters
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, validate_slug
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from wagtail.search.backends import get_search_backend

from courses.models import CaseStudyPage, CoursePage, Partner
from search.services import normalise_query

SEARCH_LIMIT = 1000

validate_country_code = RegexValidator(
    r"^[A-Za-z]{2}$", _("Give a two-letter ISO 3166-1 country code, e.g. PL.")
)


class DateOrDateTimeField(IsoDateTimeField):
    """ISO 8601: a date (midnight UTC) or a date and time."""

    def to_python(self, value):
        if isinstance(value, str) and "T" not in value and " " not in value.strip():
            try:
                day = parse_date(value.strip()) if value.strip() else None
            except ValueError:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
            if day is not None:
                return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)
        return super().to_python(value)

    default_error_messages = {
        "invalid": _("Give an ISO 8601 date or date and time, e.g. 2026-05-01T12:00:00Z.")
    }


class DateOrDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = DateOrDateTimeField


class StableOrderingFilter(django_filters.OrderingFilter):
    """Orders by the client's choice, then by id, so that pages never overlap."""

    def filter(self, qs, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        return qs.order_by(*[self.get_ordering_value(param) for param in value], "pk")


def matching(queryset, lookup, value):
    """Items of ``queryset`` with a linked object matching ``lookup``, without duplicates."""
    model = queryset.model
    return queryset.filter(pk__in=model.objects.filter(**{lookup: value}).values("pk"))


def search_ids(queryset, query):
    """The ids of what Wagtail's search backend finds for ``query`` among ``queryset``'s model,
    in the locales the queryset may serve."""
    model = queryset.model
    candidates = model.objects.all()
    if hasattr(candidates, "live"):
        candidates = candidates.live()
    results = get_search_backend().search(query, candidates, operator="and")[:SEARCH_LIMIT]
    return [obj.pk for obj in results]


class SearchFilterMixin(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        label=_("Full-text search, e.g. ?search=cooperation"),
        max_length=200,
    )

    def filter_search(self, queryset, name, value):
        # Only the words: quotes, operators and control characters are query syntax to the
        # backends (an FTS5 syntax error on SQLite), never something a client meant.
        value = normalise_query(value)
        if not value:
            return queryset
        return queryset.filter(pk__in=search_ids(queryset, value))


class PageFilterSet(SearchFilterMixin):
    """What every page list can be filtered by."""

    subsector = django_filters.CharFilter(
        method="filter_subsector",
        label=_("Subsector slug, e.g. ?subsector=design"),
        validators=[validate_slug],
    )
    country = django_filters.CharFilter(
        method="filter_country",
        label=_("ISO 3166-1 alpha-2 country code, e.g. ?country=PL"),
        validators=[validate_country_code],
    )
    partner = django_filters.CharFilter(
        method="filter_partner",
        label=_("Partner slug, e.g. ?partner=goethe-institut"),
        validators=[validate_slug],
    )
    updated_since = DateOrDateTimeFilter(
        field_name="last_published_at",
        lookup_expr="gte",
        label=_("Published on or after this ISO 8601 date or time, e.g. 2026-01-01T00:00:00Z"),
    )

    def filter_subsector(self, queryset, name, value):
        return matching(queryset, "subsectors__slug", value)

    def filter_country(self, queryset, name, value):
        return matching(queryset, "countries__code__iexact", value)

    def filter_partner(self, queryset, name, value):
        return matching(queryset, "partners__slug", value)


class CourseFilterSet(PageFilterSet):
    level = django_filters.ChoiceFilter(choices=CoursePage.Level.choices, label=_("Level"))
    ordering = StableOrderingFilter(
        fields=(
            ("title", "title"),
            ("last_published_at", "last_published_at"),
            ("first_published_at", "first_published_at"),
            ("estimated_duration", "estimated_duration"),
        ),
        label=_("Order by; a minus sign reverses, e.g. ?ordering=-last_published_at"),
    )

    class Meta:
        model = CoursePage
        fields = ["subsector", "country", "partner", "level", "updated_since", "search"]


class CaseStudyFilterSet(PageFilterSet):
    ordering = StableOrderingFilter(
        fields=(
            ("title", "title"),
            ("last_published_at", "last_published_at"),
            ("project_start", "project_start"),
        ),
        label=_("Order by; a minus sign reverses, e.g. ?ordering=-project_start"),
    )

    class Meta:
        model = CaseStudyPage
        fields = ["subsector", "country", "partner", "updated_since", "search"]


class PartnerFilterSet(SearchFilterMixin):
    country = django_filters.CharFilter(
        field_name="country__code",
        lookup_expr="iexact",
        label=_("ISO 3166-1 alpha-2 country code, e.g. ?country=DE"),
        validators=[validate_country_code],
    )
    subsector = django_filters.CharFilter(
        method="filter_subsector",
        label=_("Subsector slug, e.g. ?subsector=design"),
        validators=[validate_slug],
    )
    kind = django_filters.ChoiceFilter(choices=Partner.Kind.choices, label=_("Type"))
    ordering = StableOrderingFilter(
        fields=(("name", "name"), ("updated_at", "updated_at")),
        label=_("Order by; a minus sign reverses, e.g. ?ordering=name"),
    )

    class Meta:
        model = Partner
        fields = ["country", "subsector", "kind", "search"]

    def filter_subsector(self, queryset, name, value):
        return matching(queryset, "subsectors__slug", value)
