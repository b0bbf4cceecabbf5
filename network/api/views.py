"""The event calendar in the content API: a list and a detail, with the content API's
locale, fallback, filter and error rules (courses/api/views.py) and the calendar's one
FilterSet (network/filters.py)::

    GET /api/v1/events/?locale=pl&when=upcoming&country=PL&kind=workshop
    GET /api/v1/events/31/?locale=de

Each event's ``ics_url`` is its iCalendar file; the calendar page's ``calendar.ics`` takes
the same filters as this list.
"""

from django.utils.translation import gettext_lazy

from courses.api.views import PageViewSet, documented

from ..filters import EventFilterSet
from ..models import EventPage
from . import serializers


@documented(serializers.EventSerializer, serializers.EventDetailSerializer)
class EventViewSet(PageViewSet):
    """The network's events, soonest first: ``?when=upcoming&partner=media-dizajn``."""

    model = EventPage
    not_found_message = gettext_lazy("No event has this id.")
    serializer_class = serializers.EventSerializer
    detail_serializer_class = serializers.EventDetailSerializer
    filterset_class = EventFilterSet
    default_ordering = ("starts_at", "pk")

    def optimize(self, queryset):
        queryset = super().optimize(queryset)
        if self.wants("series"):
            queryset = queryset.select_related("series")
        queryset = queryset.prefetch_related(
            *[name for name in ("hosts", "co_hosts", "subsectors", "countries") if self.wants(name)]
        )
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                *[name for name in ("related_courses", "related_case_studies") if self.wants(name)]
            )
        return queryset
