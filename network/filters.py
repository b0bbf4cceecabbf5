"""The one FilterSet of the event calendar, used by the API (``EventFilterSet``), the
calendar page (``LenientEventFilterSet``) and the iCalendar feeds, with the content API's
rules (courses/filters.py): an absent parameter does nothing, a bad value is a 400 naming it
in the API, an unknown subsector, country or partner a 400 listing the valid values.

    ?kind=workshop&country=PL&subsector=design&partner=media-dizajn&month=2026-05&when=upcoming

``partner`` matches hosts and co-hosts; ``month`` (YYYY-MM) keeps the events that take place
during that month in UTC (they start before its end and end after its start); ``when`` is
``upcoming`` (not ended yet) or ``past``.
"""

import datetime

import django_filters
from django.core.validators import RegexValidator, validate_slug
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.filters import (
    ANY,
    Lenient,
    PageFilterSet,
    StableOrderingFilter,
    validate_country_code,
)

from .models import EventPage, FocusPeriod

validate_month = RegexValidator(
    r"^[0-9]{4}-(0[1-9]|1[0-2])$", _("Give a month as YYYY-MM, e.g. 2026-05.")
)


class When:
    UPCOMING = "upcoming"
    PAST = "past"
    choices = [(UPCOMING, _("Upcoming")), (PAST, _("Past"))]


def month_bounds(value):
    year, month = (int(part) for part in value.split("-"))
    start = datetime.datetime(year, month, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=datetime.UTC)
    return start, end


class EventFilterSet(PageFilterSet):
    kind = django_filters.ChoiceFilter(
        choices=EventPage.Kind.choices,
        label=_("Kind"),
        empty_label=ANY,
        help_text=_("The kind of event, e.g. ?kind=workshop"),
    )
    month = django_filters.CharFilter(
        method="filter_month",
        label=_("Month"),
        help_text=_("Events taking place in this month (UTC), e.g. ?month=2026-05"),
        validators=[validate_month],
    )
    when = django_filters.ChoiceFilter(
        method="filter_when",
        choices=When.choices,
        label=_("When"),
        empty_label=ANY,
        help_text=_("Upcoming (not ended yet) or past events, e.g. ?when=upcoming"),
    )
    series = django_filters.CharFilter(
        method="filter_series",
        label=_("Series"),
        help_text=_("Event series slug, e.g. ?series=cci-contact-desk-network-meetings"),
        validators=[validate_slug],
    )
    ordering = StableOrderingFilter(
        fields=(("starts_at", "starts_at"), ("title", "title")),
        label=_("Order by"),
        empty_label=ANY,
        help_text=_("Order by; a minus sign reverses, e.g. ?ordering=-starts_at"),
    )

    class Meta:
        model = EventPage
        fields = [
            "search",
            "slug",
            "kind",
            "subsector",
            "country",
            "partner",
            "month",
            "when",
            "series",
            "language",
        ]

    def filter_partner(self, queryset, name, value):
        hosted = EventPage.objects.filter(Q(hosts__slug=value) | Q(co_hosts__slug=value)).values(
            "pk"
        )
        return queryset.filter(pk__in=hosted)

    def filter_month(self, queryset, name, value):
        start, end = month_bounds(value)
        return queryset.filter(starts_at__lt=end, ends_at__gte=start)

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == When.PAST:
            return queryset.filter(ends_at__lt=now)
        return queryset.filter(ends_at__gte=now)

    def filter_series(self, queryset, name, value):
        return queryset.filter(series__slug=value)


class LenientEventFilterSet(Lenient, EventFilterSet):
    hidden = (*Lenient.hidden, "series", "when", "language")


class FocusWhen:
    CURRENT = "current"
    COMING = "coming"
    PAST = "past"
    choices = [(CURRENT, _("Current")), (COMING, _("Coming")), (PAST, _("Past"))]


class FocusPeriodFilterSet(django_filters.FilterSet):
    """The focus schedule: ``?when=coming``, ``?country=EE``."""

    when = django_filters.ChoiceFilter(
        method="filter_when",
        choices=FocusWhen.choices,
        label=_("When"),
        empty_label=ANY,
        help_text=_("The current period, the coming ones or the past ones, e.g. ?when=coming"),
    )
    country = django_filters.CharFilter(
        method="filter_country",
        label=_("Country"),
        help_text=_("ISO 3166-1 alpha-2 country code, e.g. ?country=EE"),
        validators=[validate_country_code],
    )

    class Meta:
        model = FocusPeriod
        fields = ["when", "country"]

    def filter_when(self, queryset, name, value):
        today = timezone.localdate()
        if value == FocusWhen.COMING:
            return queryset.filter(starts_on__gt=today)
        current = current_focus_key(queryset, today)
        if value == FocusWhen.CURRENT:
            return queryset.filter(translation_key=current)
        return queryset.filter(starts_on__lte=today).exclude(translation_key=current)

    def filter_country(self, queryset, name, value):
        return queryset.filter(country__code__iexact=value)


def current_focus_key(queryset, today):
    """The translation key of the current period among ``queryset``: the last begun."""
    return (
        queryset.filter(starts_on__lte=today)
        .order_by("-starts_on", "pk")
        .values_list("translation_key", flat=True)
        .first()
    )
