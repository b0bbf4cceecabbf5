"""One FilterSet per listing (courses, case studies, partners), used by the API and by the
web pages, so that both have the same filters and the same matching rules.

Each filter does nothing when its parameter is absent. In the API a bad value is a 400 naming
the parameter, and a value of a vocabulary (a subsector, country or partner nobody has, a
level, kind or language that does not exist) is a 400 listing the valid values or naming the
endpoint that lists them, never an empty list that looks like "no content"; the web pages use
the ``Lenient`` variants, which report a bad value on the form and ignore it, and offer
subsectors and countries by their names in the visitor's language.

Filters on linked snippets match the snippet's synchronised key (a subsector's slug, a
country's ISO code in any case, a partner's slug), so they work whichever locale's snippet a
page links to. ``?search=`` asks Wagtail's search backend, whichever is configured, for the ids
of the matching items; ``?language=`` keeps what is served in that language.
"""

import datetime
import re
from dataclasses import dataclass

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, validate_slug
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from wagtail.search.backends import get_search_backend

from lms.api.cache import not_stored_unless_bumped
from lms.api.exceptions import search_backend
from lms.i18n import language_name
from outbox.models import Event

from . import translation_status
from .models import CaseStudyPage, Country, CoursePage, LessonPage, Partner, Subsector
from .translation_status import Kind as TranslationKind
from .translation_status import State as TranslationState

QUERY_MAX_LENGTH = 200
QUERY_MAX_TERMS = 32
SEARCH_LIMIT = 1000
ANY = _("Any")

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
        moment = super().to_python(value)
        if moment is not None and moment.tzinfo is not None:
            # The database compares in UTC: 9999-12-31T23:59:59-14:00 is past year 9999 there.
            try:
                moment.astimezone(datetime.UTC)
            except OverflowError:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return moment

    default_error_messages = {
        "invalid": _("Give an ISO 8601 date or date and time, e.g. 2026-05-01T12:00:00Z.")
    }


class DateOrDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = DateOrDateTimeField


class StableOrderingFilter(django_filters.OrderingFilter):
    """Orders by the client's choice, then by id, so that pages never overlap."""

    def filter(self, qs, value):
        # "?ordering=," is a list of empty names: no ordering asked for.
        value = [param for param in value or () if param]
        if not value:
            return qs
        return qs.order_by(*[self.get_ordering_value(param) for param in value], "pk")


def matching(queryset, lookup, value):
    """Items of ``queryset`` with a linked object matching ``lookup``, without duplicates."""
    model = queryset.model
    return queryset.filter(pk__in=model.objects.filter(**{lookup: value}).values("pk"))


def normalise_query(text):
    """The words of ``text``: punctuation, operators' symbols and control characters become
    separators, so no backend ever sees query syntax it could choke on (FTS5 quotes, tsquery
    operators, Lucene's reserved characters)."""
    words = re.findall(r"[^\W_]+", (text or "")[: QUERY_MAX_LENGTH * 2])
    query = " ".join(words[:QUERY_MAX_TERMS])
    return query[:QUERY_MAX_LENGTH].strip()


def search_ids(queryset, query):
    """The ids of what Wagtail's search backend finds for ``query`` among ``queryset``'s model,
    in the locales the queryset may serve."""
    model = queryset.model
    candidates = model.objects.all()
    if hasattr(candidates, "served"):
        candidates = candidates.served()
    backend = get_search_backend()
    # No bump reaches an Elasticsearch index: a cached list may not keep what it found.
    not_stored_unless_bumped(backend)
    # A backend that is down is a 503 (lms.api.exceptions.SearchUnavailable), never a 500.
    with search_backend():
        results = backend.search(query, candidates, operator="and")[:SEARCH_LIMIT]
        return [obj.pk for obj in results]


@dataclass(frozen=True)
class Vocabulary:
    """The values a filter may take: the ``key`` of some ``model`` row (in any locale, as keys
    are synchronised), listed by the API endpoint ``endpoint``. ``listed`` says whether an
    error names the values themselves (a short list) or only the endpoint."""

    model: type
    key: str
    endpoint: str
    listed: bool = True

    def knows(self, value):
        return self.model._default_manager.filter(**{f"{self.key}__iexact": value}).exists()

    def values(self):
        rows = self.model._default_manager.order_by(self.key).values_list(self.key, flat=True)
        return list(dict.fromkeys(rows))

    def unknown(self, value):
        endpoint = reverse(self.endpoint)
        if self.listed:
            return _("Unknown value “%(value)s”. Valid values: %(valid)s (GET %(endpoint)s).") % {
                "value": value,
                "valid": ", ".join(self.values()) or _("none"),
                "endpoint": endpoint,
            }
        return _("Unknown value “%(value)s”. GET %(endpoint)s lists the valid values.") % {
            "value": value,
            "endpoint": endpoint,
        }


VOCABULARIES = {
    "subsector": Vocabulary(Subsector, "slug", "api:subsector-list"),
    "country": Vocabulary(Country, "code", "api:country-list"),
    "partner": Vocabulary(Partner, "slug", "api:partner-list", listed=False),
}


def unknown_choice(value, choices):
    return _("Unknown value “%(value)s”. Valid values: %(valid)s.") % {
        "value": value,
        "valid": ", ".join(str(key) for key, _label in choices if key != ""),
    }


class KnownValues:
    """The API's filtersets: a value of a vocabulary must exist, and an unknown choice names
    the valid ones. Checked in ``is_valid()``, which DRF's filter backend calls; the web
    pages' ``Lenient`` variants validate the form alone and keep its messages. Costs one
    query per vocabulary parameter sent."""

    def is_valid(self):
        valid = super().is_valid()
        form = self.form
        for name, errors in list(form.errors.items()):
            choices = getattr(form.fields.get(name), "choices", None)
            if choices is not None and any(
                error.code == "invalid_choice" for error in errors.as_data()
            ):
                form.errors[name] = form.error_class([unknown_choice(form.data.get(name), choices)])
        cleaned = getattr(form, "cleaned_data", {})
        for name, vocabulary in VOCABULARIES.items():
            value = cleaned.get(name)
            if name in self.filters and value and not vocabulary.knows(value):
                form.add_error(name, vocabulary.unknown(value))
        return valid and not form.errors


class ContentFilterSet(KnownValues, django_filters.FilterSet):
    """What every listing can be filtered by: full text, subsector and country. Each
    listing says through which relation its items have a subsector and a country."""

    subsector_lookup = "subsectors__slug"
    country_lookup = "countries__code__iexact"

    search = django_filters.CharFilter(
        method="filter_search",
        label=_("Search"),
        help_text=_("Full-text search, e.g. ?search=cooperation"),
        max_length=QUERY_MAX_LENGTH,
    )
    subsector = django_filters.CharFilter(
        method="filter_subsector",
        label=_("Subsector"),
        help_text=_("Subsector slug, e.g. ?subsector=design"),
        validators=[validate_slug],
    )
    country = django_filters.CharFilter(
        method="filter_country",
        label=_("Country"),
        help_text=_("ISO 3166-1 alpha-2 country code, e.g. ?country=PL"),
        validators=[validate_country_code],
    )
    slug = django_filters.CharFilter(
        method="filter_slug",
        label=_("Slug"),
        help_text=_(
            "The slug in any language; the list serves the version in the requested locale, "
            "e.g. ?slug=working-across-borders"
        ),
        validators=[validate_slug],
    )

    def filter_search(self, queryset, name, value):
        # Only the words: quotes, operators and control characters are query syntax to the
        # backends (an FTS5 syntax error on SQLite), never something a client meant.
        value = normalise_query(value)
        if not value:
            return queryset
        return queryset.filter(pk__in=search_ids(queryset, value))

    def filter_slug(self, queryset, name, value):
        # The translation group of any served version with this slug: a Polish slug finds
        # the English course for ?locale=en, and the reverse.
        candidates = queryset.model.objects.all()
        if hasattr(candidates, "served"):
            candidates = candidates.served()
        keys = candidates.filter(slug=value).values("translation_key")
        return queryset.filter(translation_key__in=keys)

    def filter_subsector(self, queryset, name, value):
        return matching(queryset, self.subsector_lookup, value)

    def filter_country(self, queryset, name, value):
        return matching(queryset, self.country_lookup, value)


def language_choices():
    return [(code, language_name(code)) for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


class PageFilterSet(ContentFilterSet):
    """What every page list can be filtered by."""

    partner = django_filters.CharFilter(
        method="filter_partner",
        label=_("Partner"),
        help_text=_("Partner slug, e.g. ?partner=goethe-institut"),
        validators=[validate_slug],
    )
    language = django_filters.ChoiceFilter(
        method="filter_language",
        choices=language_choices(),
        label=_("Available in"),
        empty_label=ANY,
        help_text=_("Only what has a published translation in this locale, e.g. ?language=pl"),
    )
    updated_since = DateOrDateTimeFilter(
        method="filter_updated_since",
        label=_("Updated since"),
        help_text=_(
            "Published on or after this ISO 8601 date or time, e.g. 2026-01-01T00:00:00Z; "
            "for a course, a change to any of its lessons counts too"
        ),
    )

    def filter_updated_since(self, queryset, name, value):
        return queryset.filter(self.changed_since(value))

    def changed_since(self, value):
        return Q(last_published_at__gte=value)

    def filter_partner(self, queryset, name, value):
        return matching(queryset, "partners__slug", value)

    def filter_language(self, queryset, name, value):
        model = queryset.model
        in_language = model.objects.served().filter(locale__language_code=value)
        return queryset.filter(translation_key__in=in_language.values("translation_key"))


class CourseFilterSet(PageFilterSet):
    level = django_filters.ChoiceFilter(
        choices=CoursePage.Level.choices,
        label=_("Level"),
        empty_label=ANY,
        help_text=_("The course's level"),
    )
    ordering = StableOrderingFilter(
        fields=(
            ("title", "title"),
            ("last_published_at", "last_published_at"),
            ("first_published_at", "first_published_at"),
            ("estimated_duration", "estimated_duration"),
        ),
        label=_("Order by"),
        empty_label=ANY,
        help_text=_("Order by; a minus sign reverses, e.g. ?ordering=-last_published_at"),
    )

    def changed_since(self, value):
        # A lesson published, unpublished or deleted since then (the outbox keeps the last
        # two), in this course's own locale tree.
        lessons = LessonPage.objects.filter(
            path__startswith=OuterRef("path"),
            depth=OuterRef("depth") + 1,
            last_published_at__gte=value,
        )
        events = Event.objects.filter(course_id__isnull=False, occurred_at__gte=value)
        return (
            super().changed_since(value) | Q(Exists(lessons)) | Q(pk__in=events.values("course_id"))
        )

    class Meta:
        model = CoursePage
        fields = ["search", "slug", "subsector", "country", "partner", "level", "language"]


class CaseStudyFilterSet(PageFilterSet):
    ordering = StableOrderingFilter(
        fields=(
            ("title", "title"),
            ("last_published_at", "last_published_at"),
            ("project_start", "project_start"),
        ),
        label=_("Order by"),
        empty_label=ANY,
        help_text=_("Order by; a minus sign reverses, e.g. ?ordering=-project_start"),
    )

    class Meta:
        model = CaseStudyPage
        fields = ["search", "slug", "subsector", "country", "partner", "language"]


class PartnerFilterSet(ContentFilterSet):
    country_lookup = "country__code__iexact"

    updated_since = DateOrDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        label=_("Updated since"),
        help_text=_("Changed on or after this ISO 8601 date or time, e.g. 2026-01-01T00:00:00Z"),
    )
    kind = django_filters.ChoiceFilter(
        choices=Partner.Kind.choices,
        label=_("Type"),
        empty_label=ANY,
        help_text=_("The kind of organisation"),
    )
    ordering = StableOrderingFilter(
        fields=(("name", "name"), ("updated_at", "updated_at")),
        label=_("Order by"),
        empty_label=ANY,
        help_text=_("Order by; a minus sign reverses, e.g. ?ordering=name"),
    )

    class Meta:
        model = Partner
        fields = ["search", "slug", "country", "subsector", "kind"]


# --- The web pages' variants ------------------------------------------------------------------


class Lenient:
    """For the web pages, whose filters come from a GET form: a bad value is reported on the
    form (``form.errors``) and ignored, never an error page; the API's checks of vocabulary
    values (``KnownValues``) are not made. Subsectors and countries are
    offered by name in the visitor's language (``names={"subsector": {slug: name}, …}``).
    ``hidden`` filters work in the URL but are not offered in the form: an ordering's labels
    come from field names, which are not translated."""

    hidden = ("updated_since", "ordering", "slug")

    def __init__(self, data=None, queryset=None, *, names=None, **kwargs):
        super().__init__(data or None, queryset, **kwargs)
        fields = self.form.fields
        for name, choices in (names or {}).items():
            fields[name] = forms.ChoiceField(
                label=self.filters[name].label,
                required=False,
                choices=[("", ANY)] + sorted(choices.items(), key=lambda item: item[1].casefold()),
            )
        for name in self.hidden:
            if name in fields:
                fields[name].widget = forms.HiddenInput()
        if "search" in fields:
            fields["search"].widget.input_type = "search"

    def is_valid(self):
        return self.is_bound and self.form.is_valid()

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            # cleaned_data holds the valid values only: the others are on form.errors.
            queryset = self.queryset.all()
            if self.is_bound:
                self.form.is_valid()
                queryset = self.filter_queryset(queryset)
            self._qs = queryset
        return self._qs

    @property
    def active(self):
        """The filters in use: their valid, non-empty values."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return {
            name: value
            for name, value in getattr(self.form, "cleaned_data", {}).items()
            if value not in (None, "", [])
        }


class LenientCourseFilterSet(Lenient, CourseFilterSet):
    pass


class LenientCaseStudyFilterSet(Lenient, CaseStudyFilterSet):
    pass


class LenientPartnerFilterSet(Lenient, PartnerFilterSet):
    pass


# --- Translation status ---------------------------------------------------------------------


def target_language_choices():
    return [(code, language_name(code)) for code in translation_status.target_locale_codes()]


class TranslationStatusFilterSet(django_filters.FilterSet):
    """The translation status report and its API (``courses.translation_status``):
    ``?locale=pl&state=outdated&type=course``."""

    locale = django_filters.ChoiceFilter(
        method="filter_locale",
        choices=target_language_choices(),
        label=_("Language"),
        empty_label=_("All languages"),
        help_text=_(
            "Show the status in this locale only, and look for ?state= there, e.g. ?locale=pl"
        ),
    )
    state = django_filters.ChoiceFilter(
        method="filter_state",
        choices=TranslationState.choices,
        label=_("State"),
        empty_label=ANY,
        help_text=_(
            "Only what is in this state in ?locale=, or in any locale, e.g. ?state=outdated"
        ),
    )
    type = django_filters.ChoiceFilter(
        method="filter_type",
        choices=TranslationKind.choices,
        label=_("Type"),
        empty_label=ANY,
        help_text=_("Only courses, or only case studies, e.g. ?type=course"),
    )

    def filter_locale(self, queryset, name, value):
        # It chooses the locale shown and the one ?state= looks at; it removes no row.
        return queryset

    def filter_state(self, queryset, name, value):
        locale = self.form.cleaned_data.get("locale") or None
        return translation_status.in_state(queryset, value, locale)

    def filter_type(self, queryset, name, value):
        return translation_status.of_kind(queryset, value)


class LenientTranslationStatusFilterSet(Lenient, TranslationStatusFilterSet):
    pass
